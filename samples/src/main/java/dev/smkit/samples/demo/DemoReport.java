package dev.smkit.samples.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The outcome of one demo run; immutable. Rendered by {@link SummaryTable} and {@link TimelineChart}. */
public final class DemoReport {

    /** One rotation: when it started (ms after the start), how long RotateSecret took, and how it ended. */
    public static final class Rotation {
        final long offsetMillis;
        final long tookMillis;
        final String strategy;
        final boolean succeeded;
        final String failure;

        Rotation(long offsetMillis, long tookMillis, String strategy, boolean succeeded, String failure) {
            this.offsetMillis = offsetMillis;
            this.tookMillis = tookMillis;
            this.strategy = strategy;
            this.succeeded = succeeded;
            this.failure = failure;
        }
    }

    final DemoOptions options;
    final long elapsedNanos;
    final long[] okPerSecond;
    final long[] failedPerSecond;
    final List<Rotation> rotations;
    final Map<String, Long> apiCalls;
    final long[] sortedConnectNanos;
    final long connectFailures;
    final long cacheHits;
    final long cacheMisses;
    final Map<String, Long> failureKinds;

    DemoReport(DemoOptions options, long elapsedNanos, long[] okPerSecond, long[] failedPerSecond,
            List<Rotation> rotations, Map<String, Long> apiCalls, List<Long> connectNanos, long connectFailures,
            long cacheHits, long cacheMisses, Map<String, Long> failureKinds) {
        this.options = options;
        this.elapsedNanos = elapsedNanos;
        this.okPerSecond = okPerSecond.clone();
        this.failedPerSecond = failedPerSecond.clone();
        this.rotations = Collections.unmodifiableList(new ArrayList<>(rotations));
        this.apiCalls = Collections.unmodifiableMap(new TreeMap<>(apiCalls));
        this.sortedConnectNanos = connectNanos.stream().mapToLong(Long::longValue).sorted().toArray();
        this.connectFailures = connectFailures;
        this.cacheHits = cacheHits;
        this.cacheMisses = cacheMisses;
        this.failureKinds = Collections.unmodifiableMap(new LinkedHashMap<>(failureKinds));
    }

    public long queriesOk() {
        return sum(okPerSecond);
    }

    public long queriesFailed() {
        return sum(failedPerSecond);
    }

    public long rotationsSucceeded() {
        return rotations.stream().filter(r -> r.succeeded).count();
    }

    public long rotationsFailed() {
        return rotations.size() - rotationsSucceeded();
    }

    /** Secrets Manager API calls by operation, sorted by name. */
    public Map<String, Long> apiCalls() {
        return apiCalls;
    }

    public int physicalConnects() {
        return sortedConnectNanos.length;
    }

    /** Nearest-rank percentile of physical connect latency in nanoseconds, -1 without connects. */
    public long connectPercentileNanos(double percentile) {
        if (sortedConnectNanos.length == 0) {
            return -1;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sortedConnectNanos.length);
        return sortedConnectNanos[Math.max(0, Math.min(sortedConnectNanos.length - 1, rank - 1))];
    }

    /** Hits over all reads of the SecretCache, or NaN when nothing was read. */
    public double cacheHitRatio() {
        long reads = cacheHits + cacheMisses;
        return reads == 0 ? Double.NaN : (double) cacheHits / reads;
    }

    /** 0 when every query and every rotation succeeded, 1 otherwise. */
    public int exitStatus() {
        return queriesFailed() == 0 && rotationsFailed() == 0 ? 0 : 1;
    }

    private static long sum(long[] values) {
        long total = 0;
        for (long v : values) {
            total += v;
        }
        return total;
    }
}
