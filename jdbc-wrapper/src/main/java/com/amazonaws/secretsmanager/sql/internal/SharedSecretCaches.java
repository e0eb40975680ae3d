package com.amazonaws.secretsmanager.sql.internal;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.caching.internal.DefaultClients;
import java.net.URI;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The caches of drivers built with the no-arg constructor: one per effective client configuration (region, endpoint,
 * cache size and TTL), shared by all engines, created on first use and kept for the life of the process.
 */
public final class SharedSecretCaches implements SecretCacheSource {

    public static final SharedSecretCaches INSTANCE = new SharedSecretCaches();

    private static final Logger LOG = LoggerFactory.getLogger("com.amazonaws.secretsmanager.sql");

    private final ConcurrentMap<Key, SecretCache> caches = new ConcurrentHashMap<Key, SecretCache>();

    private SharedSecretCaches() {
    }

    @Override
    public SecretCache cacheFor(String secretId, DriverSettings settings) throws SQLException {
        // An ARN names its region; configuration still wins (e.g. a replica region or a VPC endpoint).
        String region = settings.region() != null ? settings.region() : JdbcUrl.regionOfArn(secretId);
        Key key = new Key(region, settings.endpoint(), settings.cacheTtlMillis(), settings.cacheMaxSize());
        SecretCache cache = caches.get(key);
        if (cache != null) {
            return cache;
        }
        synchronized (this) {
            cache = caches.get(key);
            if (cache == null) {
                cache = create(key);
                caches.put(key, cache);
            }
            return cache;
        }
    }

    private static SecretCache create(Key key) throws SQLException {
        SecretsManagerClient client = buildClient(key.region, key.endpoint);
        LOG.info("Secrets Manager JDBC drivers: region {}, endpoint {}, cache TTL {} ms, up to {} secrets",
                client.serviceClientConfiguration().region(),
                key.endpoint != null ? key.endpoint : "default", key.ttlMillis, key.maxSize);
        return new SecretCache(new SecretCacheConfiguration()
                .withClient(client)
                .withCacheItemTTL(key.ttlMillis)
                .withMaxCacheSize(key.maxSize));
    }

    /** The client of a shared cache; package-private for tests. */
    static SecretsManagerClient buildClient(String region, URI endpoint) throws SQLException {
        // smkit's one client recipe: explicit HTTP client plus connect/read/attempt/call timeouts. Its builder already
        // holds the override configuration (the timeouts); overrideConfiguration(...) would replace it, so never call it.
        SecretsManagerClientBuilder builder = DefaultClients.builder();
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        try {
            return builder.build();
        } catch (SdkException e) {
            throw new SQLException("Could not create the Secrets Manager client (" + e.getMessage() + "). Set the "
                    + "region with drivers.region, AWS_SECRET_JDBC_REGION or AWS_REGION, or use a secret ARN", "08001", e);
        }
    }

    private static final class Key {
        final String region;
        final URI endpoint;
        final long ttlMillis;
        final int maxSize;

        Key(String region, URI endpoint, long ttlMillis, int maxSize) {
            this.region = region;
            this.endpoint = endpoint;
            this.ttlMillis = ttlMillis;
            this.maxSize = maxSize;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof Key)) {
                return false;
            }
            Key that = (Key) other;
            return Objects.equals(region, that.region) && Objects.equals(endpoint, that.endpoint)
                    && ttlMillis == that.ttlMillis && maxSize == that.maxSize;
        }

        @Override
        public int hashCode() {
            return Objects.hash(region, endpoint, ttlMillis, maxSize);
        }
    }
}
