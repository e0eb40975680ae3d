package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.internal.Connector;
import com.amazonaws.secretsmanager.sql.internal.DriverSettings;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import com.amazonaws.secretsmanager.sql.internal.EngineSelection;
import com.amazonaws.secretsmanager.sql.internal.JdbcUrl;
import com.amazonaws.secretsmanager.sql.internal.RealDrivers;
import com.amazonaws.secretsmanager.sql.internal.RetryTiming;
import com.amazonaws.secretsmanager.sql.internal.SecretCacheSource;
import com.amazonaws.secretsmanager.sql.internal.SharedSecretCaches;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * A JDBC driver that logs in with database credentials stored in AWS Secrets Manager, and keeps logging in through
 * credential rotations. One subclass per database engine; they differ only in the engine they stand for.
 *
 * <p>URLs: {@code jdbc-secretsmanager:<subprotocol>:...} (the real driver gets {@code jdbc:<subprotocol>:...}; the
 * {@code user} property is the secret ID), or a bare secret ID or ARN (host, port and dbname come from the secret).
 * {@code jdbc:} URLs belong to other drivers. See the module README for configuration and rotation handling.
 *
 * <p>Loading a driver class never touches the network or AWS configuration: the Secrets Manager client and cache are
 * created on the first {@link #connect}. Drivers built with the no-arg constructor share one cache per region and
 * endpoint across all engines.
 */
public abstract class AWSSecretsManagerDriver implements Driver {

    /** The prefix of wrapped URLs (followed by {@code :<subprotocol>:}). */
    public static final String SCHEME = "jdbc-secretsmanager";

    private static final int MAJOR_VERSION = 0;
    private static final int MINOR_VERSION = 1;

    private final Connector connector;

    AWSSecretsManagerDriver(Engine engine) {
        this.connector = new Connector(engine, SharedSecretCaches.INSTANCE, false);
    }

    AWSSecretsManagerDriver(Engine engine, final SecretCache cache) {
        requireNonNull(cache, "cache");
        this.connector = new Connector(engine, (secretId, settings) -> cache, true);
    }

    AWSSecretsManagerDriver(Engine engine, final SecretsManagerClientBuilder builder) {
        requireNonNull(builder, "builder");
        this.connector = new Connector(engine, SecretCacheSource.lazy(() -> new SecretCache(builder)), true);
    }

    AWSSecretsManagerDriver(Engine engine, final SecretsManagerClient client) {
        requireNonNull(client, "client");
        this.connector = new Connector(engine, SecretCacheSource.lazy(() -> new SecretCache(client)), true);
    }

    AWSSecretsManagerDriver(Engine engine, final SecretCacheConfiguration configuration) {
        requireNonNull(configuration, "configuration");
        this.connector = new Connector(engine, SecretCacheSource.lazy(() -> new SecretCache(configuration)), true);
    }

    /**
     * Registers {@code driver} with DriverManager. Each engine class calls this once from its static initializer;
     * applications that build a driver with their own cache or client may register it themselves.
     */
    public static void register(AWSSecretsManagerDriver driver) {
        requireNonNull(driver, "driver");
        try {
            DriverManager.registerDriver(driver);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not register " + driver.getClass().getName() + " with DriverManager", e);
        }
    }

    /** The static-initializer step shared by every engine class. */
    static void initializeDriverClass(Engine engine, boolean alwaysExplicit, AWSSecretsManagerDriver driver) {
        // Record first: on Java 8, registering triggers DriverManager's ServiceLoader scan.
        EngineSelection.driverClassInitialized(engine, alwaysExplicit);
        register(driver);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        return connector.connect(url, info);
    }

    @Override
    public boolean acceptsURL(String url) throws SQLException {
        return connector.accepts(url);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        List<DriverPropertyInfo> properties = new ArrayList<DriverPropertyInfo>();
        DriverPropertyInfo user = new DriverPropertyInfo("user", info == null ? null : info.getProperty("user"));
        user.description = "The secret ID (name or ARN) of the secret holding the database credentials";
        properties.add(user);
        for (DriverSettings.Key key : DriverSettings.Key.values()) {
            DriverPropertyInfo setting = new DriverPropertyInfo(key.property(),
                    info == null ? null : info.getProperty(key.property()));
            setting.description = "Secrets Manager JDBC setting (environment variable " + key.environmentVariable()
                    + (key.defaultValue() != null ? ", default " + key.defaultValue() : "") + ")";
            properties.add(setting);
        }
        if (url != null && url.startsWith(JdbcUrl.SCHEME) && acceptsURL(url)) {
            DriverSettings settings = Connector.settings(info);
            Engine engine = connector.engine();
            if (RealDrivers.isAvailable(engine, settings)) {
                String realUrl = JdbcUrl.parse(url).realUrl();
                DriverPropertyInfo[] real;
                try {
                    real = RealDrivers.get(engine, settings).getPropertyInfo(realUrl, connectorCopy(info));
                } catch (RuntimeException e) {
                    // Some real drivers' URL parsers throw runtime exceptions on malformed URLs; JDBC callers expect
                    // an SQLException.
                    throw new SQLException("Invalid URL for the " + engine.subprotocol() + " driver: " + url,
                            "08001", e);
                }
                for (DriverPropertyInfo property : real) {
                    if (!"user".equals(property.name) && !"password".equals(property.name)) {
                        properties.add(property);
                    }
                }
            }
        }
        return properties.toArray(new DriverPropertyInfo[0]);
    }

    private static Properties connectorCopy(Properties info) {
        Properties copy = new Properties();
        if (info != null) {
            for (String name : info.stringPropertyNames()) {
                if (!name.startsWith(DriverSettings.PREFIX)) {
                    copy.setProperty(name, info.getProperty(name));
                }
            }
        }
        return copy;
    }

    @Override
    public int getMajorVersion() {
        return MAJOR_VERSION;
    }

    @Override
    public int getMinorVersion() {
        return MINOR_VERSION;
    }

    /** False: compliance is the real driver's property, and which real driver serves a bare secret ID varies. */
    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() {
        return Logger.getLogger("com.amazonaws.secretsmanager.sql");
    }

    /** For tests in this package: a retry clock and sleep that do not wait. */
    void setRetryTiming(RetryTiming timing) {
        connector.setRetryTiming(timing);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "{subprotocol=" + connector.engine().subprotocol() + '}';
    }

    private static void requireNonNull(Object value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }
}
