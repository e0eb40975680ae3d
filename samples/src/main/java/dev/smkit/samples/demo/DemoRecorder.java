package dev.smkit.samples.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;

/**
 * What happens during a run, recorded from many threads: queries per second, failures, rotations and physical
 * connects. Time comes from an injectable nanosecond source so tests control it.
 */
final class DemoRecorder {

    private static final int MAX_FAILURE_KINDS = 5;

    private final LongSupplier nanoTime;
    private final long startNanos;
    private final AtomicLongArray okPerSecond;
    private final AtomicLongArray failedPerSecond;
    private final AtomicLong failed = new AtomicLong();
    private final List<DemoReport.Rotation> rotations = new ArrayList<>();
    private final List<Long> connectNanos = new ArrayList<>();
    private final Map<String, Long> failureKinds = new LinkedHashMap<>();
    private long connectFailures;

    DemoRecorder(LongSupplier nanoTime, long seconds) {
        this.nanoTime = nanoTime;
        this.startNanos = nanoTime.getAsLong();
        // One spare bucket: the last operations may finish just after the deadline.
        this.okPerSecond = new AtomicLongArray((int) seconds + 1);
        this.failedPerSecond = new AtomicLongArray((int) seconds + 1);
    }

    long elapsedNanos() {
        return nanoTime.getAsLong() - startNanos;
    }

    private int bucket() {
        return (int) Math.min(okPerSecond.length() - 1, elapsedNanos() / 1_000_000_000L);
    }

    void queryOk() {
        okPerSecond.incrementAndGet(bucket());
    }

    /** Keeps the first few distinct kinds of failure (exception class, SQLState, message) with their counts. */
    void queryFailed(Exception e) {
        failed.incrementAndGet();
        failedPerSecond.incrementAndGet(bucket());
        String kind = describe(e);
        synchronized (failureKinds) {
            if (failureKinds.containsKey(kind) || failureKinds.size() < MAX_FAILURE_KINDS) {
                failureKinds.merge(kind, 1L, Long::sum);
            }
        }
    }

    static String describe(Exception e) {
        String state = e instanceof java.sql.SQLException ? " [" + ((java.sql.SQLException) e).getSQLState() + "]" : "";
        return e.getClass().getSimpleName() + state + ": " + e.getMessage();
    }

    void rotation(String strategy, long startedNanos, boolean succeeded, String failure) {
        long offsetMillis = (startedNanos - startNanos) / 1_000_000L;
        long tookMillis = (nanoTime.getAsLong() - startedNanos) / 1_000_000L;
        synchronized (rotations) {
            rotations.add(new DemoReport.Rotation(offsetMillis, tookMillis, strategy, succeeded, failure));
        }
    }

    void connected(long nanos) {
        synchronized (connectNanos) {
            connectNanos.add(nanos);
        }
    }

    void connectFailed() {
        synchronized (connectNanos) {
            connectFailures++;
        }
    }

    long failedCount() {
        return failed.get();
    }

    int rotationCount() {
        synchronized (rotations) {
            return rotations.size();
        }
    }

    /** Queries completed during the whole second before the current one (0 in the first second). */
    long lastSecondRate() {
        int current = bucket();
        return current == 0 ? 0 : okPerSecond.get(current - 1);
    }

    DemoReport report(DemoOptions options, Map<String, Long> apiCalls, long cacheHits, long cacheMisses) {
        long[] okSeries = new long[okPerSecond.length()];
        long[] failedSeries = new long[failedPerSecond.length()];
        for (int i = 0; i < okSeries.length; i++) {
            okSeries[i] = okPerSecond.get(i);
            failedSeries[i] = failedPerSecond.get(i);
        }
        List<Long> connects;
        long connectFailureCount;
        synchronized (connectNanos) {
            connects = new ArrayList<>(connectNanos);
            connectFailureCount = connectFailures;
        }
        List<DemoReport.Rotation> rotationList;
        synchronized (rotations) {
            rotationList = new ArrayList<>(rotations);
        }
        Map<String, Long> failures;
        synchronized (failureKinds) {
            failures = new LinkedHashMap<>(failureKinds);
        }
        return new DemoReport(options, elapsedNanos(), okSeries, failedSeries, rotationList, apiCalls, connects,
                connectFailureCount, cacheHits, cacheMisses, failures);
    }
}
