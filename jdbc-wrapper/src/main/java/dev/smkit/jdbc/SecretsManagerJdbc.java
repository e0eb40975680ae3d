package dev.smkit.jdbc;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.sql.internal.Connector;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import com.amazonaws.secretsmanager.sql.internal.JdbcUrl;
import com.amazonaws.secretsmanager.sql.internal.LoginRetryCounters;
import com.amazonaws.secretsmanager.sql.internal.SettingSources;
import com.amazonaws.secretsmanager.sql.internal.SharedSecretCaches;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

/**
 * What the wrapper drivers know, for pool integrations and applications: the shared {@link SecretCache} the drivers
 * use, the engine table (secret {@code engine} values and their wrapper driver classes), and the login counters.
 */
public final class SecretsManagerJdbc {

    private static final List<String> ENGINE_NAMES;

    static {
        com.amazonaws.secretsmanager.sql.internal.DuplicateJars.checkOnce();
        List<String> names = new ArrayList<String>();
        for (Engine engine : Engine.values()) {
            names.addAll(engine.secretEngineNames());
        }
        ENGINE_NAMES = Collections.unmodifiableList(names);
    }

    private SecretsManagerJdbc() {
    }

    /**
     * The {@link SecretCache} that drivers built with the no-arg constructor use for {@code secretId} under the
     * process-wide configuration ({@code secretsmanager.properties}, system properties, environment; an ARN's region):
     * the same instance, created on first use.
     *
     * @throws IllegalArgumentException if {@code secretId} is null or blank
     * @throws SQLException             if the configuration is invalid or the Secrets Manager client cannot be built
     *                                  (e.g. no region): SQLState 08001
     */
    public static SecretCache sharedCache(String secretId) throws SQLException {
        return sharedCache(secretId, null);
    }

    /**
     * As {@link #sharedCache(String)}, with the {@code drivers.*} settings in {@code connectionProperties} (may be
     * null) applied on top, as a driver does for a connection with those properties.
     */
    public static SecretCache sharedCache(String secretId, Properties connectionProperties) throws SQLException {
        if (secretId == null || secretId.trim().isEmpty()) {
            throw new IllegalArgumentException("secretId must not be null or blank");
        }
        return SharedSecretCaches.INSTANCE.cacheFor(secretId, Connector.settings(connectionProperties));
    }

    /**
     * The wrapper driver class name (two-S spelling) for a secret's {@code engine} value, case-insensitive: e.g.
     * {@code postgres} gives {@code com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver}.
     *
     * @throws IllegalArgumentException naming the value and listing every supported one, when it is unknown or null
     */
    public static String wrapperDriverClassName(String secretEngine) {
        Engine engine = Engine.forSecretEngine(secretEngine);
        if (engine == null) {
            throw new IllegalArgumentException("Unknown database engine " + (secretEngine == null ? "null"
                    : "'" + secretEngine + "'") + "; supported engine values: " + String.join(", ", ENGINE_NAMES));
        }
        return engine.wrapperDriverClassName();
    }

    /**
     * The wrapper driver class name for the database that secret {@code secretId} describes, read through
     * {@code cache} (its {@code engine} key). For factories that build a pool from nothing but a secret ID.
     *
     * @throws IllegalArgumentException naming the secret (never a value) when it cannot be read, is not a database
     *     secret, or has no or an unknown {@code engine}; the message lists the supported engine values
     */
    public static String wrapperDriverClassName(SecretCache cache, String secretId) {
        DatabaseSecret secret;
        try {
            secret = DatabaseSecret.of(cache.getSecretVersion(secretId));
        } catch (SQLException | RuntimeException e) {
            throw new IllegalArgumentException("Could not read secret '" + secretId + "': "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        if (secret.engine() == null) {
            throw new IllegalArgumentException("Secret '" + secretId + "' has no JSON key 'engine'; supported engine "
                    + "values: " + String.join(", ", ENGINE_NAMES));
        }
        try {
            return wrapperDriverClassName(secret.engine());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Secret '" + secretId + "': " + e.getMessage(), e);
        }
    }

    /**
     * The wrapper driver class name for a {@code jdbc-secretsmanager:<subprotocol>:...} URL, from its subprotocol
     * alone (no network): e.g. {@code jdbc-secretsmanager:postgresql://host/db} gives
     * {@code com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver}. For frameworks that need a driver
     * class name for such a URL. Null for a URL that is not wrapped (a {@code jdbc:} URL, a secret ID, null).
     *
     * @throws IllegalArgumentException for a wrapped URL whose subprotocol is none of the engine table's; the message
     *     names the subprotocol (not the rest of the URL, which may hold credentials) and lists the supported ones
     */
    public static String wrapperDriverClassNameForUrl(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith(JdbcUrl.SCHEME)) {
            return null;
        }
        JdbcUrl url = JdbcUrl.parse(jdbcUrl);
        List<String> subprotocols = new ArrayList<String>();
        for (Engine engine : Engine.values()) {
            if (url.hasSubprotocol(engine.subprotocol())) {
                return engine.wrapperDriverClassName();
            }
            subprotocols.add(engine.subprotocol());
        }
        String rest = jdbcUrl.substring(JdbcUrl.SCHEME.length());
        int end = rest.indexOf(':');
        throw new IllegalArgumentException("Unknown subprotocol '" + (end < 0 ? rest : rest.substring(0, end))
                + "' after " + JdbcUrl.SCHEME + "; supported subprotocols: " + String.join(", ", subprotocols));
    }

    /**
     * The exception in {@code failure}'s cause chain by which the database behind {@code jdbcUrl} (a native
     * {@code jdbc:<subprotocol>:} URL of one of the seven engines) rejected the credentials, or null if there is none
     * or the URL names no engine of the table. Uses the same per-engine codes as the wrapper drivers' retry.
     */
    public static SQLException findRejectedCredentials(String jdbcUrl, Throwable failure) {
        if (jdbcUrl == null) {
            return null;
        }
        for (Engine engine : Engine.values()) {
            if (jdbcUrl.startsWith("jdbc:" + engine.subprotocol() + ":")) {
                return engine.findAuthFailure(failure);
            }
        }
        return null;
    }

    /**
     * A process-level setting read the way the drivers read theirs: {@code secretsmanager.properties} on the class
     * path, then the system property {@code key}, then the environment variable {@code environmentVariable}; blank
     * values count as absent. For pool integrations' own keys (e.g. the HikariCP provider's secret ID), so that every
     * smkit key follows one order.
     */
    public static String processSetting(String key, String environmentVariable) {
        return SettingSources.ofProcess().text(key, environmentVariable);
    }

    /**
     * The drivers' login counters for the whole process so far: logins made, retries by reason, and connects that
     * gave up with the credentials still rejected. For metrics (see the smkit-micrometer module).
     */
    public static LoginRetryStats loginRetryStats() {
        return new LoginRetryStats(LoginRetryCounters.attempts(), LoginRetryCounters.retries(),
                LoginRetryCounters.rejectedAfterBudgetCount());
    }

    /** Every secret {@code engine} value the drivers understand (lower case, in engine-table order; unmodifiable). */
    public static List<String> supportedEngineNames() {
        return ENGINE_NAMES;
    }
}
