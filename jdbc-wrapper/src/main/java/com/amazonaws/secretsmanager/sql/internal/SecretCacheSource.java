package com.amazonaws.secretsmanager.sql.internal;

import com.amazonaws.secretsmanager.caching.SecretCache;
import java.sql.SQLException;
import java.util.function.Supplier;

/** Where a driver instance gets its {@link SecretCache}: the process-wide shared caches, or one of its own. */
public interface SecretCacheSource {

    SecretCache cacheFor(String secretId, DriverSettings settings) throws SQLException;

    /** A cache built on first use by {@code factory} (so constructing a driver never builds an SDK client). */
    static SecretCacheSource lazy(final Supplier<SecretCache> factory) {
        return new SecretCacheSource() {
            private volatile SecretCache cache;

            @Override
            public SecretCache cacheFor(String secretId, DriverSettings settings) throws SQLException {
                SecretCache existing = cache;
                if (existing != null) {
                    return existing;
                }
                synchronized (this) {
                    if (cache == null) {
                        try {
                            cache = factory.get();
                        } catch (RuntimeException e) {
                            throw new SQLException("Could not create the Secrets Manager client: " + e.getMessage(),
                                    "08001", e);
                        }
                    }
                    return cache;
                }
            }
        };
    }
}
