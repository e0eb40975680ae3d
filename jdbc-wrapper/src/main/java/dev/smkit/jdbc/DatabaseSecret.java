package dev.smkit.jdbc;

import com.amazonaws.secretsmanager.caching.SecretVersion;
import com.amazonaws.secretsmanager.sql.internal.SecretFields;
import java.sql.SQLException;

/**
 * The database fields of one secret version ({@code engine}, {@code host}, {@code port}, {@code dbname}, user name,
 * password), as the wrapper drivers read them. The JSON of each version is parsed once (memoized by version).
 *
 * <p>Validation happens in {@link #of}: a secret that is not a JSON object, lacks the user name or password key, has
 * a {@code port} that is not a TCP port, a {@code host} that is not a host name or IP address, or a {@code dbname}
 * with a character that would change a JDBC URL's structure ({@code / ? & ; # = @ :}, backslash, quotes, white
 * space, control characters) fails there with an {@link SQLException} naming the secret, the version and the key,
 * never a value. So {@link #host()} and {@link #dbname()} are safe to paste into a JDBC URL: they cannot add driver
 * properties to it. {@link #toString()} never shows the password (nor any other value).
 */
public final class DatabaseSecret {

    /** The default JSON key of the user name. */
    public static final String DEFAULT_USERNAME_KEY = "username";
    /** The default JSON key of the password. */
    public static final String DEFAULT_PASSWORD_KEY = "password";

    private final SecretFields fields;
    private final String host;
    private final Integer port;
    private final String dbname;
    private final String username;
    private final String password;

    private DatabaseSecret(SecretFields fields, String usernameKey, String passwordKey) throws SQLException {
        this.fields = fields;
        this.host = fields.optionalHost();
        this.port = fields.port();
        this.dbname = fields.dbname();
        this.username = fields.required(usernameKey);
        this.password = fields.required(passwordKey);
    }

    /** The fields of {@code version}, with the user name and password under {@code username} and {@code password}. */
    public static DatabaseSecret of(SecretVersion version) throws SQLException {
        return of(version, DEFAULT_USERNAME_KEY, DEFAULT_PASSWORD_KEY);
    }

    /**
     * The fields of {@code version}, with the user name and password under the given JSON keys.
     *
     * @throws IllegalArgumentException if an argument is null or a key is blank
     * @throws SQLException             if the version has no SecretString, is not a JSON object, lacks either key, or
     *                                  has an invalid {@code port}, {@code host} or {@code dbname}; the message names the
     *                                  secret and key, never a value
     */
    public static DatabaseSecret of(SecretVersion version, String usernameKey, String passwordKey)
            throws SQLException {
        if (version == null) {
            throw new IllegalArgumentException("version must not be null");
        }
        requireKey(usernameKey, "usernameKey");
        requireKey(passwordKey, "passwordKey");
        return new DatabaseSecret(SecretFields.of(version), usernameKey, passwordKey);
    }

    private static void requireKey(String key, String name) {
        if (key == null || key.trim().isEmpty()) {
            throw new IllegalArgumentException(name + " must not be null or blank");
        }
    }

    /** The secret ID the version was read under (name or ARN, as the caller asked). */
    public String secretId() {
        return fields.secretId();
    }

    public String versionId() {
        return fields.versionId();
    }

    /** The {@code engine} value as written in the secret (e.g. {@code postgres}), or null when absent. */
    public String engine() {
        return fields.optional("engine");
    }

    /** The {@code host} value (trimmed; a host name, IPv4 address or IPv6 literal), or null when absent. */
    public String host() {
        return host;
    }

    /** The {@code port} value, or null when absent. */
    public Integer port() {
        return port;
    }

    /** The {@code dbname} value (free of characters that change a JDBC URL's structure), or null when absent. */
    public String dbname() {
        return dbname;
    }

    /** The user name (never null). */
    public String username() {
        return username;
    }

    /** The password (never null). Keep it out of logs. */
    public String password() {
        return password;
    }

    /** Any top-level scalar field (string, number or boolean, as text), or null when absent, null or blank. */
    public String field(String key) {
        if (key == null) {
            throw new IllegalArgumentException("key must not be null");
        }
        return fields.optional(key);
    }

    /** The secret ID, version ID and the names of the keys present; never a value. */
    @Override
    public String toString() {
        return "DatabaseSecret{secretId=" + secretId() + ", versionId=" + versionId() + ", keys=" + fields.keys() + '}';
    }
}
