package dev.smkit.hikari.internal;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.hikari.SoftEvictOnRotation;
import dev.smkit.jdbc.PoolLibrary;
import dev.smkit.jdbc.SecretsManagerJdbc;
import java.lang.reflect.InvocationTargetException;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Consumer;

/** Builds the pool for {@code SecretsManagerHikari}; only loaded once HikariCP is known to be present. */
public final class HikariFactory {

    private HikariFactory() {
    }

    /**
     * {@code customizer} may be null; {@code cache} null means the wrapper drivers' shared cache for the configured
     * driver properties (the one a driver created by class name would use).
     */
    public static HikariDataSource build(String secretId, SecretCache cache, Consumer<? super HikariConfig> customizer,
            boolean softEvictOnRotation) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(PoolLibrary.poolName(secretId));
        if (customizer != null) {
            customizer.accept(config);
        }
        if (config.getUsername() != null || config.getPassword() != null || config.getCredentialsProvider() != null
                || config.getJdbcUrl() != null || config.getDriverClassName() != null
                || config.getDataSourceClassName() != null || config.getDataSource() != null) {
            throw new IllegalArgumentException("Pool for secret '" + secretId + "': the secret supplies the URL, driver "
                    + "and credentials; do not set jdbcUrl, driverClassName, dataSource*, username, password or "
                    + "credentialsProvider");
        }
        // Driver properties (ssl settings...) go to the wrapper driver, not to Hikari's bean setters.
        Properties driverProperties = new Properties();
        driverProperties.putAll(config.getDataSourceProperties());
        config.setDataSourceProperties(new Properties());
        SecretCache source = cache != null ? cache : sharedCache(secretId, driverProperties);
        String driverClassName = SecretsManagerJdbc.wrapperDriverClassName(source, secretId);
        config.setDataSource(new WrapperDataSource(newDriver(driverClassName, source), secretId, driverProperties));

        OwnedHikariDataSource dataSource = new OwnedHikariDataSource(config);
        if (softEvictOnRotation) {
            dataSource.closeWithPool(SoftEvictOnRotation.register(source, secretId, dataSource));
        }
        return dataSource;
    }

    private static SecretCache sharedCache(String secretId, Properties driverProperties) {
        try {
            return SecretsManagerJdbc.sharedCache(secretId, driverProperties);
        } catch (SQLException e) {
            throw new IllegalArgumentException("No Secrets Manager cache for secret '" + secretId + "': "
                    + e.getMessage(), e);
        }
    }

    private static Driver newDriver(String driverClassName, SecretCache cache) {
        try {
            return (Driver) Class.forName(driverClassName, true, HikariFactory.class.getClassLoader())
                    .getConstructor(SecretCache.class).newInstance(cache);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Could not create " + driverClassName, e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("Could not create " + driverClassName, e);
        }
    }

    /** Closes what the factory attached to the pool (the rotation listener) together with the pool. */
    static final class OwnedHikariDataSource extends HikariDataSource {
        private volatile AutoCloseable attachment;

        OwnedHikariDataSource(HikariConfig config) {
            super(config);
        }

        void closeWithPool(AutoCloseable attachment) {
            this.attachment = attachment;
        }

        @Override
        public void close() {
            AutoCloseable toClose = attachment;
            attachment = null;
            if (toClose != null) {
                try {
                    toClose.close();
                } catch (Exception e) {
                    throw new IllegalStateException("Could not detach " + toClose, e);
                }
            }
            super.close();
        }
    }
}
