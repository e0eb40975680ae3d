package dev.smkit.c3p0.internal;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.mchange.v2.c3p0.ComboPooledDataSource;
import dev.smkit.c3p0.SoftResetOnRotation;
import dev.smkit.jdbc.SecretsManagerJdbc;
import java.beans.PropertyVetoException;
import java.sql.SQLException;
import java.util.Properties;
import java.util.function.Consumer;

/** Builds the pool for {@code SecretsManagerC3p0}; only loaded once c3p0 is known to be present. */
public final class C3p0Factory {

    private C3p0Factory() {
    }

    /**
     * {@code customizer} may be null; {@code cache} null means the wrapper drivers' shared cache for the pool's
     * driver {@code properties}: the very cache the driver c3p0 instantiates reads through.
     */
    public static ComboPooledDataSource build(String secretId, SecretCache cache,
            Consumer<? super ComboPooledDataSource> customizer, boolean softResetOnRotation) {
        ComboPooledDataSource pool = new ComboPooledDataSource();
        try {
            if (customizer != null) {
                customizer.accept(pool);
            }
            if (pool.getUser() != null || pool.getPassword() != null || pool.getJdbcUrl() != null) {
                throw new IllegalArgumentException("Pool for secret '" + secretId + "': the secret supplies the URL "
                        + "and credentials; do not set jdbcUrl, user or password");
            }
            SecretCache source = cache != null ? cache : sharedCache(secretId, pool.getProperties());
            String driverClassName = SecretsManagerJdbc.wrapperDriverClassName(source, secretId);
            try {
                pool.setDriverClass(driverClassName);
            } catch (PropertyVetoException e) {
                throw new IllegalStateException("c3p0 refused driver class " + driverClassName, e);
            }
            // With a bare secret ID every wrapper driver accepts the URL: use the engine's own, not DriverManager's.
            pool.setForceUseNamedDriverClass(true);
            pool.setJdbcUrl(secretId);
            if (softResetOnRotation) {
                // ComboPooledDataSource is final and has no close hook: the listener detaches itself at the first
                // rotation after the pool was closed (the reset fails then).
                SoftResetOnRotation.register(source, secretId, pool);
            }
            return pool;
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
    }

    private static SecretCache sharedCache(String secretId, Properties driverProperties) {
        try {
            return SecretsManagerJdbc.sharedCache(secretId, driverProperties);
        } catch (SQLException e) {
            throw new IllegalArgumentException("No Secrets Manager cache for secret '" + secretId + "': "
                    + e.getMessage(), e);
        }
    }
}
