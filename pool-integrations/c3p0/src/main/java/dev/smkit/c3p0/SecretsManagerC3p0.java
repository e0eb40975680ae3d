package dev.smkit.c3p0;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.mchange.v2.c3p0.ComboPooledDataSource;
import dev.smkit.c3p0.internal.C3p0Factory;
import dev.smkit.jdbc.PoolLibrary;
import java.util.function.Consumer;

/**
 * Builds a {@link ComboPooledDataSource} from nothing but a secret holding {@code engine}, {@code host},
 * {@code port}, {@code dbname}, {@code username} and {@code password}: {@code driverClass} is the smkit wrapper driver
 * for the secret's engine (used directly, not looked up in DriverManager) and {@code jdbcUrl} is the secret ID.
 *
 * <pre>{@code
 * ComboPooledDataSource pool = SecretsManagerC3p0.forSecret("prod/orders-db")
 *         .configure(c -> c.setMaxPoolSize(20))
 *         .softResetOnRotation(true)
 *         .build();
 * }</pre>
 */
public final class SecretsManagerC3p0 {

    private SecretsManagerC3p0() {
    }

    /** A builder for a pool on the database that secret {@code secretId} (name or ARN) describes. */
    public static Builder forSecret(String secretId) {
        if (secretId == null || secretId.trim().isEmpty()) {
            throw new IllegalArgumentException("secretId must not be null or blank");
        }
        return new Builder(secretId);
    }

    /**
     * Collects the pool settings; {@link #build()} reads the secret and returns a started {@code ComboPooledDataSource}.
     * Not thread-safe.
     */
    public static final class Builder {
        private final String secretId;
        private SecretCache cache;
        private Consumer<? super ComboPooledDataSource> customizer; // no default lambda: it would load c3p0 classes
        private boolean softResetOnRotation;

        private Builder(String secretId) {
            this.secretId = secretId;
        }

        /**
         * The cache the factory validates the secret with and watches for rotations. Default, and recommended: the
         * wrapper drivers' shared cache for the pool's driver {@code properties}, which is the cache the driver that
         * c3p0 instantiates reads through, so one cache checks the secret. A cache given here is a second one: the
         * driver still reads credentials through the shared cache.
         */
        public Builder cache(SecretCache cache) {
            if (cache == null) {
                throw new IllegalArgumentException("cache must not be null");
            }
            this.cache = cache;
            return this;
        }

        /** Pool settings (sizes, timeouts, {@code properties} for the driver); not driverClass, jdbcUrl, user, password. */
        public Builder configure(Consumer<? super ComboPooledDataSource> customizer) {
            if (customizer == null) {
                throw new IllegalArgumentException("customizer must not be null");
            }
            this.customizer = customizer;
            return this;
        }

        /** Soft-reset the pool whenever the cache sees a new version of the secret (default false). */
        public Builder softResetOnRotation(boolean enabled) {
            this.softResetOnRotation = enabled;
            return this;
        }

        /**
         * @throws IllegalStateException when c3p0 is not on the class path
         * @throws IllegalArgumentException naming the secret when it cannot be read, has no or an unknown
         *     {@code engine}, or the configuration sets driverClass, jdbcUrl or credentials
         */
        public ComboPooledDataSource build() {
            PoolLibrary.require("com.mchange.v2.c3p0.ComboPooledDataSource", "c3p0", "com.mchange:c3p0:0.14.1");
            return C3p0Factory.build(secretId, cache, customizer,
                    softResetOnRotation);
        }
    }
}
