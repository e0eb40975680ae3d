package com.amazonaws.secretsmanager.sql.internal;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.caching.SecretCacheConfigurationException;
import com.amazonaws.secretsmanager.caching.internal.DefaultClients;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.net.URI;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
 * failover regions, cache TTL and size), shared by all engines, created on first use.
 *
 * <p>Reference-counted: each user is a {@link Holder} (one per no-arg driver instance, plus one for the integration
 * API, {@code SecretsManagerJdbc.sharedCache}). A cache is closed, with its client and threads, when its last holder
 * lets go: when the driver is deregistered from DriverManager, or when an unregistered driver instance is garbage
 * collected (holders are tracked weakly). Bounded: at most {@link #MAX_CACHES} configurations at once, since every
 * distinct per-connection {@code drivers.cache.*} value needs its own cache.
 */
public final class SharedSecretCaches {

    /** Distinct cache configurations that may be open at once. */
    public static final int MAX_CACHES = 16;

    public static final SharedSecretCaches INSTANCE = new SharedSecretCaches(MAX_CACHES);

    private static final Logger LOG = LoggerFactory.getLogger("com.amazonaws.secretsmanager.sql");

    private final int maxCaches;
    private final Map<Key, Shared> caches = new HashMap<Key, Shared>();       // guarded by this
    private final ReferenceQueue<Holder> collected = new ReferenceQueue<Holder>();
    private final Holder integrations;

    SharedSecretCaches(int maxCaches) {
        this.maxCaches = maxCaches;
        this.integrations = newHolder();
    }

    /** A new user of the shared caches (a no-arg driver instance). */
    public Holder newHolder() {
        return new Holder();
    }

    /**
     * The cache the integration API hands out for {@code secretId} under {@code settings}: the same instance the
     * no-arg drivers use. Held until {@link #releaseIntegrations()}.
     */
    public SecretCache cacheFor(String secretId, DriverSettings settings) throws SQLException {
        return integrations.cacheFor(secretId, settings);
    }

    /** Lets go of the caches handed out by the integration API (when the last registered driver is deregistered). */
    public void releaseIntegrations() {
        integrations.close();
    }

    /** How many caches are open (for tests). */
    public synchronized int openCaches() {
        expungeCollected();
        return caches.size();
    }

    private synchronized SecretCache acquire(Holder holder, Key key) throws SQLException {
        expungeCollected();
        Shared shared = caches.get(key);
        if (shared == null) {
            if (caches.size() >= maxCaches) {
                throw new SQLException("Too many distinct Secrets Manager cache configurations in use (" + maxCaches
                        + "): each distinct region, endpoint, drivers.cache.ttlMillis and drivers.cache.maxSize "
                        + "needs a cache of its own. Use fewer distinct per-connection drivers.cache.* values.",
                        ConnectionSettings.CONFIGURATION_ERROR);
            }
            shared = new Shared(create(key));
            caches.put(key, shared);
        }
        shared.holders.add(holder.ref);
        holder.ref.keys.add(key);
        holder.held.put(key, shared.cache);
        return shared.cache;
    }

    private synchronized void release(HolderRef ref) {
        for (Key key : ref.keys) {
            Shared shared = caches.get(key);
            if (shared != null && shared.holders.remove(ref) && shared.holders.isEmpty()) {
                caches.remove(key);
                shared.cache.close();
                LOG.debug("Closed the shared Secrets Manager cache for region {}, endpoint {}", key.region,
                        key.endpoint);
            }
        }
        ref.keys.clear();
    }

    /** Releases what holders that were garbage collected without being closed still held. Caller holds the lock. */
    private void expungeCollected() {
        for (Reference<? extends Holder> gone = collected.poll(); gone != null; gone = collected.poll()) {
            release((HolderRef) gone);
        }
    }

    private static SecretCache create(final Key key) throws SQLException {
        final SecretsManagerClient client = buildClient(key.region, key.endpoint);
        // With an endpoint override the failover regions need clients of ours (same endpoint, their own signing
        // region); otherwise the cache builds them itself with the same recipe as buildClient, on first use.
        final Map<String, SecretsManagerClient> regionClients = new LinkedHashMap<String, SecretsManagerClient>();
        try {
            if (key.failoverEndpoint != null) {
                for (String region : key.failoverRegions) {
                    regionClients.put(region, buildClient(region, key.failoverEndpoint));
                }
            }
            LOG.info("Secrets Manager JDBC drivers: region {}, endpoint {}, failover regions {}{}, cache TTL {} ms, up "
                    + "to {} secrets", client.serviceClientConfiguration().region(),
                    key.endpoint != null ? key.endpoint : "default", key.failoverRegions,
                    key.reportedReplicas ? " and reported replicas" : "", key.ttlMillis, key.maxSize);
            // Built with this library's context class loader: threads the cache starts must not pin an application's.
            // Strict close: the client is closed with the cache, so the cache must not reopen. No refreshNow jitter:
            // the login retry's forced check already runs once per rejected answer and is shared by the process's
            // threads.
            return CachedSecret.withLibraryClassLoader(() -> new SecretCache(new SecretCacheConfiguration()
                    .withClient(client)
                    .withCacheItemTTL(key.ttlMillis)
                    .withMaxCacheSize(key.maxSize)
                    .withStrictClose(true)
                    .withForceRefreshJitterMillis(0)
                    .withFailoverRegions(key.failoverRegions)
                    .withFailoverToReportedReplicas(key.reportedReplicas)
                    .withRegionClients(regionClients)) {
                @Override
                public void close() {
                    super.close();
                    closeAll(client, regionClients); // the cache does not close clients it was given; these are ours
                }
            });
        } catch (SecretCacheConfigurationException e) {
            // Known only now: the primary region (the client's, from drivers.region, the ARN or the SDK's chain).
            Region primary = client.serviceClientConfiguration().region();
            closeAll(client, regionClients);
            boolean listsPrimary = primary != null && key.failoverRegions.contains(primary.id());
            throw new SQLException("Invalid Secrets Manager JDBC driver configuration: " + (listsPrimary
                    ? DriverSettings.Key.FAILOVER_REGIONS.property() + " " + key.failoverRegions + " contains "
                    + primary + ", the primary region of this connection's secret (from drivers.region, the secret "
                    + "ARN or the SDK's region chain); a region cannot fail over to itself, leave it out of the list ("
                    + e.getMessage() + ")" : e.getMessage()), ConnectionSettings.CONFIGURATION_ERROR, e);
        } catch (SQLException | RuntimeException e) {
            closeAll(client, regionClients);
            throw e;
        }
    }

    private static void closeAll(SecretsManagerClient client, Map<String, SecretsManagerClient> regionClients) {
        client.close();
        for (SecretsManagerClient regionClient : regionClients.values()) {
            regionClient.close();
        }
    }

    /** The client of a shared cache; package-private for tests. */
    static SecretsManagerClient buildClient(String region, URI endpoint) throws SQLException {
        // smkit's one client recipe: explicit HTTP client plus connect/read/attempt/call timeouts. Its builder already
        // holds the override configuration (the timeouts); overrideConfiguration(...) would replace it, so never call it.
        final SecretsManagerClientBuilder builder = DefaultClients.builder();
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        try {
            return CachedSecret.withLibraryClassLoader(builder::build);
        } catch (SdkException e) {
            throw new SQLException("Could not create the Secrets Manager client (" + e.getMessage() + "). Set the "
                    + "region with drivers.region, AWS_SECRET_JDBC_REGION or AWS_REGION, or use a secret ARN", "08001", e);
        }
    }

    /** One user of the shared caches; closing it releases every cache it used. */
    public final class Holder implements SecretCacheSource {
        private final HolderRef ref;
        private final ConcurrentMap<Key, SecretCache> held = new ConcurrentHashMap<Key, SecretCache>();

        private Holder() {
            this.ref = new HolderRef(this, collected);
        }

        @Override
        public SecretCache cacheFor(String secretId, DriverSettings settings) throws SQLException {
            // An ARN names its region; configuration still wins (e.g. a replica region or a VPC endpoint).
            String region = settings.region() != null ? settings.region() : JdbcUrl.regionOfArn(secretId);
            Key key = new Key(region, settings.endpoint(), settings.failoverEndpoint(), settings.failoverRegions(),
                    settings.failoverToReportedReplicas(), settings.cacheTtlMillis(), settings.cacheMaxSize());
            SecretCache cache = held.get(key);
            return cache != null ? cache : acquire(this, key);
        }

        @Override
        public void close() {
            synchronized (SharedSecretCaches.this) {
                held.clear();
                release(ref);
            }
        }
    }

    /**
     * Tracks a holder weakly, with the keys it holds (which outlive it in the reference queue). Reachable through
     * {@link Shared#holders} while it holds anything, which is when its collection matters.
     */
    private static final class HolderRef extends WeakReference<Holder> {
        final Set<Key> keys = new HashSet<Key>();

        HolderRef(Holder holder, ReferenceQueue<Holder> queue) {
            super(holder, queue);
        }
    }

    private static final class Shared {
        final SecretCache cache;
        final Set<HolderRef> holders = new HashSet<HolderRef>();

        Shared(SecretCache cache) {
            this.cache = cache;
        }
    }

    private static final class Key {
        final String region;
        final URI endpoint;
        final URI failoverEndpoint;
        final List<String> failoverRegions;
        final boolean reportedReplicas;
        final long ttlMillis;
        final int maxSize;

        Key(String region, URI endpoint, URI failoverEndpoint, List<String> failoverRegions, boolean reportedReplicas,
                long ttlMillis, int maxSize) {
            this.region = region;
            this.endpoint = endpoint;
            this.failoverEndpoint = failoverEndpoint;
            this.failoverRegions = failoverRegions;
            this.reportedReplicas = reportedReplicas;
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
                    && Objects.equals(failoverEndpoint, that.failoverEndpoint)
                    && failoverRegions.equals(that.failoverRegions) && reportedReplicas == that.reportedReplicas
                    && ttlMillis == that.ttlMillis && maxSize == that.maxSize;
        }

        @Override
        public int hashCode() {
            return Objects.hash(region, endpoint, failoverEndpoint, failoverRegions, reportedReplicas, ttlMillis,
                    maxSize);
        }
    }
}
