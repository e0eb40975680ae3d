package com.amazonaws.secretsmanager.caching;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazonaws.secretsmanager.caching.internal.AccessOrder;
import com.amazonaws.secretsmanager.caching.internal.Backoff;
import com.amazonaws.secretsmanager.caching.internal.CoarseClock;
import com.amazonaws.secretsmanager.caching.internal.DefaultClients;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ApiName;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.model.APIErrorType;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;

/**
 * An in-memory, thread-safe cache of Secrets Manager secrets; a drop-in replacement for the AWS caching client's
 * class of the same name.
 *
 * <p>Each cached secret keeps the last DescribeSecret result and the versions fetched by GetSecretValue. After a TTL
 * (jittered into [TTL/2, TTL]) a read triggers a version check: DescribeSecret, then GetSecretValue only if the
 * configured stage moved to a version not cached yet. A read in the last part of the TTL
 * ({@link SecretCacheConfiguration#getRefreshAheadFraction()}) runs that check in the background and returns the
 * cached value at once; a read after the TTL waits for it. However many threads ask, one check per secret is in
 * flight. A failed check keeps serving the last good value and retries with exponential backoff; with no value, the
 * SDK's exception is rethrown until the backoff ends. At {@code maxCacheSize} the least recently read secret is evicted.
 *
 * <p>Reads of a cached, fresh secret take no lock and allocate nothing. No secret value ever reaches a log line, an
 * exception message or a {@code toString()}.
 */
public class SecretCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SecretCache.class);

    static final String DESCRIBE_SECRET = "DescribeSecret";
    static final String GET_SECRET_VALUE = "GetSecretValue";
    static final String BATCH_GET_SECRET_VALUE = "BatchGetSecretValue";
    private static final int BATCH_SIZE = 20;
    private static final int REFRESH_THREADS = 4;

    private static final AwsRequestOverrideConfiguration USER_AGENT = AwsRequestOverrideConfiguration.builder()
            .addApiName(ApiName.builder().name("smkit-cache").version(version()).build())
            .build();

    private static final AtomicReferenceFieldUpdater<Entry, EntryState> STATE =
            AtomicReferenceFieldUpdater.newUpdater(Entry.class, EntryState.class, "state");
    private static final AtomicReferenceFieldUpdater<Entry, CompletableFuture> CHECK =
            AtomicReferenceFieldUpdater.newUpdater(Entry.class, CompletableFuture.class, "check");

    private final SecretsManagerClient client;
    private final boolean ownsClient;
    private final SecretCacheHook hook;
    private final String versionStage;
    private final Backoff backoff;
    private final double refreshAheadFraction;
    private final long forcedRefreshMinIntervalNanos;
    private final Ticker ticker;
    private final boolean coarseClock;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final AccessOrder<Entry> accessOrder;
    private final ThreadPoolExecutor refresher;
    private final List<SecretChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final Counters counters = new Counters();
    private final AtomicBoolean closed = new AtomicBoolean();

    /** A cache with default settings and a client built from the default region and credential chains. */
    public SecretCache() {
        this(new SecretCacheConfiguration());
    }

    /** A cache with default settings and a client built (and owned, so closed by {@link #close()}) from {@code builder}. */
    public SecretCache(SecretsManagerClientBuilder builder) {
        this(build(builder), true, new SecretCacheConfiguration());
    }

    /** A cache with default settings using {@code client}, which the cache does not close. */
    public SecretCache(SecretsManagerClient client) {
        this(requireClient(client), false, new SecretCacheConfiguration());
    }

    /**
     * A cache with the given settings, copied now: later changes to {@code config} have no effect. Without a client in
     * the configuration, the cache builds one from the default chains and closes it in {@link #close()}.
     */
    public SecretCache(SecretCacheConfiguration config) {
        this(validated(config), config.getClient());
    }

    private SecretCache(SecretCacheConfiguration config, SecretsManagerClient client) {
        this(client == null ? defaultClient() : client, client == null, config);
    }

    private SecretCache(SecretsManagerClient client, boolean ownsClient, SecretCacheConfiguration config) {
        SecretCacheConfiguration settings = validated(config);
        this.client = client;
        this.ownsClient = ownsClient;
        this.hook = settings.getCacheHook();
        this.versionStage = settings.getVersionStage();
        this.backoff = new Backoff(settings.getCacheItemTTL(), settings.getExceptionRetryDelayBase(),
                settings.getExceptionRetryGrowthFactor(), settings.getExceptionRetryDelayMax(), settings.getRandom());
        this.refreshAheadFraction = settings.getRefreshAheadFraction();
        this.forcedRefreshMinIntervalNanos = TimeUnit.MILLISECONDS.toNanos(settings.getForcedRefreshMinInterval());
        this.ticker = settings.getTicker();
        this.coarseClock = ticker == Ticker.systemTicker();
        this.accessOrder = new AccessOrder<>(settings.getMaxCacheSize());
        this.refresher = new ThreadPoolExecutor(REFRESH_THREADS, REFRESH_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<Runnable>(), new RefreshThreadFactory());
        refresher.allowCoreThreadTimeOut(true);
        if (coarseClock) {
            CoarseClock.acquire();
        }
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
        SecretVersion version = currentVersion(secretId);
        if (version == null) {
            throw new IllegalStateException("Secret " + secretId + " has no version with stage " + versionStage);
        }
        return version;
    }

    /** The version carrying {@code versionStage}, or null if no version carries it (for example no AWSPENDING). */
    public SecretVersion getSecretVersion(String secretId, String versionStage) {
        requireText("versionStage", versionStage);
        if (versionStage.equals(this.versionStage)) {
            return currentVersion(secretId);
        }
        Entry entry = entryFor(secretId);
        EntryState state = ensureDescribed(entry);
        String versionId = versionIdFor(describeOf(entry, state), versionStage);
        return versionId == null ? null : versionById(entry, versionId, false);
    }

    /** The version with the given ID, fetched once and then cached (version contents never change). */
    public SecretVersion getSecretVersionById(String secretId, String versionId) {
        requireText("versionId", versionId);
        Entry entry = entryFor(secretId);
        recordOtherRead(entry);
        return versionById(entry, versionId, true);
    }

    /** The cached DescribeSecret result of the secret, loading the secret if it is not cached. */
    public SecretMetadata getSecretMetadata(String secretId) {
        Entry entry = entryFor(secretId);
        EntryState state = ensureDescribed(entry);
        return new SecretMetadata(secretId, describeOf(entry, state));
    }

    /**
     * Runs a version check now, without the AWS client's jitter sleep. Concurrent calls for one secret share one
     * check. Returns whether it succeeded; after a failure the last good value stays readable.
     */
    public boolean refreshNow(String secretId) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        Entry entry = entryFor(secretId);
        CompletableFuture<EntryState> check = check(entry, Reason.FORCED);
        try {
            return check.get().failure == null;
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    /**
     * For a caller that just saw {@code versionId} fail (for example a database login): if the configured stage has
     * already moved to another version, returns it without an API call; otherwise runs one version check, shared by all
     * concurrent callers and reused for {@link SecretCacheConfiguration#getForcedRefreshMinInterval()}, and returns
     * the version current after it (possibly still {@code versionId}).
     *
     * @throws RuntimeException the SDK's exception if the check failed
     */
    public SecretVersion refreshIfUnchanged(String secretId, String versionId) {
        Entry entry = entryFor(secretId);
        EntryState state = ensureLoaded(entry);
        if (Objects.equals(state.currentVersionId, versionId)
                && now() - state.checkedAt - forcedRefreshMinIntervalNanos >= 0) {
            state = join(check(entry, Reason.FORCED_UNLESS_RECENT));
            if (state.failure != null) {
                throw state.failure;
            }
        }
        return requireCurrent(secretId, state);
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

    /** A snapshot of the counters. Also available after {@link #close()}. */
    public SecretCacheStats stats() {
        return counters.snapshot(accessOrder.readCount());
    }

    /**
     * Loads many secrets with BatchGetSecretValue, 20 per call. A secret that cannot be loaded is reported in the
     * result and does not stop the others. With a configured stage other than AWSCURRENT, each secret then needs a
     * DescribeSecret to find that stage's version.
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
        List<String> all = new ArrayList<>(unique);
        for (int start = 0; start < all.size(); start += BATCH_SIZE) {
            prefetchChunk(all.subList(start, Math.min(all.size(), start + BATCH_SIZE)), loaded, failures);
        }
        return new PrefetchResult(loaded, failures);
    }

    /**
     * Stops background refreshes, empties the cache and closes the client if the cache built it. Idempotent; any
     * other call afterwards throws {@link IllegalStateException}.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        refresher.shutdownNow();
        entries.clear();
        accessOrder.clear();
        if (coarseClock) {
            CoarseClock.release();
        }
        if (ownsClient) {
            client.close();
        }
    }

    @Override
    public String toString() {
        return "SecretCache{size=" + entries.size() + ", versionStage=" + versionStage + ", closed=" + closed.get()
                + '}';
    }

    // ---- read path -------------------------------------------------------------------------------------------

    private SecretVersion currentVersion(String secretId) {
        if (secretId != null) {
            Entry entry = entries.get(secretId);
            if (entry != null) {
                EntryState state = entry.state;
                if (state.loaded && now() - state.refreshAheadAt < 0) {
                    recordServe(entry, state);
                    return state.plain != null ? state.plain : versionOf(secretId, state);
                }
            }
        }
        Entry entry = entryFor(secretId);
        return versionOf(secretId, ensureLoaded(entry));
    }

    /**
     * Records a read answered from the cache. A fresh value counts as a hit through the access order's read count
     * alone (see {@link Counters#nonHitReads}), so the hit path makes one atomic update, not two.
     */
    private void recordServe(Entry entry, EntryState state) {
        accessOrder.recordRead(entry.accessNode);
        if (state.stale) {
            counters.staleServes.increment();
            counters.nonHitReads.increment();
        }
    }

    /** Records a read that is not answered by a fresh cached value (counted by the caller). */
    private void recordOtherRead(Entry entry) {
        accessOrder.recordRead(entry.accessNode);
        counters.nonHitReads.increment();
    }

    /** A state with the configured stage resolved, checking first if needed; throws the SDK exception if it can't. */
    private EntryState ensureLoaded(Entry entry) {
        long now = now();
        EntryState state = entry.state;
        if (state.loaded && now - state.expiresAt < 0) {
            if (now - state.refreshAheadAt >= 0) {
                startBackgroundCheck(entry);
            }
            recordServe(entry, state);
            return state;
        }
        recordOtherRead(entry);
        if (!state.loaded && state.failure != null && now - state.retryAt < 0) {
            counters.misses.increment();
            throw state.failure;
        }
        counters.misses.increment();
        EntryState after = join(check(entry, Reason.EXPIRED));
        if (after.loaded) {
            if (after.stale) {
                counters.staleServes.increment();
            }
            return after;
        }
        throw after.failure;
    }

    /** Like {@link #ensureLoaded}, but also makes sure the DescribeSecret result is there (a prefetch skips it). */
    private EntryState ensureDescribed(Entry entry) {
        EntryState state = ensureLoaded(entry);
        if (state.describe != null) {
            return state;
        }
        EntryState after = join(check(entry, Reason.DESCRIBE_MISSING));
        if (after.describe == null) {
            throw after.failure;
        }
        return after;
    }

    private SecretVersion requireCurrent(String secretId, EntryState state) {
        SecretVersion version = versionOf(secretId, state);
        if (version == null) {
            throw new IllegalStateException("Secret " + secretId + " has no version with stage " + versionStage);
        }
        return version;
    }

    private SecretVersion versionOf(String secretId, EntryState state) {
        if (state.current == null) {
            return null;
        }
        return state.plain != null ? state.plain : decodeVersion(secretId, state.current);
    }

    /** @param countRead whether this is the read to count (a per-stage read was counted by its version check) */
    private SecretVersion versionById(Entry entry, String versionId, boolean countRead) {
        Object stored = entry.state.versions.get(versionId);
        if (stored != null) {
            if (countRead) {
                counters.hits.increment();
            }
            return decodeVersion(entry.secretId, stored);
        }
        if (countRead) {
            counters.misses.increment();
        }
        CompletableFuture<Object> fetch = entry.versionFetches.get(versionId);
        if (fetch == null) {
            CompletableFuture<Object> mine = new CompletableFuture<>();
            fetch = entry.versionFetches.putIfAbsent(versionId, mine);
            if (fetch == null) {
                fetch = mine;
                runVersionFetch(entry, versionId, mine);
            }
        }
        try {
            return decodeVersion(entry.secretId, fetch.join());
        } catch (CompletionException e) {
            throw unwrap(e.getCause());
        }
    }

    private void runVersionFetch(Entry entry, String versionId, CompletableFuture<Object> mine) {
        try {
            Object stored = entry.state.versions.get(versionId);   // a fetch that just finished stored it
            if (stored == null) {
                stored = store(entry.secretId, getSecretValue(entry.secretId, versionId));
                counters.loads.increment();
                addVersion(entry, versionId, stored);
            }
            mine.complete(stored);
        } catch (RuntimeException | Error e) {
            counters.loadFailures.increment();
            mine.completeExceptionally(e);
        } finally {
            entry.versionFetches.remove(versionId, mine);
        }
    }

    private static void addVersion(Entry entry, String versionId, Object stored) {
        EntryState before;
        do {
            before = entry.state;
        } while (!STATE.compareAndSet(entry, before, before.withVersion(versionId, stored)));
    }

    // ---- version checks (single flight) -----------------------------------------------------------------------

    /** Why a check is wanted; decides whether a check that finished meanwhile makes it unnecessary. */
    private enum Reason {
        EXPIRED, AHEAD, FORCED, FORCED_UNLESS_RECENT, DESCRIBE_MISSING
    }

    private boolean stillNeeded(Reason reason, EntryState state, long now) {
        switch (reason) {
            case EXPIRED:
                return !(state.loaded && now - state.expiresAt < 0)
                        && !(state.failure != null && now - state.retryAt < 0);
            case AHEAD:
                return !(state.loaded && now - state.refreshAheadAt < 0);
            case FORCED_UNLESS_RECENT:
                return !(state.loaded && state.failure == null
                        && now - state.checkedAt - forcedRefreshMinIntervalNanos < 0);
            case DESCRIBE_MISSING:
                return state.describe == null;
            default:
                return true;
        }
    }

    /** Joins the check in flight for the entry, or runs one on this thread. */
    private CompletableFuture<EntryState> check(Entry entry, Reason reason) {
        for (;;) {
            @SuppressWarnings("unchecked")
            CompletableFuture<EntryState> inFlight = entry.check;
            if (inFlight != null) {
                return inFlight;
            }
            CompletableFuture<EntryState> mine = new CompletableFuture<>();
            if (CHECK.compareAndSet(entry, null, mine)) {
                runCheck(entry, mine, reason);
                return mine;
            }
        }
    }

    private void startBackgroundCheck(Entry entry) {
        if (entry.check != null) {
            return;
        }
        CompletableFuture<EntryState> mine = new CompletableFuture<>();
        if (!CHECK.compareAndSet(entry, null, mine)) {
            return;
        }
        try {
            refresher.execute(() -> runCheck(entry, mine, Reason.AHEAD));
        } catch (RejectedExecutionException closing) {
            entry.check = null;
            mine.complete(entry.state);
        }
    }

    private void runCheck(Entry entry, CompletableFuture<EntryState> mine, Reason reason) {
        Transition transition;
        try {
            EntryState latest = entry.state;
            transition = stillNeeded(reason, latest, now()) ? versionCheck(entry) : new Transition(latest, latest);
        } catch (RuntimeException | Error e) {
            entry.check = null;
            mine.completeExceptionally(e);
            return;
        }
        entry.check = null;     // after the new state is published, so a later reader sees one or the other
        mine.complete(transition.after);
        EntryState before = transition.before;
        EntryState after = transition.after;
        if (before != after && before.loaded && after.failure == null
                && !Objects.equals(before.currentVersionId, after.currentVersionId)) {
            notifyListeners(new SecretChangeEvent(entry.secretId, versionStage, before.currentVersionId,
                    after.currentVersionId));
        }
    }

    /** DescribeSecret, then GetSecretValue if the configured stage points at a version not cached yet. */
    private Transition versionCheck(Entry entry) {
        String secretId = entry.secretId;
        Object storedDescribe;
        Object current = null;
        String versionId;
        Map<String, List<String>> listed;
        try {
            DescribeSecretResponse describe = describeSecret(secretId);
            listed = describe.versionIdsToStages();
            versionId = versionIdFor(describe, versionStage);
            if (versionId != null) {
                current = entry.state.versions.get(versionId);
                if (current == null) {
                    current = store(secretId, getSecretValue(secretId, versionId));
                }
            }
            storedDescribe = hook == null ? describe : hook.put(describe);
        } catch (RuntimeException e) {
            return recordFailure(entry, e);
        }
        long now = now();
        long ttl = backoff.nextTtl();
        long expiresAt = now + ttl;
        long refreshAheadAt = expiresAt - (long) (ttl * refreshAheadFraction);
        EntryState before;
        EntryState after;
        do {
            before = entry.state;
            Map<String, Object> versions = new HashMap<>();
            for (Map.Entry<String, Object> known : before.versions.entrySet()) {
                if (listed.containsKey(known.getKey())) {   // versions no longer listed are dropped
                    versions.put(known.getKey(), known.getValue());
                }
            }
            if (versionId != null) {
                versions.put(versionId, current);
            }
            after = before.checked(current, versionId, storedDescribe, Collections.unmodifiableMap(versions),
                    refreshAheadAt, expiresAt, now);
        } while (!STATE.compareAndSet(entry, before, after));
        counters.loads.increment();
        return new Transition(before, after);
    }

    private Transition recordFailure(Entry entry, RuntimeException error) {
        counters.loadFailures.increment();
        long now = now();
        int failures = entry.state.consecutiveFailures + 1;
        long delay = backoff.nextRetry(failures);
        EntryState before;
        EntryState after;
        do {
            before = entry.state;
            after = before.failed(error, failures, now + delay);
        } while (!STATE.compareAndSet(entry, before, after));
        // One warning per backoff period: forced checks inside the period only log at debug level.
        if (now - entry.warnedUntil >= 0 || entry.warnedUntil == 0) {
            entry.warnedUntil = after.retryAt;
            LOG.warn("Secrets Manager call for secret {} failed with {}; {}; next attempt in {} ms", secretId(entry),
                    errorCode(error), before.loaded ? "serving the cached value" : "no cached value",
                    TimeUnit.NANOSECONDS.toMillis(delay));
        } else {
            LOG.debug("Secrets Manager call for secret {} failed again with {}", secretId(entry), errorCode(error));
        }
        return new Transition(before, after);
    }

    private static String secretId(Entry entry) {
        return entry.secretId;
    }

    private void notifyListeners(SecretChangeEvent change) {
        for (SecretChangeListener listener : listeners) {
            try {
                listener.onVersionChange(change);
            } catch (RuntimeException e) {
                LOG.warn("SecretChangeListener {} failed for secret {}", listener.getClass().getName(),
                        change.getSecretId(), e);
            }
        }
    }

    // ---- prefetch ---------------------------------------------------------------------------------------------

    private void prefetchChunk(List<String> chunk, Set<String> loaded, Map<String, String> failures) {
        Map<String, String> pending = new LinkedHashMap<>();
        for (String secretId : chunk) {
            pending.put(secretId, secretId);
        }
        String nextToken = null;
        try {
            do {
                counters.apiCall(BATCH_GET_SECRET_VALUE);
                BatchGetSecretValueResponse response = client.batchGetSecretValue(BatchGetSecretValueRequest.builder()
                        .secretIdList(chunk).nextToken(nextToken).overrideConfiguration(USER_AGENT).build());
                for (SecretValueEntry value : response.secretValues()) {
                    String secretId = matchRequested(pending.keySet(), value.name(), value.arn());
                    if (secretId != null) {
                        pending.remove(secretId);
                        installPrefetched(secretId, value, loaded, failures);
                    }
                }
                for (APIErrorType error : response.errors()) {
                    String secretId = pending.containsKey(error.secretId()) ? error.secretId()
                            : matchRequested(pending.keySet(), error.secretId(), error.secretId());
                    if (secretId != null) {
                        pending.remove(secretId);
                        failures.put(secretId, error.errorCode());
                        counters.loadFailures.increment();
                    }
                }
                nextToken = response.nextToken();
            } while (nextToken != null && !pending.isEmpty());
        } catch (RuntimeException e) {
            LOG.warn("BatchGetSecretValue for {} secrets failed with {}", pending.size(), errorCode(e));
            for (String secretId : pending.keySet()) {
                failures.put(secretId, errorCode(e));
                counters.loadFailures.increment();
            }
            return;
        }
        for (String secretId : pending.keySet()) {
            failures.put(secretId, "NotReturned");
        }
    }

    private static String matchRequested(Collection<String> requested, String name, String arn) {
        for (String secretId : requested) {
            if (secretId.equals(name) || secretId.equals(arn)
                    || (arn != null && secretId.startsWith("arn:") && arn.startsWith(secretId + "-"))) {
                return secretId;
            }
        }
        return null;
    }

    private void installPrefetched(String secretId, SecretValueEntry value, Set<String> loaded,
            Map<String, String> failures) {
        GetSecretValueResponse response = GetSecretValueResponse.builder().arn(value.arn()).name(value.name())
                .versionId(value.versionId()).versionStages(value.versionStages()).createdDate(value.createdDate())
                .secretString(value.secretString()).secretBinary(value.secretBinary()).build();
        Entry entry = entryFor(secretId);
        Object stored = store(secretId, response);
        counters.loads.increment();
        if (!value.versionStages().contains(versionStage)) {
            addVersion(entry, value.versionId(), stored);
            try {
                ensureLoaded(entry);
                loaded.add(secretId);
            } catch (RuntimeException e) {
                failures.put(secretId, errorCode(e));
            }
            return;
        }
        long now = now();
        long ttl = backoff.nextTtl();
        long expiresAt = now + ttl;
        long refreshAheadAt = expiresAt - (long) (ttl * refreshAheadFraction);
        EntryState before;
        EntryState after;
        do {
            before = entry.state;
            boolean sameVersion = before.loaded && value.versionId().equals(before.currentVersionId);
            Map<String, Object> versions = new HashMap<>(before.versions);
            versions.put(value.versionId(), stored);
            after = before.checked(stored, value.versionId(), sameVersion ? before.describe : null,
                    Collections.unmodifiableMap(versions), refreshAheadAt, expiresAt, now);
        } while (!STATE.compareAndSet(entry, before, after));
        loaded.add(secretId);
        if (before.loaded && !value.versionId().equals(before.currentVersionId)) {
            notifyListeners(new SecretChangeEvent(secretId, versionStage, before.currentVersionId,
                    value.versionId()));
        }
    }

    // ---- Secrets Manager calls and stored objects --------------------------------------------------------------

    private DescribeSecretResponse describeSecret(String secretId) {
        counters.apiCall(DESCRIBE_SECRET);
        return client.describeSecret(
                DescribeSecretRequest.builder().secretId(secretId).overrideConfiguration(USER_AGENT).build());
    }

    private GetSecretValueResponse getSecretValue(String secretId, String versionId) {
        counters.apiCall(GET_SECRET_VALUE);
        return client.getSecretValue(GetSecretValueRequest.builder().secretId(secretId).versionId(versionId)
                .overrideConfiguration(USER_AGENT).build());
    }

    private Object store(String secretId, GetSecretValueResponse response) {
        return hook == null ? SecretVersion.of(secretId, response) : hook.put(response);
    }

    private SecretVersion decodeVersion(String secretId, Object stored) {
        if (hook == null) {
            return (SecretVersion) stored;
        }
        Object original = hook.get(stored);
        if (!(original instanceof GetSecretValueResponse)) {
            throw new IllegalStateException("SecretCacheHook.get must return the GetSecretValueResponse given to put"
                    + " for secret " + secretId + ", got " + typeName(original));
        }
        return SecretVersion.of(secretId, (GetSecretValueResponse) original);
    }

    private DescribeSecretResponse describeOf(Entry entry, EntryState state) {
        Object original = hook == null ? state.describe : hook.get(state.describe);
        if (!(original instanceof DescribeSecretResponse)) {
            throw new IllegalStateException("SecretCacheHook.get must return the DescribeSecretResponse given to put"
                    + " for secret " + entry.secretId + ", got " + typeName(original));
        }
        return (DescribeSecretResponse) original;
    }

    private static String typeName(Object o) {
        return o == null ? "null" : o.getClass().getName();
    }

    private static String versionIdFor(DescribeSecretResponse describe, String stage) {
        for (Map.Entry<String, List<String>> version : describe.versionIdsToStages().entrySet()) {
            if (version.getValue() != null && version.getValue().contains(stage)) {
                return version.getKey();
            }
        }
        return null;
    }

    static String errorCode(Throwable error) {
        if (error instanceof AwsServiceException && ((AwsServiceException) error).awsErrorDetails() != null
                && ((AwsServiceException) error).awsErrorDetails().errorCode() != null) {
            return ((AwsServiceException) error).awsErrorDetails().errorCode();
        }
        return error.getClass().getSimpleName();
    }

    // ---- plumbing ---------------------------------------------------------------------------------------------

    private long now() {
        return coarseClock ? CoarseClock.read() : ticker.read();
    }

    private Entry entryFor(String secretId) {
        checkOpen();
        requireText("secretId", secretId);
        Entry entry = entries.get(secretId);
        if (entry != null) {
            return entry;
        }
        Entry created = new Entry(secretId);
        entry = entries.putIfAbsent(secretId, created);
        if (entry != null) {
            return entry;
        }
        for (Entry victim : accessOrder.insert(created.accessNode)) {
            if (entries.remove(victim.secretId, victim)) {
                counters.evictions.increment();
            }
        }
        return created;
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("SecretCache is closed");
        }
    }

    private static String requireText(String parameter, String value) {
        if (value == null || value.trim().isEmpty()) {
            throw new IllegalArgumentException(parameter + " must not be null or blank");
        }
        return value;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw unwrap(e.getCause());
        }
    }

    /** Rethrows what a check or fetch threw as-is, so callers see the SDK's own exception. */
    private static RuntimeException unwrap(Throwable cause) {
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return new IllegalStateException("Unexpected checked exception", cause);
    }

    private static SecretsManagerClient build(SecretsManagerClientBuilder builder) {
        if (builder == null) {
            throw new IllegalArgumentException("builder must not be null");
        }
        return builder.build();
    }

    private static SecretsManagerClient requireClient(SecretsManagerClient client) {
        if (client == null) {
            throw new IllegalArgumentException("client must not be null");
        }
        return client;
    }

    private static SecretsManagerClient defaultClient() {
        return DefaultClients.builder().build();
    }

    /** A validated copy: the setters check every value, including ones a subclass's getters may return. */
    private static SecretCacheConfiguration validated(SecretCacheConfiguration config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
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
                .withTicker(config.getTicker())
                .withRandom(config.getRandom());
    }

    private static String version() {
        String version = SecretCache.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /** One cached secret: its current state, and the check and version fetches in flight for it. */
    static final class Entry {
        final String secretId;
        final AccessOrder.Node<Entry> accessNode = new AccessOrder.Node<>(this);
        volatile EntryState state = EntryState.EMPTY;
        @SuppressWarnings("rawtypes")
        volatile CompletableFuture check;
        final ConcurrentHashMap<String, CompletableFuture<Object>> versionFetches = new ConcurrentHashMap<>(2);
        /** Failures before this ticker reading are not logged at WARN again; written only by the check in flight. */
        volatile long warnedUntil;

        Entry(String secretId) {
            this.secretId = secretId;
        }
    }

    /** A state change made by one version check. */
    private static final class Transition {
        final EntryState before;
        final EntryState after;

        Transition(EntryState before, EntryState after) {
            this.before = before;
            this.after = after;
        }
    }

    private static final class Counters {
        /** Hits outside the access-order count: cached versions found by ID or for a non-default stage. */
        final LongAdder hits = new LongAdder();
        /** Reads recorded in the access order that were not hits; all other recorded reads were. */
        final LongAdder nonHitReads = new LongAdder();
        final LongAdder misses = new LongAdder();
        final LongAdder loads = new LongAdder();
        final LongAdder loadFailures = new LongAdder();
        final LongAdder staleServes = new LongAdder();
        final LongAdder evictions = new LongAdder();
        final ConcurrentHashMap<String, LongAdder> apiCalls = new ConcurrentHashMap<>();

        void apiCall(String operation) {
            LongAdder adder = apiCalls.get(operation);
            if (adder == null) {
                adder = apiCalls.computeIfAbsent(operation, o -> new LongAdder());
            }
            adder.increment();
        }

        SecretCacheStats snapshot(long recordedReads) {
            Map<String, Long> calls = new HashMap<>();
            for (Map.Entry<String, LongAdder> call : apiCalls.entrySet()) {
                calls.put(call.getKey(), call.getValue().sum());
            }
            long hitCount = hits.sum() + Math.max(0, recordedReads - nonHitReads.sum());
            return new SecretCacheStats(hitCount, misses.sum(), loads.sum(), loadFailures.sum(), staleServes.sum(),
                    evictions.sum(), calls);
        }
    }

    private static final class RefreshThreadFactory implements java.util.concurrent.ThreadFactory {
        private static final AtomicInteger SEQUENCE = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "smkit-secret-cache-refresh-" + SEQUENCE.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
