package com.amazonaws.secretsmanager.sql.internal;

import com.amazonaws.secretsmanager.caching.SecretCache;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Where a driver instance gets its {@link SecretCache}: the process-wide shared caches, a cache it was given, or one
 * it builds (and owns) from a client, builder or configuration it was given.
 */
public interface SecretCacheSource {

    SecretCache cacheFor(String secretId, DriverSettings settings) throws SQLException;

    /**
     * Lets go of what this source holds (called when the driver is deregistered): closes a cache it built, releases
     * shared caches, leaves a given cache alone. A later {@link #cacheFor} opens what it needs again.
     */
    void close();

    /** A cache the application gave; never closed by the driver. */
    static SecretCacheSource given(final SecretCache cache) {
        return new SecretCacheSource() {
            @Override
            public SecretCache cacheFor(String secretId, DriverSettings settings) {
                return cache;
            }

            @Override
            public void close() {
                // the application's
            }
        };
    }

    /** A cache built on first use by {@code factory} (so constructing a driver never builds an SDK client), owned. */
    static SecretCacheSource owned(final Supplier<SecretCache> factory) {
        return new SecretCacheSource() {
            private SecretCache cache; // guarded by this

            @Override
            public synchronized SecretCache cacheFor(String secretId, DriverSettings settings) throws SQLException {
                if (cache == null) {
                    try {
                        cache = CachedSecret.withLibraryClassLoader(factory);
                    } catch (RuntimeException e) {
                        throw new SQLException("Could not create the Secrets Manager client: " + e.getMessage(),
                                "08001", e);
                    }
                }
                return cache;
            }

            @Override
            public synchronized void close() {
                if (cache != null) {
                    cache.close();
                    cache = null;
                }
            }
        };
    }
}
