package com.amazonaws.secretsmanager.sql.internal;

import com.amazonaws.secretsmanager.caching.SecretVersion;
import dev.smkit.jdbc.DatabaseSecret;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a wrapper driver does: tell the URL kind apart, resolve the engine and the real URL, then log in through
 * {@link LoginRetry}. Settings come from {@link ConnectionSettings}; the engine of a bare secret ID from
 * {@link EngineResolution}; caches from a {@link SecretCacheSource}.
 */
public final class Connector {

    private static final Logger LOG = LoggerFactory.getLogger("com.amazonaws.secretsmanager.sql");

    private final Dialect dialect;
    /** The table's row; null for an application's subclass (then {@link #dialect} holds its hooks). */
    private final Engine engine;
    private final SecretCacheSource caches;
    private final RotationWindows windows = new RotationWindows();
    private volatile RetryTiming timing = RetryTiming.SYSTEM;

    public Connector(Dialect dialect, SecretCacheSource caches) {
        this.dialect = dialect;
        this.engine = dialect.tableEngine();
        this.caches = caches;
    }

    /** The table's row, or null for an application's subclass. */
    public Engine engine() {
        return engine;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** For tests: a clock and sleep that do not wait. */
    public void setRetryTiming(RetryTiming timing) {
        this.timing = timing;
    }

    /** Lets go of the caches this driver holds (it was deregistered). */
    public void close() {
        caches.close();
    }

    /**
     * {@link java.sql.Driver#acceptsURL}: ours if wrapped with this engine's subprotocol, or a secret ID whose engine
     * resolves to this one. A secret that cannot be read or resolved right now counts as ours, so that {@code connect}
     * reports the real error instead of DriverManager's "no suitable driver".
     */
    public boolean accepts(String url) throws SQLException {
        JdbcUrl parsed = parse(url);
        switch (parsed.kind()) {
            case WRAPPED:
                return parsed.hasSubprotocol(dialect.subprotocol());
            case SECRET_ID:
                return ownsSecret(parsed.secretId());
            default:
                return false;
        }
    }

    /** {@link java.sql.Driver#connect}. */
    public Connection connect(String url, Properties info) throws SQLException {
        JdbcUrl parsed = parse(url);
        switch (parsed.kind()) {
            case WRAPPED:
                return parsed.hasSubprotocol(dialect.subprotocol()) ? connectWrapped(parsed.realUrl(), info) : null;
            case SECRET_ID:
                return connectBySecretId(parsed.secretId(), info);
            case BLANK:
                throw new SQLException("The JDBC URL is blank: expected a secret ID (name or ARN) or "
                        + JdbcUrl.SCHEME + "<subprotocol>:...", "08001");
            default:
                return null;
        }
    }

    private boolean ownsSecret(String secretId) {
        try {
            DriverSettings settings = ConnectionSettings.process(); // acceptsURL has no connection properties
            CachedSecret location = cached(secretId, settings);
            return resolve(location.current(), settings) != null;
        } catch (SQLException | RuntimeException e) {
            LOG.debug("Accepting secret ID '{}' without knowing its engine ({}); connect will report why",
                    secretId, e.getClass().getSimpleName());
            return true;
        }
    }

    private Connection connectWrapped(String realUrl, Properties info) throws SQLException {
        DriverSettings settings = ConnectionSettings.of(info);
        RealLogin login = new RealLogin(dialect.realDriver(settings), realUrl, copyForRealDriver(info));
        String credentialsId = credentialsSecretId(info);
        if (credentialsId == null) {
            return login.withCallersOwnCredentials(); // no secret named: the caller's properties as they are
        }
        CachedSecret credentials = cached(credentialsId, settings);
        return logIn(login, credentials, credentials.current(), settings);
    }

    private Connection connectBySecretId(String secretId, Properties info) throws SQLException {
        DriverSettings settings = ConnectionSettings.of(info);
        CachedSecret location = cached(secretId, settings);
        SecretVersion version = location.current();
        EngineResolution resolution = resolve(version, settings);
        if (resolution == null) {
            return null; // another engine's secret: DriverManager asks that engine's wrapper (acceptsURL agrees)
        }
        RealLogin login = new RealLogin(dialect.realDriver(settings),
                realUrl(SecretFields.of(version), resolution.engine()), copyForRealDriver(info));
        String credentialsId = credentialsSecretId(info);
        try {
            if (credentialsId == null || credentialsId.equals(secretId)) {
                return logIn(login, location, version, settings);
            }
            CachedSecret credentials = cached(credentialsId, settings);
            return logIn(login, credentials, credentials.current(), settings);
        } catch (SQLException e) {
            if (resolution.basis() == EngineResolution.Basis.GUESSED && resolution.engine() != null) {
                e.addSuppressed(resolution.guessHint(secretId));
            }
            throw e;
        }
    }

    /**
     * How this wrapper serves the secret, or null when it is another engine's. A table engine: the secret's engine as
     * {@link EngineResolution} finds it, served by this wrapper if {@link Engine#serves} says so; a secret whose
     * {@code engine} is the subprotocol of a registered application subclass is left to that subclass. An application
     * subclass: secrets without {@code engine} or naming its subprotocol.
     */
    private EngineResolution resolve(SecretVersion version, final DriverSettings settings) throws SQLException {
        SecretFields secret = SecretFields.of(version);
        String secretEngine = secret.optional("engine");
        if (engine == null) {
            if (secretEngine == null) {
                return EngineResolution.of(null, EngineResolution.Basis.GUESSED);
            }
            return secretEngine.trim().equalsIgnoreCase(dialect.subprotocol())
                    ? EngineResolution.of(null, EngineResolution.Basis.SECRET_ENGINE) : null;
        }
        if (secretEngine != null && Engine.forSecretEngine(secretEngine) == null
                && SubclassEngines.isRegistered(secretEngine)) {
            return null;
        }
        Predicate<Engine> available = candidate -> RealDrivers.isAvailable(candidate, settings);
        EngineResolution resolution = EngineResolution.resolve(secret.secretId(), secretEngine, secret.port(), engine,
                settings.engine(), available);
        if (resolution.engine() == engine) {
            return resolution;
        }
        return resolution.basis() == EngineResolution.Basis.SECRET_ENGINE && engine.serves(resolution.engine(), available)
                ? resolution : null;
    }

    private String realUrl(SecretFields secret, Engine secretEngine) throws SQLException {
        return dialect.realUrl(secret.host(), secret.port(), secret.dbname(), secretEngine);
    }

    private Connection logIn(RealLogin login, CachedSecret secret, SecretVersion current, DriverSettings settings)
            throws SQLException {
        return new LoginRetry(dialect, settings, timing, windows, LoginRetry.PROCESS_SPREAD_SALT)
                .connect(secret, current, login);
    }

    private CachedSecret cached(String secretId, DriverSettings settings) throws SQLException {
        return new CachedSecret(caches.cacheFor(secretId, settings), secretId);
    }

    /** The secret ID in the {@code user} property, or null when there is none. */
    private static String credentialsSecretId(Properties info) throws SQLException {
        String secretId = info == null ? null : info.getProperty("user");
        if (secretId != null && secretId.trim().isEmpty()) {
            throw new SQLException("The secret ID in the user connection property is blank", "08001");
        }
        return secretId;
    }

    /** One real driver, one real URL, the caller's properties: a login with given credentials. */
    private static final class RealLogin implements LoginRetry.Login {
        private final Driver driver;
        private final String url;
        private final Properties properties;

        RealLogin(Driver driver, String url, Properties properties) {
            this.driver = driver;
            this.url = url;
            this.properties = properties;
        }

        Connection withCallersOwnCredentials() throws SQLException {
            return driver.connect(url, properties);
        }

        @Override
        public Connection attempt(DatabaseSecret credentials) throws SQLException {
            Properties attempt = (Properties) properties.clone(); // a flat copy: no defaults layer, see below
            attempt.setProperty("user", credentials.username());
            attempt.setProperty("password", credentials.password());
            Connection connection = driver.connect(url, attempt);
            if (connection == null) {
                throw new SQLException("The real driver " + driver.getClass().getName() + " does not accept the URL "
                        + url, "08001");
            }
            return connection;
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

    /** The process settings with this connection's allowed {@code drivers.*} properties on top (see ConnectionSettings). */
    public static DriverSettings settings(Properties info) throws SQLException {
        return ConnectionSettings.of(info);
    }
}
