package com.amazonaws.secretsmanager.caching.internal;

import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Jittered TTL and exponential retry delays, all in nanoseconds. */
public final class Backoff {

    private final long ttlNanos;
    private final long baseNanos;
    private final double growthFactor;
    private final long maxNanos;
    private final long forcedJitterNanos;
    private final Random random;

    /** Without a wait before forced checks. @param random null for {@link ThreadLocalRandom} */
    public Backoff(long ttlMillis, long baseMillis, double growthFactor, long maxMillis, Random random) {
        this(ttlMillis, baseMillis, growthFactor, maxMillis, 0, random);
    }

    /**
     * @param forcedJitterMillis upper bound of the wait before a forced check calls
     * @param random null for {@link ThreadLocalRandom}
     */
    public Backoff(long ttlMillis, long baseMillis, double growthFactor, long maxMillis, long forcedJitterMillis,
            Random random) {
        this.forcedJitterNanos = TimeUnit.MILLISECONDS.toNanos(forcedJitterMillis);
        this.ttlNanos = TimeUnit.MILLISECONDS.toNanos(ttlMillis);
        this.baseNanos = TimeUnit.MILLISECONDS.toNanos(baseMillis);
        this.growthFactor = growthFactor;
        this.maxNanos = TimeUnit.MILLISECONDS.toNanos(maxMillis);
        this.random = random;
    }

    /** Time until the next version check: uniform in [TTL/2, TTL]. */
    public long nextTtl() {
        return between(ttlNanos / 2, ttlNanos);
    }

    /** The wait before a forced check calls: uniform in [jitter/2, jitter]; 0 if the jitter is 0. */
    public long forcedCheckDelay() {
        return forcedJitterNanos == 0 ? 0 : between(forcedJitterNanos / 2, forcedJitterNanos);
    }

    /** The un-jittered delay after the given number of consecutive failures (1 = first failure). */
    public long retryCeiling(int failures) {
        double delay = baseNanos * Math.pow(growthFactor, Math.max(0, failures - 1));
        return delay >= maxNanos ? maxNanos : (long) delay;
    }

    /** Time until the next retry: uniform in [ceiling/2, ceiling]. */
    public long nextRetry(int failures) {
        long ceiling = retryCeiling(failures);
        return between(ceiling / 2, ceiling);
    }

    private long between(long low, long high) {
        double unit = random == null ? ThreadLocalRandom.current().nextDouble() : random.nextDouble();
        return Math.min(high, low + (long) (unit * (high - low + 1)));
    }
}
