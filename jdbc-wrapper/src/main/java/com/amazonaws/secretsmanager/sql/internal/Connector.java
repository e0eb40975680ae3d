package com.amazonaws.secretsmanager.sql.internal;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretVersion;
import dev.smkit.jdbc.DatabaseSecret;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * What a wrapper driver does on {@code connect}: work out the real URL, engine and credentials secret, then log in,
 * following credential rotations (see {@link #connectWithSecret}).
 */
public final class Connector {

    private static final Logger LOG = LoggerFactory.getLogger("com.amazonaws.secretsmanager.sql");
    private static final String PENDING_STAGE = "AWSPENDING";
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 2000;

    private static volatile SettingSources processSources;
    private static volatile DriverSettings processSettings;

    private final Engine engine;
    private final SecretCacheSource caches;
    private final boolean explicitInstance;
    private volatile RetryTiming timing = RetryTiming.SYSTEM;

    /**
     * @param explicitInstance whether the application built this driver itself with its own cache or client (so for
     *                         an engine-less secret, its engine counts as chosen by the application)
     */
    public Connector(Engine engine, SecretCacheSource caches, boolean explicitInstance) {
        this.engine = engine;
        this.caches = caches;
        this.explicitInstance = explicitInstance;
    }

    public Engine engine() {
        return engine;
    }

    /** For tests: a clock and sleep that do not wait. */
    public void setRetryTiming(RetryTiming timing) {
        this.timing = timing;
    }

    /**
     * {@link java.sql.Driver#acceptsURL}: ours if wrapped with this engine's subprotocol, or a secret ID whose secret
     * resolves to this engine. A secret that cannot be read or resolved right now counts as ours, so that
     * {@code connect} reports the real error instead of DriverManager's "no suitable driver".
     */
    public boolean accepts(String url) throws SQLException {
        JdbcUrl parsed = parse(url);
        switch (parsed.kind()) {
            case WRAPPED:
                return parsed.hasSubprotocol(engine.subprotocol());
            case SECRET_ID:
                return ownsSecret(parsed.secretId());
            default:
                return false;
        }
    }

    private boolean ownsSecret(String secretId) {
        try {
            // No connection properties here: the process-wide settings decide which cache is consulted.
            DriverSettings settings = settings(null);
            SecretFields secret = SecretFields.of(fetchCurrent(caches.cacheFor(secretId, settings), secretId));
            return resolveEngine(secretId, secret, settings) == engine;
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Accepting secret ID '{}' without knowing its engine ({}); connect will report why",
                    secretId, e.getClass().getSimpleName());
            return true;
        }
    }

    /** {@link java.sql.Driver#connect}. */
    public Connection connect(String url, Properties info) throws SQLException {
        JdbcUrl parsed = parse(url);
        switch (parsed.kind()) {
            case WRAPPED:
                if (!parsed.hasSubprotocol(engine.subprotocol())) {
                    return null;
                }
                return connectWrapped(parsed.realUrl(), info);
            case SECRET_ID:
                return connectBySecretId(parsed.secretId(), info);
            case BLANK:
                throw new SQLException("The JDBC URL is blank: expected a secret ID (name or ARN) or "
                        + JdbcUrl.SCHEME + "<subprotocol>:...", "08001");
            default:
                return null;
        }
    }

    private Connection connectWrapped(String realUrl, Properties info) throws SQLException {
        DriverSettings settings = settings(info);
        Driver realDriver = RealDrivers.get(engine, settings);
        Properties properties = copyForRealDriver(info);
        String secretId = info == null ? null : info.getProperty("user");
        if (secretId == null) {
            // No secret named: the caller's own credentials, if any, go to the real driver unchanged.
            return realDriver.connect(realUrl, properties);
        }
        requireSecretId(secretId, "the user connection property");
        SecretCache cache = caches.cacheFor(secretId, settings);
        return connectWithSecret(realDriver, realUrl, cache, secretId, fetchCurrent(cache, secretId),
                properties, settings);
    }

    private Connection connectBySecretId(String secretId, Properties info) throws SQLException {
        DriverSettings settings = settings(info);
        SecretCache cache = caches.cacheFor(secretId, settings);
        SecretVersion version = fetchCurrent(cache, secretId);
        SecretFields secret = SecretFields.of(version);
        // Several of our drivers may be registered: a secret of another engine is not ours (JDBC's null), and
        // DriverManager goes on to that engine's wrapper. acceptsURL answers the same, for DriverManager.getDriver.
        if (resolveEngine(secretId, secret, settings) != engine) {
            return null;
        }
        Integer port = secret.port();
        String realUrl = engine.buildUrl(secret.host(), port != null ? port : engine.defaultPort(), secret.dbname());
        Driver realDriver = RealDrivers.get(engine, settings);
        Properties properties = copyForRealDriver(info);
        String credentialsId = info == null ? null : info.getProperty("user");
        if (credentialsId == null || credentialsId.equals(secretId)) {
            return connectWithSecret(realDriver, realUrl, cache, secretId, version, properties, settings);
        }
        requireSecretId(credentialsId, "the user connection property");
        SecretCache credentialsCache = caches.cacheFor(credentialsId, settings);
        return connectWithSecret(realDriver, realUrl, credentialsCache, credentialsId,
                fetchCurrent(credentialsCache, credentialsId), properties, settings);
    }

    /** The engine a bare-ID secret belongs to (see {@link EngineSelection}). */
    private Engine resolveEngine(String secretId, SecretFields secret, final DriverSettings settings)
            throws SQLException {
        // An instance the application built and called itself is a stronger hint than any class it loaded.
        Set<Engine> preferred = explicitInstance ? EnumSet.of(engine) : EngineSelection.explicitlyLoaded();
        return new EngineSelection(preferred, candidate -> RealDrivers.isAvailable(candidate, settings))
                .select(secretId, secret.optional("engine"), secret.port());
    }

    /**
     * Logs in with the secret's credentials. On an authentication failure: (1) if the cached version moved since
     * these credentials were read, retry with the new one at once; (2) otherwise force one shared version check;
     * (3) if that finds nothing new but an AWSPENDING version exists, try it (the single-user rotation window, when
     * the database already has the new password); (4) back off with jitter; all within the retry budget, after which
     * the last failure is reported as SQLState 28000.
     */
    private Connection connectWithSecret(Driver realDriver, String realUrl, SecretCache cache,
                                         String secretId, SecretVersion current, Properties properties,
                                         DriverSettings settings) throws SQLException {
        RetryTiming clock = timing;
        long start = clock.nanoTime();
        long backoff = FIRST_BACKOFF_MILLIS;
        SecretVersion attempt = current;
        boolean triedPending = false;
        int checks = 0;
        int attempts = 0;
        while (true) {
            DatabaseSecret credentials = DatabaseSecret.of(attempt, settings.usernameKey(), settings.passwordKey());
            properties.setProperty("user", credentials.username());
            properties.setProperty("password", credentials.password());
            attempts++;
            SQLException authFailure;
            try {
                Connection connection = realDriver.connect(realUrl, properties);
                if (connection == null) {
                    throw new SQLException("The real driver " + realDriver.getClass().getName()
                            + " does not accept the URL " + realUrl, "08001");
                }
                return connection;
            } catch (SQLException | RuntimeException e) {
                authFailure = engine.findAuthFailure(e);
                if (authFailure == null) {
                    throw e;
                }
                properties.remove("password");
                long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - start);
                if (attempts >= settings.retryMaxAttempts() || elapsedMillis >= settings.retryMaxDurationMillis()) {
                    throw rejected(secretId, attempts, elapsedMillis, authFailure, e);
                }
                // A check may reuse one that just happened (so a rotation's thundering herd shares one call), but a
                // check reused from just before the rotation would hide the new version: the second one is forced.
                SecretVersion fresh = ++checks == 2 ? forceRefresh(cache, secretId, current, e)
                        : refresh(cache, secretId, current, e);
                if (!fresh.getVersionId().equals(current.getVersionId())) {
                    warn(secretId, attempts, elapsedMillis, authFailure, "retrying with new version "
                            + fresh.getVersionId());
                    current = fresh;
                    attempt = fresh;
                    triedPending = false;
                    continue;
                }
                if (!triedPending) {
                    triedPending = true;
                    SecretVersion pending = pending(cache, secretId);
                    if (pending != null && !pending.getVersionId().equals(current.getVersionId())) {
                        warn(secretId, attempts, elapsedMillis, authFailure, "trying AWSPENDING version "
                                + pending.getVersionId());
                        attempt = pending;
                        continue;
                    }
                }
                long remaining = settings.retryMaxDurationMillis() - elapsedMillis;
                long sleep = Math.min(remaining, backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1));
                warn(secretId, attempts, elapsedMillis, authFailure, "backing off " + sleep + " ms");
                try {
                    clock.sleep(sleep);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    SQLException stopped = new SQLException("Interrupted while waiting to retry the login with secret '"
                            + secretId + "'", "08001", interrupted);
                    stopped.addSuppressed(e);
                    throw stopped;
                }
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                attempt = current;
                triedPending = false;
            }
        }
    }

    private static SQLException rejected(String secretId, int attempts, long elapsedMillis, SQLException authFailure,
                                         Exception last) {
        return new SQLException("The database rejected the credentials from secret '" + secretId + "' on " + attempts
                + (attempts == 1 ? " attempt" : " attempts") + " over " + elapsedMillis + " ms (last SQLState "
                + authFailure.getSQLState() + ", vendor code " + authFailure.getErrorCode() + "), even after "
                + "checking Secrets Manager for a newer version. Check that the secret's credentials match the database.",
                "28000", authFailure.getErrorCode(), last);
    }

    private static void warn(String secretId, int attempt, long elapsedMillis, SQLException authFailure, String action) {
        LOG.warn("Database rejected the credentials from secret '{}' (SQLState {}, vendor code {}) on attempt {} after "
                + "{} ms; {}", secretId, authFailure.getSQLState(), authFailure.getErrorCode(), attempt, elapsedMillis,
                action);
    }

    private static SecretVersion refresh(SecretCache cache, String secretId, SecretVersion current, Exception failure)
            throws SQLException {
        try {
            return cache.refreshIfUnchanged(secretId, current.getVersionId());
        } catch (RuntimeException e) {
            SQLException mapped = fetchFailure(secretId, e);
            mapped.addSuppressed(failure);
            throw mapped;
        }
    }

    private static SecretVersion forceRefresh(SecretCache cache, String secretId, SecretVersion current,
                                              Exception failure) throws SQLException {
        try {
            if (!cache.refreshNow(secretId)) {
                return current; // Secrets Manager failed this time: keep backing off within the budget
            }
            return cache.getSecretVersion(secretId);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            SQLException stopped = new SQLException("Interrupted while checking secret '" + secretId
                    + "' for a new version", "08001", interrupted);
            stopped.addSuppressed(failure);
            throw stopped;
        } catch (RuntimeException e) {
            SQLException mapped = fetchFailure(secretId, e);
            mapped.addSuppressed(failure);
            throw mapped;
        }
    }

    /** The AWSPENDING version, or null if there is none or it cannot be read (then backing off is all that is left). */
    private static SecretVersion pending(SecretCache cache, String secretId) {
        try {
            return cache.getSecretVersion(secretId, PENDING_STAGE);
        } catch (RuntimeException e) {
            LOG.debug("Could not read the AWSPENDING version of secret '{}': {}", secretId, e.getClass().getSimpleName());
            return null;
        }
    }

    private static SecretVersion fetchCurrent(SecretCache cache, String secretId) throws SQLException {
        try {
            return cache.getSecretVersion(secretId);
        } catch (RuntimeException e) {
            throw fetchFailure(secretId, e);
        }
    }

    /** Secrets Manager failures as SQLExceptions with the SDK exception as the cause. */
    static SQLException fetchFailure(String secretId, RuntimeException e) {
        if (e instanceof ResourceNotFoundException) {
            return new SQLException("Secret '" + secretId + "' was not found in Secrets Manager (check the name or ARN, "
                    + "the region and the AWS account)", "28000", e);
        }
        if (e instanceof SecretsManagerException) {
            SecretsManagerException service = (SecretsManagerException) e;
            String code = service.awsErrorDetails() != null ? service.awsErrorDetails().errorCode() : null;
            return new SQLException("Secrets Manager refused to return secret '" + secretId + "': " + code
                    + " (HTTP " + service.statusCode() + ")", "28000", e);
        }
        if (e instanceof SdkClientException) {
            return new SQLException("Secrets Manager could not be reached for secret '" + secretId + "': "
                    + e.getMessage(), "08001", e);
        }
        return new SQLException("Could not read secret '" + secretId + "': " + e.getMessage(), "08001", e);
    }

    private static void requireSecretId(String secretId, String where) throws SQLException {
        if (secretId.trim().isEmpty()) {
            throw new SQLException("The secret ID in " + where + " is blank", "08001");
        }
    }

    /**
     * A copy of the caller's properties (including any defaults layer) without our {@code drivers.*} keys. Copied,
     * never chained as defaults: drivers that iterate entries would not see a defaults layer.
     */
    static Properties copyForRealDriver(Properties info) {
        Properties copy = new Properties();
        if (info == null) {
            return copy;
        }
        for (String name : info.stringPropertyNames()) {
            copy.setProperty(name, info.getProperty(name));
        }
        for (Map.Entry<Object, Object> entry : info.entrySet()) {
            if (!(entry.getValue() instanceof String)) {
                copy.put(entry.getKey(), entry.getValue());
            }
        }
        for (Iterator<Object> names = copy.keySet().iterator(); names.hasNext(); ) {
            Object name = names.next();
            if (name instanceof String && ((String) name).startsWith(DriverSettings.PREFIX)) {
                names.remove();
            }
        }
        return copy;
    }

    private static JdbcUrl parse(String url) throws SQLException {
        if (url == null) {
            throw new SQLException("The JDBC URL is null", "08001");
        }
        return JdbcUrl.parse(url);
    }

    /** The process settings, with this connection's {@code drivers.*} properties on top if it has any. */
    public static DriverSettings settings(Properties info) throws SQLException {
        try {
            if (DriverSettings.mentionsOurKeys(info)) {
                return DriverSettings.from(processSources().withConnection(info));
            }
            DriverSettings settings = processSettings;
            if (settings == null) {
                settings = DriverSettings.from(processSources());
                processSettings = settings;
            }
            return settings;
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new SQLException("Invalid Secrets Manager JDBC driver configuration: " + e.getMessage(), "08001", e);
        }
    }

    private static SettingSources processSources() {
        SettingSources sources = processSources;
        if (sources == null) {
            sources = SettingSources.ofProcess();
            processSources = sources;
        }
        return sources;
    }
}
