package com.amazonaws.secretsmanager.caching;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import com.amazonaws.secretsmanager.caching.internal.Backoff;
import com.amazonaws.secretsmanager.caching.internal.CacheEntry;
import com.amazonaws.secretsmanager.caching.internal.ClientHolder;
import com.amazonaws.secretsmanager.caching.internal.CoarseClock;
import com.amazonaws.secretsmanager.caching.internal.DefaultClients;
import com.amazonaws.secretsmanager.caching.internal.EntryState;
import com.amazonaws.secretsmanager.caching.internal.EntryTable;
import com.amazonaws.secretsmanager.caching.internal.Prefetcher;
import com.amazonaws.secretsmanager.caching.internal.RefreshPolicy;
import com.amazonaws.secretsmanager.caching.internal.RegionFailover;
import com.amazonaws.secretsmanager.caching.internal.Refresher;
import com.amazonaws.secretsmanager.caching.internal.SecretLoader;
import com.amazonaws.secretsmanager.caching.internal.StatsCounter;
import com.amazonaws.secretsmanager.caching.internal.ValueCodec;
import com.amazonaws.secretsmanager.caching.internal.VersionFetcher;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * An in-memory, thread-safe cache of Secrets Manager secrets; a drop-in replacement for the AWS caching client's
 * class of the same name.
 *
 * <p>Each cached secret keeps the last DescribeSecret result and the versions fetched by GetSecretValue. After a TTL
 * (jittered into [TTL/2, TTL]) a read triggers a version check: DescribeSecret, then GetSecretValue only if the
 * configured stage moved to a version not cached yet. A read in the last part of the TTL
 * ({@link SecretCacheConfiguration#getRefreshAheadFraction()}) runs that check in the background and returns the
 * cached value at once; a read after the TTL waits for it. However many threads ask, one check per secret is in
 * flight, and no reader waits for a background check that has not started (it runs the check itself). A failed
 * check keeps serving the last good value and retries with exponential backoff; with no value, the SDK's exception
 * is rethrown until the backoff ends. At {@code maxCacheSize} the least recently read secret is evicted.
 *
 * <p>With {@link SecretCacheConfiguration#getFailoverRegions() failover regions}, a check that the primary region
 * (the client's) cannot answer because of an outage is answered by the first healthy failover region, under the same
 * single flight and version rules; the primary is probed once per backoff period and used again after one successful
 * probe, and a lagging replica never moves a secret back to an older version (see the README, "Multi-region").
 *
 * <p>Reads of a cached, fresh secret take no lock; without a hook they allocate nothing. No secret value ever
 * reaches a log line, an exception message or a {@code toString()}.
 *
 * <p>{@link #close()} empties the cache, stops its threads and closes a client it built; as with the AWS client the
 * cache stays usable, and the next read loads again (with
 * {@link SecretCacheConfiguration#setStrictClose(boolean) strictClose}, close is final instead).
 *
 * <p>This class holds the read path and delegates the rest to {@code internal}: {@code RefreshPolicy} decides when
 * to check, {@code SecretLoader} makes every Secrets Manager call (in the region {@code RegionFailover} picks),
 * {@code CacheEntry.update} is the only place a secret's state changes, {@code Refresher} runs checks (single flight,
 * background pool, close).
 */
public class SecretCache implements AutoCloseable {

    private final ClientHolder client;
    /** The primary client, and failover regions' clients if configured. */
    private final RegionFailover regions;
    private final boolean strictClose;
    private final String versionStage;
    private final Ticker ticker;
    /** The shared coarse clock with the default ticker, else null. */
    private final CoarseClock coarse;
    // The hit path reads the map directly; EntryTable adds and evicts through the same object.
    private final ConcurrentHashMap<String, CacheEntry> entries = new ConcurrentHashMap<>();
    private final EntryTable table;
    private final StatsCounter stats;
    private final ValueCodec codec;
    private final ChangeListeners listeners;
    private final Refresher refresher;
    private final VersionFetcher versions;
    private final Prefetcher prefetcher;
    /**
     * Set by {@link #close()}. With strict close, for good; otherwise until the next use of the cache, which reopens
     * it (so {@link #toString()} tells whether the cache holds nothing since a close).
     */
    private final AtomicBoolean closed = new AtomicBoolean();
    /** Whether this cache holds the shared coarse clock; given back by {@link #close()}, taken again by the next use. */
    private final AtomicBoolean holdsClock = new AtomicBoolean();

    /** A cache with default settings and a client built from the default region and credential chains. */
    public SecretCache() {
        this(new SecretCacheConfiguration());
    }

    /**
     * A cache with default settings and a client built from {@code builder} now. The cache owns that client: closed by
     * {@link #close()}, and built again from {@code builder} if the cache is used after that.
     */
    public SecretCache(SecretsManagerClientBuilder builder) {
        this(ownedFrom(requireBuilder(builder)), new SecretCacheConfiguration());
    }

    /**
     * A cache with default settings using {@code client}, which the cache never closes. {@code null} means the client
     * the no-argument constructor builds, as in the AWS client.
     */
    public SecretCache(SecretsManagerClient client) {
        this(new SecretCacheConfiguration().withClient(client));
    }

    /**
     * A cache with the given settings, copied now: later changes to {@code config} have no effect. {@code null} means
     * the defaults, as in the AWS client. Without a client in the configuration, the cache builds one from the default
     * chains (on the AWS CRT HTTP client with post-quantum TLS if
     * {@link SecretCacheConfiguration#isPostQuantumTlsEnabled()}), closes it in {@link #close()} and builds another if
     * used again.
     *
     * @throws SecretCacheConfigurationException if a setting is invalid
     * @throws IllegalArgumentException if post-quantum TLS is enabled together with a client passed in
     * @throws PostQuantumTlsUnavailableException if post-quantum TLS is enabled but the cache cannot provide it
     */
    public SecretCache(SecretCacheConfiguration config) {
        this(new Settings(validated(config)));
    }

    private SecretCache(Settings settings) {
        this(clientFor(settings.value), settings.value);
    }

    private SecretCache(ClientHolder client, SecretCacheConfiguration config) {
        SecretCacheConfiguration settings = validated(config);
        this.client = client;
        this.strictClose = settings.isStrictClose();
        this.versionStage = settings.getVersionStage();
        this.ticker = settings.getTicker();
        this.coarse = ticker == Ticker.systemTicker() ? CoarseClock.SYSTEM : null;
        Ticker clock = coarse != null ? coarse : ticker;
        this.stats = new StatsCounter(ticker);
        this.table = new EntryTable(entries, settings.getMaxCacheSize(), clock, stats);
        this.codec = ValueCodec.of(settings.getCacheHook(), SecretVersion::of);
        this.listeners = new ChangeListeners(versionStage);
        Backoff backoff = new Backoff(settings.getCacheItemTTL(), settings.getExceptionRetryDelayBase(),
                settings.getExceptionRetryGrowthFactor(), settings.getExceptionRetryDelayMax(),
                settings.getForceRefreshJitterMillis(), settings.getRandom());
        this.regions = regionsFor(client, settings, backoff, clock);
        SecretLoader loader = new SecretLoader(regions, versionStage, codec, stats);
        RefreshPolicy policy = new RefreshPolicy(backoff, settings.getRefreshAheadFraction(),
                settings.getForcedRefreshMinInterval());
        this.refresher = new Refresher(policy, loader, codec, stats, clock, listeners,
                Refresher::newBackgroundExecutor);
        this.versions = new VersionFetcher(loader, codec, stats);
        this.prefetcher = new Prefetcher(table, refresher, loader, codec, stats, clock, versionStage);
        holdClock();
    }

    /** The cached value of the configured stage as a string; null if the secret is binary or no version has the stage. */
    public String getSecretString(String secretId) {
        SecretVersion version = currentVersion(secretId);
        return version == null ? null : version.getSecretString();
    }

    /** A read-only view of the configured stage's binary value; null if the secret is a string or no version has the stage. */
    public ByteBuffer getSecretBinary(String secretId) {
        SecretVersion version = currentVersion(secretId);
        return version == null ? null : version.getSecretBinary();
    }

    /** The string value of the version carrying {@code versionStage}; null if none does or the secret is binary. */
    public String getSecretString(String secretId, String versionStage) {
        SecretVersion version = getSecretVersion(secretId, versionStage);
        return version == null ? null : version.getSecretString();
    }

    /** The binary value of the version carrying {@code versionStage}; null if none does or the secret is a string. */
    public ByteBuffer getSecretBinary(String secretId, String versionStage) {
        SecretVersion version = getSecretVersion(secretId, versionStage);
        return version == null ? null : version.getSecretBinary();
    }

    /**
     * The version carrying the configured stage.
     *
     * @throws IllegalStateException if no version of the secret carries the configured stage
     */
    public SecretVersion getSecretVersion(String secretId) {
        return requireCurrent(secretId, currentVersion(secretId));
    }

    /** The version carrying {@code versionStage}, or null if no version carries it (for example no AWSPENDING). */
    public SecretVersion getSecretVersion(String secretId, String versionStage) {
        requireText("versionStage", versionStage);
        if (versionStage.equals(this.versionStage)) {
            return currentVersion(secretId);
        }
        CacheEntry entry = entryFor(secretId);
        EntryState state = refresher.readDescribed(entry);
        String versionId = SecretLoader.versionIdFor(codec.decodeDescribe(secretId, state.describe), versionStage);
        return versionId == null ? null : versions.byId(entry, versionId, false);
    }

    /** The version with the given ID, fetched once and then cached (version contents never change). */
    public SecretVersion getSecretVersionById(String secretId, String versionId) {
        requireText("versionId", versionId);
        CacheEntry entry = entryFor(secretId);
        entry.touch(now());
        return versions.byId(entry, versionId, true);
    }

    /** The cached DescribeSecret result of the secret, loading the secret if it is not cached. */
    public SecretMetadata getSecretMetadata(String secretId) {
        CacheEntry entry = entryFor(secretId);
        EntryState state = refresher.readDescribed(entry);
        return new SecretMetadata(secretId, codec.decodeDescribe(secretId, state.describe));
    }

    /**
     * Runs a version check now and returns whether it succeeded; after a failure the last good value stays readable.
     *
     * <p>As in the AWS client, the call first waits a random delay of up to
     * {@link SecretCacheConfiguration#getForceRefreshJitterMillis() forceRefreshJitterMillis} (at least half of it;
     * default 50 to 100 ms, 0 for none), so that many processes told of the same change do not call at the same
     * moment. The answer always comes from a check that started after this call began: a check already in flight is
     * waited out, not shared, since it may have read Secrets Manager before the change the caller knows about.
     * Concurrent calls share one such check.
     *
     * <p>Safe in a retry loop such as {@code while (!cache.refreshNow(id))}: after a failed check, until its backoff
     * ends (the same exponential backoff as reads, see {@link SecretCacheConfiguration#getExceptionRetryDelayBase()}),
     * this method returns false at once, without waiting and without calling Secrets Manager. Such a loop therefore
     * spins without sending requests during an outage; add your own pause.
     *
     * @throws InterruptedException if the thread is interrupted while waiting for, or running, the check (then
     *         nothing is recorded about the secret)
     */
    public boolean refreshNow(String secretId) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        return refresher.refreshNow(entryFor(secretId));
    }

    /**
     * For a caller that just saw {@code versionId} fail (for example a database rejected its password), returns the
     * version current according to a check that started after {@code versionId} was first reported failing:
     * <ul>
     *   <li>if the configured stage has already moved to another version, that version, without an API call;</li>
     *   <li>if such a check succeeded less than {@link SecretCacheConfiguration#getForcedRefreshMinInterval()} ago,
     *       its answer, without an API call;</li>
     *   <li>otherwise the answer of a new check (possibly still {@code versionId}), shared by all concurrent callers
     *       and with a check in flight that started after the first report.</li>
     * </ul>
     * So a burst of callers failing on the same version costs one check, and a version that keeps failing costs at
     * most one check per minimum interval. Inside the backoff window after a failed check it throws that check's
     * exception without calling.
     *
     * @throws RuntimeException the SDK's exception if the check failed
     */
    public SecretVersion refreshIfUnchanged(String secretId, String versionId) {
        CacheEntry entry = entryFor(secretId);
        EntryState state = refresher.refreshIfUnchanged(entry, versionId);
        return requireCurrent(secretId, versionOf(secretId, state));
    }

    public void addChangeListener(SecretChangeListener listener) {
        checkOpen();
        if (listener == null) {
            throw new IllegalArgumentException("listener must not be null");
        }
        listeners.add(listener);
    }

    public void removeChangeListener(SecretChangeListener listener) {
        listeners.remove(listener);
    }

    /**
     * A snapshot of the counters. Also available after {@link #close()}. Costs a look at every cached secret (for
     * {@link SecretCacheStats#backoffCount()}): meant for metrics and health checks, not for each read.
     */
    public SecretCacheStats stats() {
        final Map<String, RegionStats> perRegion = new LinkedHashMap<>();
        regions.report((region, primary, apiCalls, failures, failovers, timeOnReplica, down) -> perRegion.put(region,
                new RegionStats(region, primary, apiCalls, failures, failovers, timeOnReplica, down)));
        return new SecretCacheStats(stats, refresher.inBackoff(entries.values()), perRegion);
    }

    /**
     * Loads many secrets with BatchGetSecretValue, 20 per call. A secret that cannot be loaded is reported in the
     * result and does not stop the others. With a configured stage other than AWSCURRENT, each secret then needs a
     * DescribeSecret to find that stage's version. Each secret's single flight is held during the call, so its readers
     * wait for the batch instead of calling; a version check already in flight is waited for first.
     */
    public PrefetchResult prefetch(Collection<String> secretIds) {
        checkOpen();
        if (secretIds == null) {
            throw new IllegalArgumentException("secretIds must not be null");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (String secretId : secretIds) {
            unique.add(requireText("secretIds element", secretId));
        }
        Set<String> loaded = new LinkedHashSet<>();
        Map<String, String> failures = new LinkedHashMap<>();
        prefetcher.prefetch(new ArrayList<>(unique), loaded, failures);
        return new PrefetchResult(loaded, failures);
    }

    /**
     * Empties the cache, stops its background threads and closes the client if the cache built it (once the calls
     * still using it end). As in the AWS client the cache stays usable: the next read loads again, on a new client
     * and new threads if needed. Calls in flight finish normally. Listeners stay registered and the statistics keep
     * counting.
     *
     * <p>With {@link SecretCacheConfiguration#setStrictClose(boolean) strictClose}, close is final instead: every
     * call waiting for a check or a fetch returns at once with an {@link IllegalStateException}, and any later call
     * except {@link #stats()} and {@code close()} throws one.
     *
     * <p>Idempotent.
     */
    @Override
    public void close() {
        if (strictClose) {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            refresher.close(table.all());
            table.clear();
        } else {
            table.clear();
            refresher.reset();
        }
        releaseClock();
        client.close();
        regions.close();
        closed.set(true);
    }

    @Override
    public String toString() {
        return "SecretCache{size=" + table.size() + ", versionStage=" + versionStage + ", closed=" + closed.get()
                + '}';
    }

    private void holdClock() {
        if (coarse != null && holdsClock.compareAndSet(false, true)) {
            coarse.acquire();
        }
    }

    private void releaseClock() {
        if (coarse != null && holdsClock.compareAndSet(true, false)) {
            coarse.release();
        }
    }

    // ---- read path -------------------------------------------------------------------------------------------

    /**
     * The hit path: a map lookup, one volatile read, a clock comparison, the last-read stamp (written only when the
     * clock moved) and the reading thread's own hit counter. No lock, no atomic instruction, no allocation. Kept this
     * small so that the JIT inlines it into the caller; anything else (a miss, a stale value, a hook, the
     * refresh-ahead window, expiry) goes to the refresher through {@link #slowRead}.
     */
    private SecretVersion currentVersion(String secretId) {
        if (secretId != null) {
            CacheEntry entry = entries.get(secretId);
            if (entry != null) {
                EntryState state = entry.state();
                long now = now();
                if (state.servedAsIs && now - state.refreshAheadAt < 0) {
                    entry.touch(now);
                    stats.hit();
                    return state.plain;
                }
            }
        }
        return slowRead(secretId);
    }

    private SecretVersion slowRead(String secretId) {
        return versionOf(secretId, refresher.read(entryFor(secretId)));
    }

    private SecretVersion versionOf(String secretId, EntryState state) {
        if (state.current == null) {
            return null;
        }
        return state.plain != null ? state.plain : codec.decodeVersion(secretId, state.current);
    }

    private SecretVersion requireCurrent(String secretId, SecretVersion version) {
        if (version == null) {
            throw new IllegalStateException("Secret " + secretId + " has no version with stage " + versionStage);
        }
        return version;
    }

    private long now() {
        CoarseClock clock = coarse;
        return clock != null ? clock.read() : ticker.read();
    }

    private CacheEntry entryFor(String secretId) {
        checkOpen();
        requireText("secretId", secretId);
        return table.getOrCreate(secretId);
    }

    /** Strict close: throws once closed. Otherwise reopens the cache if a close emptied it. */
    private void checkOpen() {
        if (closed.get()) {
            if (strictClose) {
                throw new IllegalStateException("SecretCache is closed");
            }
            closed.set(false);
        }
        if (!holdsClock.get()) {
            holdClock();
        }
    }

    private static String requireText(String parameter, String value) {
        if (value == null || value.trim().isEmpty()) {
            throw new IllegalArgumentException(parameter + " must not be null or blank");
        }
        return value;
    }

    // ---- construction -----------------------------------------------------------------------------------------

    private static SecretsManagerClientBuilder requireBuilder(SecretsManagerClientBuilder builder) {
        if (builder == null) {
            throw new IllegalArgumentException("builder must not be null");
        }
        return builder;
    }

    private static ClientHolder ownedFrom(SecretsManagerClientBuilder builder) {
        return ClientHolder.owned(builder.build(), builder::build);
    }

    /** The client passed in, or one the cache builds (and owns) as the settings say. */
    private static ClientHolder clientFor(SecretCacheConfiguration settings) {
        SecretsManagerClient given = settings.getClient();
        if (given != null) {
            if (settings.isPostQuantumTlsEnabled()) {
                throw new SecretCacheConfigurationException("postQuantumTlsEnabled", "postQuantumTlsEnabled applies"
                        + " to the client the cache builds and cannot be combined with a client passed in: enable"
                        + " post-quantum TLS on that client's HTTP client (AwsCrtHttpClient.builder()"
                        + ".postQuantumTlsEnabled(true)), or pass no client", null);
            }
            return ClientHolder.borrowed(given);
        }
        SecretsManagerClientBuilder builder = settings.isPostQuantumTlsEnabled() ? DefaultClients.postQuantumBuilder()
                : DefaultClients.builder();
        return ownedFrom(builder);
    }

    /**
     * Failover as configured: none without failover regions (every call on {@code client}, as always). The primary
     * region is the client's; a failover list naming it is refused here, the first moment it is known.
     */
    private static RegionFailover regionsFor(ClientHolder client, final SecretCacheConfiguration settings,
            Backoff backoff, Ticker clock) {
        if (settings.getFailoverRegions().isEmpty() && !settings.isFailoverToReportedReplicas()) {
            return RegionFailover.none(client);
        }
        Region primary = client.call(c -> c.serviceClientConfiguration().region());
        String refusal = null;
        if (primary == null) {
            refusal = "failover needs the primary region, but the cache's client has none configured";
        } else if (settings.getFailoverRegions().contains(primary.id())) {
            refusal = "failoverRegions " + settings.getFailoverRegions() + " contains " + primary.id()
                    + ", the primary region (the region of the cache's client)";
        }
        if (refusal != null) {
            client.close();     // a client the cache built for itself must not outlive the failed constructor
            throw new SecretCacheConfigurationException("failoverRegions", refusal, null);
        }
        final Map<String, SecretsManagerClient> given = settings.getRegionClients();
        return RegionFailover.of(client, primary.id(), settings.getFailoverRegions(),
                settings.isFailoverToReportedReplicas(), region -> {
                    SecretsManagerClient supplied = given.get(region);
                    if (supplied != null) {
                        return ClientHolder.borrowed(supplied);
                    }
                    SecretsManagerClientBuilder builder = settings.isPostQuantumTlsEnabled()
                            ? DefaultClients.postQuantumBuilder() : DefaultClients.builder();
                    return ownedFrom(builder.region(Region.of(region)));
                }, backoff, clock);
    }

    /** Validated settings, as a type of their own so that the constructors can tell them from a user's bean. */
    private static final class Settings {
        final SecretCacheConfiguration value;

        Settings(SecretCacheConfiguration value) {
            this.value = value;
        }
    }

    /**
     * A validated copy: the setters check every value, including ones a subclass's getters may return. {@code null}
     * means the defaults.
     */
    private static SecretCacheConfiguration validated(SecretCacheConfiguration config) {
        if (config == null) {
            return new SecretCacheConfiguration();
        }
        return new SecretCacheConfiguration()
                .withClient(config.getClient())
                .withCacheHook(config.getCacheHook())
                .withMaxCacheSize(config.getMaxCacheSize())
                .withCacheItemTTL(config.getCacheItemTTL())
                .withVersionStage(config.getVersionStage())
                .withRefreshAheadFraction(config.getRefreshAheadFraction())
                .withExceptionRetryDelayBase(config.getExceptionRetryDelayBase())
                .withExceptionRetryGrowthFactor(config.getExceptionRetryGrowthFactor())
                .withExceptionRetryDelayMax(config.getExceptionRetryDelayMax())
                .withForcedRefreshMinInterval(config.getForcedRefreshMinInterval())
                .withForceRefreshJitterMillis(config.getForceRefreshJitterMillis())
                .withPostQuantumTlsEnabled(config.isPostQuantumTlsEnabled())
                .withStrictClose(config.isStrictClose())
                .withTicker(config.getTicker())
                .withRandom(config.getRandom())
                .withFailoverRegions(config.getFailoverRegions())
                .withFailoverToReportedReplicas(config.isFailoverToReportedReplicas())
                .withRegionClients(config.getRegionClients());
    }
}
