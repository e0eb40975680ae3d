package dev.smkit.spring.boot.autoconfigure.internal;

import com.amazonaws.secretsmanager.sql.internal.JdbcUrl;

/**
 * What a {@code spring.datasource.url} says about secrets, in one place for the driver inference and the health
 * indicator: a {@code jdbc-secretsmanager:} URL logs in with the secret named by the username, and a URL that is not
 * a JDBC URL at all is itself a secret ID (the form the drivers accept).
 */
public final class BootDataSourceUrl {

    private BootDataSourceUrl() {
    }

    /** Whether {@code url} (trimmed, not empty) is a bare secret ID rather than a JDBC URL. */
    public static boolean isSecretId(String url) {
        return !url.startsWith("jdbc:") && !url.startsWith(JdbcUrl.SCHEME);
    }

    /**
     * The secret Boot's DataSource logs in with through the wrapper drivers, or null when {@code url} (trimmed; may
     * be null) is a native JDBC URL or names no secret.
     */
    public static String secretId(String url, String username) {
        if (url == null || url.isEmpty() || url.startsWith("jdbc:")) {
            return null;
        }
        return url.startsWith(JdbcUrl.SCHEME) ? username : url;
    }
}
