package dev.smkit.c3p0.internal;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretVersion;
import com.mchange.v2.c3p0.ComboPooledDataSource;
import dev.smkit.c3p0.SoftResetOnRotation;
import java.beans.PropertyVetoException;
import java.util.function.Consumer;

/** Builds the pool for {@code SecretsManagerC3p0}; only loaded once c3p0 is known to be present. */
public final class C3p0Factory {

    private C3p0Factory() {
    }

    /** {@code customizer} may be null. */
    public static ComboPooledDataSource build(String secretId, SecretCache cache,
            Consumer<? super ComboPooledDataSource> customizer, boolean softResetOnRotation) {
        WrapperEngine engine = engineOf(cache, secretId);
        ComboPooledDataSource pool = new ComboPooledDataSource();
        if (customizer != null) {
            customizer.accept(pool);
        }
        if (pool.getUser() != null || pool.getPassword() != null || pool.getJdbcUrl() != null) {
            pool.close();
            throw new IllegalArgumentException("Pool for secret '" + secretId + "': the secret supplies the URL and "
                    + "credentials; do not set jdbcUrl, user or password");
        }
        try {
            pool.setDriverClass(engine.driverClassName());
        } catch (PropertyVetoException e) {
            pool.close();
            throw new IllegalStateException("c3p0 refused driver class " + engine.driverClassName(), e);
        }
        // With a bare secret ID every wrapper driver accepts the URL: use the engine's own, not DriverManager's first.
        pool.setForceUseNamedDriverClass(true);
        pool.setJdbcUrl(secretId);
        if (softResetOnRotation) {
            // ComboPooledDataSource is final and has no close hook: the listener detaches itself once the pool is closed.
            SoftResetOnRotation.register(cache, secretId, pool);
        }
        return pool;
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
}
