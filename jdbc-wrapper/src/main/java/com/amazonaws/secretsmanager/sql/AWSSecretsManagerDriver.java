package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.internal.ConnectionSettings;
import com.amazonaws.secretsmanager.sql.internal.Connector;
import com.amazonaws.secretsmanager.sql.internal.Dialect;
import com.amazonaws.secretsmanager.sql.internal.DriverSettings;
import com.amazonaws.secretsmanager.sql.internal.DuplicateJars;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import com.amazonaws.secretsmanager.sql.internal.JdbcUrl;
import com.amazonaws.secretsmanager.sql.internal.LoginFailure;
import com.amazonaws.secretsmanager.sql.internal.RealDrivers;
import com.amazonaws.secretsmanager.sql.internal.RetryTiming;
import com.amazonaws.secretsmanager.sql.internal.SecretCacheSource;
import com.amazonaws.secretsmanager.sql.internal.SharedSecretCaches;
import com.amazonaws.secretsmanager.sql.internal.SubclassEngines;
import com.amazonaws.secretsmanager.util.Config;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverAction;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * A JDBC driver that logs in with database credentials stored in AWS Secrets Manager, and keeps logging in through
 * credential rotations. The seven engine classes of this package are rows of one engine table; an application adds an
 * engine by subclassing this class and implementing the four hooks ({@link #getPropertySubprefix},
 * {@link #isExceptionDueToAuthenticationError}, {@link #constructUrlFromEndpointPortDatabase},
 * {@link #getDefaultDriverClass}), as with the AWS driver.
 *
 * <p>URLs: {@code jdbc-secretsmanager:<subprotocol>:...} (the real driver gets {@code jdbc:<subprotocol>:...}; the
 * {@code user} property is the secret ID), or a bare secret ID or ARN (host, port and dbname come from the secret).
 * {@code jdbc:} URLs belong to other drivers. See the module README for configuration and rotation handling.
 *
 * <p>Loading a driver class never touches the network or AWS configuration: the Secrets Manager client and cache are
 * created on the first {@link #connect}. Drivers built with the no-arg constructor share one cache per region and
 * endpoint across all engines.
 *
 * <p>Registration: every constructor registers the new instance with DriverManager, with a {@link DriverAction}, when
 * no instance of the same class is registered yet (so each class's static initializer registers its default instance,
 * and the AWS driver's recipe "deregister the default, then construct your own" registers yours). DriverManager thus
 * holds at most one instance per class; {@link #register} makes a given instance the registered one of its class,
 * deregistering the previous one. {@code DriverManager.deregisterDriver} closes what the instance owns (a cache it
 * built from a client, builder or configuration) and releases the shared caches it used.
 */
public abstract class AWSSecretsManagerDriver implements Driver {

    /** The prefix of wrapped URLs (followed by {@code :<subprotocol>:}). */
    public static final String SCHEME = "jdbc-secretsmanager";

    /**
     * The AWS driver's number of retries after the first login (6 logins in all). This library's budget is
     * {@code drivers.retry.maxAttempts} logins that repeat rejected credentials (default 6, the first login included)
     * within {@code drivers.retry.maxDurationMillis}; a version not tried yet costs no attempt.
     */
    public static final int MAX_RETRY = 5;

    /** The prefix of every configuration key: {@code drivers.<subprefix>.realDriverClass}, {@code drivers.region}. */
    public static final String PROPERTY_PREFIX = "drivers";

    /** The AWS driver's message for a secret that is not JSON (this library's messages also name the secret). */
    public static final String INVALID_SECRET_STRING_JSON = "Could not parse SecretString JSON";

    private static final int MAJOR_VERSION = 0;
    private static final int MINOR_VERSION = 1;
    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger("com.amazonaws.secretsmanager.sql");

    /** Drivers registered by this class and not deregistered yet (identity). */
    private static final Set<AWSSecretsManagerDriver> REGISTERED =
            Collections.newSetFromMap(new IdentityHashMap<AWSSecretsManagerDriver, Boolean>());

    private final Connector connector;

    /** A driver on the process-wide shared cache (region, endpoint, TTL and size from the configuration). */
    protected AWSSecretsManagerDriver() {
        this(SharedSecretCaches.INSTANCE.newHolder());
    }

    /** A driver on {@code cache}, which stays the caller's: deregistration leaves it open. */
    protected AWSSecretsManagerDriver(SecretCache cache) {
        this(SecretCacheSource.given(requireNonNull(cache, "cache")));
    }

    /** A driver on a cache it builds from {@code builder} on first use (and closes on deregistration). */
    protected AWSSecretsManagerDriver(final SecretsManagerClientBuilder builder) {
        this(owned(requireNonNull(builder, "builder")));
    }

    /** A driver on a cache it builds around {@code client} on first use (and closes on deregistration). */
    protected AWSSecretsManagerDriver(final SecretsManagerClient client) {
        this(owned(requireNonNull(client, "client")));
    }

    /** A driver on a cache it builds from {@code configuration} on first use (and closes on deregistration). */
    protected AWSSecretsManagerDriver(final SecretCacheConfiguration configuration) {
        this(owned(requireNonNull(configuration, "configuration")));
    }

    private AWSSecretsManagerDriver(SecretCacheSource caches) {
        DuplicateJars.checkOnce();
        Engine engine = tableEngine();
        this.connector = new Connector(engine != null ? engine : new SubclassHooks(), caches);
        registerIfFirstOfItsClass(this);
    }

    private static SecretCacheSource owned(final Object from) {
        return SecretCacheSource.owned(() -> from instanceof SecretsManagerClientBuilder
                ? new SecretCache((SecretsManagerClientBuilder) from)
                : from instanceof SecretsManagerClient ? new SecretCache((SecretsManagerClient) from)
                : new SecretCache((SecretCacheConfiguration) from));
    }

    /** The engine table's row of this class; null for an application's subclass (its hooks are used instead). */
    Engine tableEngine() {
        return null;
    }

    // ---- the AWS driver's hooks ------------------------------------------------------------------------------------

    /** The subprotocol: {@code jdbc-secretsmanager:<subprefix>:...} and the {@code drivers.<subprefix>.*} keys. */
    public abstract String getPropertySubprefix();

    /**
     * Whether a failed login means "wrong credentials", so that a newer secret version may fix it (the secret is
     * checked and the login retried). Called with the exception the real driver threw.
     */
    public abstract boolean isExceptionDueToAuthenticationError(Exception exception);

    /**
     * The real JDBC URL for a secret-ID URL, from the secret's {@code host}, {@code port} (null when the secret has
     * none) and {@code dbname} (null when absent). The values passed in are checked first: a host name or IP literal,
     * a port number, a database name without URL delimiters.
     */
    public abstract String constructUrlFromEndpointPortDatabase(String endpoint, String port, String dbname);

    /** The real driver class used unless {@code drivers.<subprefix>.realDriverClass} names another. */
    public abstract String getDefaultDriverClass();

    /**
     * The real driver this wrapper delegates to: the class named by {@code drivers.<subprefix>.realDriverClass} or
     * {@link #getDefaultDriverClass()}, instantiated directly (not looked up in DriverManager, whose class-loader filter
     * hides drivers from libraries in another class loader). {@link IllegalStateException} when it cannot be loaded.
     * A subclass may override it to supply its own instance.
     */
    public Driver getWrappedDriver() {
        try {
            Engine engine = tableEngine();
            if (engine != null) {
                return RealDrivers.get(engine, ConnectionSettings.process());
            }
            String subprefix = getPropertySubprefix();
            String className = Config.loadMainConfig().getSubconfig(PROPERTY_PREFIX + "." + subprefix)
                    .getStringPropertyWithDefault("realDriverClass", getDefaultDriverClass());
            return RealDrivers.forClassName(subprefix, className);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The hooks of an application's subclass, as the connector asks for them. */
    private final class SubclassHooks implements Dialect {
        @Override
        public Engine tableEngine() {
            return null;
        }

        @Override
        public String subprotocol() {
            return getPropertySubprefix();
        }

        @Override
        public LoginFailure classify(Throwable failure) {
            return LoginFailure.ofHook(failure instanceof Exception
                    && isExceptionDueToAuthenticationError((Exception) failure), failure);
        }

        @Override
        public String realUrl(String host, Integer port, String dbname, Engine secretEngine) throws SQLException {
            String url;
            try {
                url = constructUrlFromEndpointPortDatabase(host, port == null ? null : String.valueOf(port), dbname);
            } catch (RuntimeException e) {
                throw new SQLException(AWSSecretsManagerDriver.this.getClass().getName()
                        + ".constructUrlFromEndpointPortDatabase failed", "08001", e);
            }
            if (url == null) {
                throw new SQLException(AWSSecretsManagerDriver.this.getClass().getName()
                        + ".constructUrlFromEndpointPortDatabase returned null", "08001");
            }
            return url;
        }

        @Override
        public Driver realDriver(DriverSettings settings) throws SQLException {
            try {
                Driver driver = getWrappedDriver();
                if (driver == null) {
                    throw new IllegalStateException(AWSSecretsManagerDriver.this.getClass().getName()
                            + ".getWrappedDriver returned null");
                }
                return driver;
            } catch (IllegalStateException e) {
                throw new SQLException(e.getMessage(), "08001", e);
            }
        }
    }

    // ---- registration ----------------------------------------------------------------------------------------------

    /**
     * Makes {@code driver} the instance of its class that DriverManager holds: registers it with a
     * {@link DriverAction} that closes what it owns when it is deregistered, then deregisters the instance of the same
     * class registered before it, if any (closing what that one owns). Registering an instance twice does nothing.
     */
    public static void register(AWSSecretsManagerDriver driver) {
        requireNonNull(driver, "driver");
        AWSSecretsManagerDriver previous;
        synchronized (REGISTERED) {
            if (REGISTERED.contains(driver)) {
                return;
            }
            previous = registeredInstanceOf(driver.getClass());
        }
        doRegister(driver);
        if (previous != null) {
            try {
                DriverManager.deregisterDriver(previous);
            } catch (SQLException | SecurityException e) {
                LOG.warn("Could not deregister the previous {} instance: {}", previous.getClass().getName(),
                        e.toString());
            }
        }
    }

    /** What every constructor does: register, unless an instance of the same class is registered already. */
    private static void registerIfFirstOfItsClass(AWSSecretsManagerDriver driver) {
        synchronized (REGISTERED) {
            if (registeredInstanceOf(driver.getClass()) != null) {
                return; // usable directly (a pool's driver instance); DriverManager keeps the one it has
            }
            REGISTERED.add(driver); // reserved under the lock, so two racing constructors register one instance
        }
        doRegister(driver);
    }

    private static AWSSecretsManagerDriver registeredInstanceOf(Class<?> type) {
        for (AWSSecretsManagerDriver registered : REGISTERED) {
            if (registered.getClass() == type) {
                return registered;
            }
        }
        return null;
    }

    private static void doRegister(AWSSecretsManagerDriver driver) {
        synchronized (REGISTERED) {
            REGISTERED.add(driver);
        }
        try {
            DriverManager.registerDriver(driver, driver.new Deregistration());
        } catch (SQLException | RuntimeException e) {
            synchronized (REGISTERED) {
                REGISTERED.remove(driver);
            }
            throw new IllegalStateException("Could not register " + driver.getClass().getName()
                    + " with DriverManager", e);
        }
        if (driver.tableEngine() == null) {
            try {
                SubclassEngines.registered(driver.getPropertySubprefix());
            } catch (RuntimeException e) {
                LOG.debug("{}.getPropertySubprefix failed while registering", driver.getClass().getName(), e);
            }
        }
    }

    /** What {@code DriverManager.deregisterDriver} runs for a driver registered by this class. */
    private final class Deregistration implements DriverAction {
        @Override
        public void deregister() {
            connector.close();
            boolean lastOne;
            synchronized (REGISTERED) {
                lastOne = REGISTERED.remove(AWSSecretsManagerDriver.this) && REGISTERED.isEmpty();
            }
            if (lastOne) {
                SharedSecretCaches.INSTANCE.releaseIntegrations();
            }
        }
    }

    // ---- java.sql.Driver -------------------------------------------------------------------------------------------

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
                    + (key.defaultValue() != null ? ", default " + key.defaultValue() : "")
                    + (key.scope() == DriverSettings.Scope.CONNECTION ? ""
                    : key.scope() == DriverSettings.Scope.OPT_IN
                    ? "; process-level only unless listed in drivers.allowPerConnection" : "; process-level only") + ")";
            properties.add(setting);
        }
        if (url != null && url.startsWith(JdbcUrl.SCHEME) && acceptsURL(url)) {
            DriverSettings settings = ConnectionSettings.process(); // the real driver is a process-level choice
            Engine engine = connector.engine();
            Driver realDriver = null;
            if (engine == null) {
                realDriver = connector.dialect().realDriver(settings);
            } else if (RealDrivers.isAvailable(engine, settings)) {
                realDriver = RealDrivers.get(engine, settings);
            }
            if (realDriver != null) {
                String realUrl = JdbcUrl.parse(url).realUrl();
                DriverPropertyInfo[] real;
                try {
                    real = realDriver.getPropertyInfo(realUrl, connectorCopy(info));
                } catch (RuntimeException e) {
                    // Some real drivers' URL parsers throw runtime exceptions on malformed URLs; JDBC callers expect
                    // an SQLException.
                    throw new SQLException("Invalid URL for the " + connector.dialect().subprotocol() + " driver: "
                            + url, "08001", e);
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

    /** The {@code com.amazonaws.secretsmanager.sql} JUL logger (never throws; the clause is the AWS driver's). */
    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return Logger.getLogger("com.amazonaws.secretsmanager.sql");
    }

    /** For tests in this package: a retry clock and sleep that do not wait. */
    void setRetryTiming(RetryTiming timing) {
        connector.setRetryTiming(timing);
    }

    @Override
    public String toString() {
        String subprotocol;
        try {
            subprotocol = connector.dialect().subprotocol();
        } catch (RuntimeException e) {
            subprotocol = "?";
        }
        return getClass().getSimpleName() + "{subprotocol=" + subprotocol + '}';
    }

    private static <T> T requireNonNull(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }
}
