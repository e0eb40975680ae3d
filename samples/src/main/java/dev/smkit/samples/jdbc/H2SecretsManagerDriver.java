package dev.smkit.samples.jdbc;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerDriver;
import com.amazonaws.secretsmanager.util.SQLExceptionUtils;

/**
 * A wrapper driver for an engine the library does not ship, H2, written the way AWS driver users add engines: extend
 * {@link AWSSecretsManagerDriver}, implement its four hooks, and register an instance from a static initializer.
 * Secrets for it carry {@code "engine": "h2"} (the subprefix), so the built-in wrappers leave them to this class.
 */
public final class H2SecretsManagerDriver extends AWSSecretsManagerDriver {

    /** {@code jdbc-secretsmanager:h2:...} URLs and {@code drivers.h2.realDriverClass}. */
    public static final String SUBPREFIX = "h2";

    /** H2's error code for a wrong user name or password ({@code org.h2.api.ErrorCode.WRONG_USER_OR_PASSWORD}). */
    public static final int WRONG_USER_OR_PASSWORD = 28000;

    static {
        AWSSecretsManagerDriver.register(new H2SecretsManagerDriver());
    }

    public H2SecretsManagerDriver() {
        super();
    }

    public H2SecretsManagerDriver(SecretCache cache) {
        super(cache);
    }

    public H2SecretsManagerDriver(SecretCacheConfiguration configuration) {
        super(configuration);
    }

    @Override
    public String getPropertySubprefix() {
        return SUBPREFIX;
    }

    /** Wrong credentials: the secret is checked for a newer version and the login retried. */
    @Override
    public boolean isExceptionDueToAuthenticationError(Exception exception) {
        return SQLExceptionUtils.unwrapAndCheckForCode(exception, WRONG_USER_OR_PASSWORD);
    }

    /** An H2 server URL: {@code jdbc:h2:tcp://host[:port]/dbname} (dbname relative to the server's base directory). */
    @Override
    public String constructUrlFromEndpointPortDatabase(String endpoint, String port, String dbname) {
        StringBuilder url = new StringBuilder("jdbc:h2:tcp://").append(endpoint);
        if (port != null && !port.isEmpty()) {
            url.append(':').append(port);
        }
        return url.append('/').append(dbname == null ? "" : dbname).toString();
    }

    @Override
    public String getDefaultDriverClass() {
        return "org.h2.Driver";
    }
}
