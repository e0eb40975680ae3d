package com.amazonaws.secretsmanager.caching;

import com.amazonaws.secretsmanager.caching.internal.StatsCounter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * An immutable snapshot of a cache's counters since it was built.
 *
 * <ul>
 *   <li>hit: a read answered from a fresh cached value; miss: a read that found nothing usable and had to load;</li>
 *   <li>load / load failure: a version check or version fetch that succeeded / failed; load time: the time those
 *       calls to Secrets Manager took, measured with the cache's {@link Ticker} (a secret loaded by
 *       {@code prefetch} counts the time of the BatchGetSecretValue page that answered it);</li>
 *   <li>backoff count: secrets whose last check failed and whose retry delay has not ended when the snapshot is
 *       taken (no call is made for them until it ends);</li>
 *   <li>stale serve: a read answered with the last good value while Secrets Manager calls were failing;</li>
 *   <li>eviction: a secret dropped because the cache was full;</li>
 *   <li>API calls: requests sent to Secrets Manager, per operation name (whatever their outcome);</li>
 *   <li>with failover, per region: requests, failures, failovers and time spent on replicas ({@link RegionStats}).</li>
 * </ul>
 */
public final class SecretCacheStats {

    private final long hitCount;
    private final long missCount;
    private final long loadCount;
    private final long loadFailureCount;
    private final long staleServeCount;
    private final long evictionCount;
    private final long totalLoadTimeNanos;
    private final long lastLoadSuccessMillis;
    private final long lastLoadFailureMillis;
    private final boolean lastLoadFailed;
    private final int backoffCount;
    private final Map<String, Long> apiCallCounts;
    private final Map<String, RegionStats> regionStats;

    /** A snapshot of {@code counters}, with the two figures that need the cache's other parts. */
    SecretCacheStats(StatsCounter counters, int backoffCount, Map<String, RegionStats> regionStats) {
        this.hitCount = counters.hitCount();
        this.missCount = counters.missCount();
        this.loadCount = counters.loadCount();
        this.loadFailureCount = counters.loadFailureCount();
        this.staleServeCount = counters.staleServeCount();
        this.evictionCount = counters.evictionCount();
        this.totalLoadTimeNanos = counters.totalLoadTimeNanos();
        this.lastLoadSuccessMillis = counters.lastLoadSuccessMillis();
        this.lastLoadFailureMillis = counters.lastLoadFailureMillis();
        this.lastLoadFailed = counters.lastLoadFailed();
        this.backoffCount = backoffCount;
        this.apiCallCounts = Collections.unmodifiableMap(new TreeMap<>(counters.apiCallCounts()));
        this.regionStats = Collections.unmodifiableMap(new LinkedHashMap<>(regionStats));
    }

    public long hitCount() {
        return hitCount;
    }

    public long missCount() {
        return missCount;
    }

    public long loadCount() {
        return loadCount;
    }

    public long loadFailureCount() {
        return loadFailureCount;
    }

    public long staleServeCount() {
        return staleServeCount;
    }

    public long evictionCount() {
        return evictionCount;
    }

    /** Nanoseconds spent in the calls behind {@link #loadCount()} and {@link #loadFailureCount()} together. */
    public long totalLoadTimeNanos() {
        return totalLoadTimeNanos;
    }

    /** When the last successful load ended, in milliseconds since the epoch; 0 if none has yet. */
    public long lastLoadSuccessMillis() {
        return lastLoadSuccessMillis;
    }

    /** When the last failed load ended, in milliseconds since the epoch; 0 if none has yet. */
    public long lastLoadFailureMillis() {
        return lastLoadFailureMillis;
    }

    /** Whether the load that completed last failed (false before any load): is Secrets Manager answering now. */
    public boolean lastLoadFailed() {
        return lastLoadFailed;
    }

    /** Secrets in their retry delay after a failed check, at the time of the snapshot. */
    public int backoffCount() {
        return backoffCount;
    }

    /** Operation name (e.g. "DescribeSecret") to the number of requests sent. */
    public Map<String, Long> apiCallCounts() {
        return apiCallCounts;
    }

    /** Requests sent for one operation; 0 for an operation never called. */
    public long apiCallCount(String operation) {
        Long count = apiCallCounts.get(operation);
        return count == null ? 0 : count;
    }

    /**
     * Region name to its counters, the primary region first, then the failover regions in the order they were
     * configured or learned; empty without failover.
     */
    public Map<String, RegionStats> regionStats() {
        return regionStats;
    }

    @Override
    public String toString() {
        return "SecretCacheStats{hits=" + hitCount + ", misses=" + missCount + ", loads=" + loadCount
                + ", loadFailures=" + loadFailureCount + ", loadTimeNanos=" + totalLoadTimeNanos
                + ", lastLoadSuccessMillis=" + lastLoadSuccessMillis + ", lastLoadFailureMillis="
                + lastLoadFailureMillis + ", lastLoadFailed=" + lastLoadFailed + ", inBackoff=" + backoffCount
                + ", staleServes=" + staleServeCount + ", evictions=" + evictionCount + ", apiCalls=" + apiCallCounts
                + (regionStats.isEmpty() ? "" : ", regions=" + regionStats.values()) + '}';
    }
}
