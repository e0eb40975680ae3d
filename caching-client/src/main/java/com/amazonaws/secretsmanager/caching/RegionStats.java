package com.amazonaws.secretsmanager.caching;

/**
 * Counters of one region of a cache with failover (see {@link SecretCacheConfiguration#getFailoverRegions()}): an
 * immutable snapshot, part of {@link SecretCacheStats#regionStats()}.
 */
public final class RegionStats {

    private final String region;
    private final boolean primary;
    private final long apiCallCount;
    private final long failureCount;
    private final long failoverCount;
    private final long timeOnReplicaMillis;
    private final boolean down;

    RegionStats(String region, boolean primary, long apiCallCount, long failureCount, long failoverCount,
            long timeOnReplicaMillis, boolean down) {
        this.region = region;
        this.primary = primary;
        this.apiCallCount = apiCallCount;
        this.failureCount = failureCount;
        this.failoverCount = failoverCount;
        this.timeOnReplicaMillis = timeOnReplicaMillis;
        this.down = down;
    }

    public String region() {
        return region;
    }

    /** Whether this is the primary region (the region of the cache's client). */
    public boolean isPrimary() {
        return primary;
    }

    /** Requests sent to the region (DescribeSecret and GetSecretValue), whatever their outcome. */
    public long apiCallCount() {
        return apiCallCount;
    }

    /** Calls that failed as an outage does (connection errors, timeouts, 5xx, throttling). */
    public long failureCount() {
        return failureCount;
    }

    /**
     * Primary: how many times the cache went over to the failover regions. Failover region: how many version checks
     * and version fetches it answered in place of the primary.
     */
    public long failoverCount() {
        return failoverCount;
    }

    /** Primary: total time the cache has read from failover regions, including now if it still does. Else 0. */
    public long timeOnReplicaMillis() {
        return timeOnReplicaMillis;
    }

    /** Whether the region is currently skipped after a failure (until a probe succeeds). */
    public boolean isDown() {
        return down;
    }

    @Override
    public String toString() {
        return "RegionStats{region=" + region + (primary ? ", primary" : "") + ", apiCalls=" + apiCallCount
                + ", failures=" + failureCount + ", failovers=" + failoverCount + ", timeOnReplicaMillis="
                + timeOnReplicaMillis + ", down=" + down + '}';
    }
}
