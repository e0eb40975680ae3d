package dev.smkit.hikari;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.hikari.internal.HikariFactory;
import dev.smkit.jdbc.PoolLibrary;
import java.util.function.Consumer;

/**
 * Builds a started {@link HikariDataSource} from nothing but a secret holding {@code engine}, {@code host},
 * {@code port}, {@code dbname}, {@code username} and {@code password}. Connections go through the smkit wrapper
 * driver for the secret's engine, bound to the builder's cache, so logins that fail after a rotation are retried with
 * the new credentials.
 *
 * <pre>{@code
 * HikariDataSource pool = SecretsManagerHikari.forSecret("prod/orders-db")
 *         .configure(c -> c.setMaximumPoolSize(20))
 *         .softEvictOnRotation(true)
 *         .build();
 * }</pre>
 */
public final class SecretsManagerHikari {

    private SecretsManagerHikari() {
    }

    /** A builder for a pool on the database that secret {@code secretId} (name or ARN) describes. */
    public static Builder forSecret(String secretId) {
        if (secretId == null || secretId.trim().isEmpty()) {
            throw new IllegalArgumentException("secretId must not be null or blank");
        }
        return new Builder(secretId);
    }

    /**
     * Collects the pool settings; {@link #build()} reads the secret and returns a started {@code HikariDataSource}.
     * Not thread-safe.
     */
    public static final class Builder {
        private final String secretId;
        private SecretCache cache;
        private Consumer<? super HikariConfig> customizer; // no default lambda: it would need HikariConfig loaded
        private boolean softEvictOnRotation;

        private Builder(String secretId) {
            this.secretId = secretId;
        }

        /**
         * The cache to read the secret through; default: the wrapper drivers' shared cache
         * ({@code SecretsManagerJdbc.sharedCache}, with the {@code drivers.*} keys of the configured data source
         * properties applied), which is also the credentials provider's default.
         */
        public Builder cache(SecretCache cache) {
            if (cache == null) {
                throw new IllegalArgumentException("cache must not be null");
            }
            this.cache = cache;
            return this;
        }

        /**
         * Pool settings (size, timeouts, name, {@code dataSourceProperties} passed to the driver). URL, driver and
         * credentials come from the secret and must not be set here.
         */
        public Builder configure(Consumer<? super HikariConfig> customizer) {
            if (customizer == null) {
                throw new IllegalArgumentException("customizer must not be null");
            }
            this.customizer = customizer;
            return this;
        }

        /** Soft-evict the pool whenever the cache sees a new version of the secret (default false). */
        public Builder softEvictOnRotation(boolean enabled) {
            this.softEvictOnRotation = enabled;
            return this;
        }

        /**
         * Reads the secret, then creates and starts the pool.
         *
         * @throws IllegalStateException when HikariCP is not on the class path
         * @throws IllegalArgumentException naming the secret when it cannot be read, has no or an unknown
         *     {@code engine}, or the configuration sets URL, driver or credentials
         */
        public HikariDataSource build() {
            PoolLibrary.require("com.zaxxer.hikari.HikariDataSource", "HikariCP", "com.zaxxer:HikariCP:7.1.0");
            return HikariFactory.build(secretId, cache, customizer,
                    softEvictOnRotation);
        }
    }
}
