package dev.smkit.hikari.internal;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;

/**
 * Opens connections through one wrapper driver instance (bound to the pool's cache) with a secret ID as the URL, so
 * the pool needs neither DriverManager nor a {@code jdbc:} URL. The secret supplies host, database and credentials.
 */
public final class WrapperDataSource extends DriverDataSource {

    private final String secretId;
    private final Properties connectionProperties;

    public WrapperDataSource(Driver driver, String secretId, Properties connectionProperties) {
        super(driver);
        this.secretId = secretId;
        this.connectionProperties = new Properties();
        this.connectionProperties.putAll(connectionProperties);
    }

    @Override
    public Connection getConnection() throws SQLException {
        Properties properties = new Properties();
        properties.putAll(connectionProperties);
        Connection connection = driver.connect(secretId, properties);
        if (connection == null) {
            throw new SQLException(driver.getClass().getSimpleName() + " declined secret '" + secretId
                    + "' (its engine belongs to another driver)", "08001");
        }
        return connection;
    }

    /** The secret holds the credentials; a separate user name would be mistaken for another secret ID. */
    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("Credentials come from secret '" + secretId
                + "'; do not set username/password on this pool");
    }

    @Override
    public String toString() {
        return "WrapperDataSource[secretId=" + secretId + ", driver=" + driver.getClass().getName() + "]";
    }
}
