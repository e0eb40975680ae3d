package dev.smkit.hikari.internal;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretVersion;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.hikari.SoftEvictOnRotation;
import java.lang.reflect.InvocationTargetException;
import java.sql.Driver;
import java.util.Properties;
import java.util.function.Consumer;

/** Builds the pool for {@code SecretsManagerHikari}; only loaded once HikariCP is known to be present. */
public final class HikariFactory {

    private HikariFactory() {
    }

    /** {@code customizer} may be null. */
    public static HikariDataSource build(String secretId, SecretCache cache, Consumer<? super HikariConfig> customizer,
            boolean softEvictOnRotation) {
        WrapperEngine engine = engineOf(cache, secretId);
        HikariConfig config = new HikariConfig();
        config.setPoolName("smkit-" + secretId);
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
        config.setDataSource(new WrapperDataSource(newDriver(engine, cache), secretId, driverProperties));

        OwnedHikariDataSource dataSource = new OwnedHikariDataSource(config);
        if (softEvictOnRotation) {
            dataSource.closeWithPool(SoftEvictOnRotation.register(cache, secretId, dataSource));
        }
        return dataSource;
    }

    static WrapperEngine engineOf(SecretCache cache, String secretId) {
        SecretVersion version;
        try {
            version = cache.getSecretVersion(secretId);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Could not read secret '" + secretId + "': "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        String engine = SecretCredentials.parse(version).optional("engine").orElseThrow(() ->
                new IllegalArgumentException("Secret '" + secretId + "' has no JSON key 'engine'; supported engines: "
                        + WrapperEngine.supportedNames()));
        return WrapperEngine.forSecretEngine(secretId, engine);
    }

    private static Driver newDriver(WrapperEngine engine, SecretCache cache) {
        try {
            return (Driver) Class.forName(engine.driverClassName(), true, HikariFactory.class.getClassLoader())
                    .getConstructor(SecretCache.class).newInstance(cache);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Could not create " + engine.driverClassName(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("Could not create " + engine.driverClassName()
                    + " (is dev.smkit:smkit-jdbc on the class path?)", e);
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
