package dev.smkit.hikari.internal;

import dev.smkit.jdbc.SecretsManagerJdbc;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens connections with the pool's native driver and {@code jdbc:} URL, exactly as HikariCP's own driver data source
 * would, and reports to {@link LoginEvidence} whether the database accepted or rejected each set of credentials.
 * That report is the failure signal HikariCP does not give a credentials provider. Rejections are recognised with
 * the wrapper drivers' per-engine codes ({@link SecretsManagerJdbc#findRejectedCredentials}); other failures
 * (refused connection, unknown database) are not evidence about the password and are not reported.
 *
 * <p>{@link #setLoginTimeout} is not supported: the native driver's own timeout properties apply (for example
 * pgjdbc's {@code loginTimeout}), as with HikariCP's driver data source.
 */
public final class LoginObservingDataSource extends DriverDataSource {

    private final String jdbcUrl;
    private final Properties driverProperties;
    private final LoginEvidence evidence;

    public LoginObservingDataSource(Driver driver, String jdbcUrl, Properties driverProperties, LoginEvidence evidence) {
        super(driver);
        this.jdbcUrl = jdbcUrl;
        this.driverProperties = new Properties();
        this.driverProperties.putAll(driverProperties);
        this.evidence = evidence;
    }

    /**
     * The native driver for {@code jdbcUrl}: an instance of {@code driverClassName} if given (checked to be a
     * {@link Driver} before it is initialised), else the one DriverManager picks.
     *
     * @throws IllegalArgumentException naming the class or URL when there is no such driver
     */
    public static Driver nativeDriver(String jdbcUrl, String driverClassName) {
        if (driverClassName == null) {
            try {
                return DriverManager.getDriver(jdbcUrl);
            } catch (SQLException e) {
                throw new IllegalArgumentException("No JDBC driver accepts the pool's jdbcUrl (subprotocol '"
                        + subprotocol(jdbcUrl) + "'); add the database's driver or set driverClassName", e);
            }
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try {
            Class<?> type = Class.forName(driverClassName, false,
                    loader != null ? loader : LoginObservingDataSource.class.getClassLoader());
            if (!Driver.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException("driverClassName " + driverClassName + " is not a java.sql.Driver");
            }
            return (Driver) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalArgumentException("Cannot create driverClassName " + driverClassName + ": "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private static String subprotocol(String jdbcUrl) {
        String[] parts = jdbcUrl.split(":", 3);
        return parts.length > 1 ? parts[1] : jdbcUrl;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connect(new Properties(), null, null);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        Properties properties = new Properties();
        if (username != null) {
            properties.setProperty("user", username);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return connect(properties, username, password);
    }

    private Connection connect(Properties credentials, String username, String password) throws SQLException {
        Properties properties = new Properties();
        properties.putAll(driverProperties);
        properties.putAll(credentials);
        Connection connection;
        try {
            connection = driver.connect(jdbcUrl, properties);
        } catch (SQLException | RuntimeException e) {
            if (username != null && SecretsManagerJdbc.findRejectedCredentials(jdbcUrl, e) != null) {
                evidence.rejected(username, password);
            }
            throw e;
        }
        if (connection == null) {
            throw new SQLException(driver.getClass().getName() + " does not accept the pool's jdbcUrl (subprotocol '"
                    + subprotocol(jdbcUrl) + "')", "08001");
        }
        if (username != null) {
            evidence.accepted(username, password);
        }
        return connection;
    }

    @Override
    public String toString() {
        return "LoginObservingDataSource[driver=" + driver.getClass().getName() + "]"; // the URL may carry options
    }
}
