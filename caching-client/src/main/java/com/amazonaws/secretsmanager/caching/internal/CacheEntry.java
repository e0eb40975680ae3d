package com.amazonaws.secretsmanager.caching.internal;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.UnaryOperator;

/**
 * One cached secret: its current {@link EntryState}, the single-flight slot of its version check, and its fetches of
 * versions by ID in flight.
 *
 * <p>{@link #update} is the only way the state changes.
 */
public final class CacheEntry {

    private static final AtomicReferenceFieldUpdater<CacheEntry, EntryState> STATE =
            AtomicReferenceFieldUpdater.newUpdater(CacheEntry.class, EntryState.class, "state");
    private static final AtomicReferenceFieldUpdater<CacheEntry, Check> CHECK =
            AtomicReferenceFieldUpdater.newUpdater(CacheEntry.class, Check.class, "check");
    private static final AtomicLongFieldUpdater<CacheEntry> STARTED =
            AtomicLongFieldUpdater.newUpdater(CacheEntry.class, "startedChecks");
    private static final AtomicReferenceFieldUpdater<CacheEntry, FailureReport> FAILURE_REPORT =
            AtomicReferenceFieldUpdater.newUpdater(CacheEntry.class, FailureReport.class, "failureReport");

    public final String secretId;
    /** The order of creation in its table: breaks ties between entries last read at the same clock reading. */
    final long sequence;

    private volatile EntryState state = EntryState.EMPTY;
    /** The check queued or in flight, or null. */
    private volatile Check check;
    /** How many checks have started; each takes the next number as its generation. */
    private volatile long startedChecks;
    /** The current version a caller last reported failing, and when it was first reported; null if none. */
    private volatile FailureReport failureReport;
    /** Version ID to the GetSecretValue in flight for it; completes with the stored version, or null to retry. */
    final ConcurrentHashMap<String, CompletableFuture<Object>> versionFetches = new ConcurrentHashMap<>(2);
    /**
     * With failover: the regions the secret's last DescribeSecret in the primary region reported as replicas; written
     * only by the check in flight.
     */
    volatile List<String> reportedReplicas = Collections.emptyList();
    /**
     * With failover: version ID to CreatedDate (epoch milliseconds) of the versions fetched, so that a lagging
     * replica's older version never replaces a newer one served. Left empty without failover.
     */
    final ConcurrentHashMap<String, Long> createdDates = new ConcurrentHashMap<>(2);
    /** Failures before this clock reading are not logged at WARN again; written only by the check in flight. */
    volatile long warnedUntil;
    /**
     * The clock reading of the last read, for the LRU eviction. Written only when the clock has moved since, so a
     * hot secret costs at most one store per clock tick and per reading thread, not one per read.
     */
    private volatile long lastRead;

    public CacheEntry(String secretId, long sequence, long now) {
        this.secretId = secretId;
        this.sequence = sequence;
        this.lastRead = now;
    }

    /** Records a read at {@code now}; a no-op unless the clock moved forward since the last recorded read. */
    public void touch(long now) {
        if (now - lastRead > 0) {
            lastRead = now;
        }
    }

    long lastRead() {
        return lastRead;
    }

    public EntryState state() {
        return state;
    }

    /** Applies {@code change} atomically to the latest state (again if another change won the race). */
    public Transition update(UnaryOperator<EntryState> change) {
        for (;;) {
            EntryState before = state;
            EntryState after = change.apply(before);
            if (after == before || STATE.compareAndSet(this, before, after)) {
                return new Transition(before, after);
            }
        }
    }

    Check check() {
        return check;
    }

    boolean replaceCheck(Check expected, Check replacement) {
        return CHECK.compareAndSet(this, expected, replacement);
    }

    long startedChecks() {
        return startedChecks;
    }

    long nextGeneration() {
        return STARTED.incrementAndGet(this);
    }

    /**
     * Records that a caller saw {@code versionId} fail when {@code startedChecks} checks had started, unless that
     * version was reported already, and returns the started-check count of its first report: a check with a higher
     * generation started after the version began failing.
     */
    long failureReported(String versionId, long startedChecks) {
        for (;;) {
            FailureReport report = failureReport;
            if (report != null && report.versionId.equals(versionId)) {
                return report.startedChecks;
            }
            if (FAILURE_REPORT.compareAndSet(this, report, new FailureReport(versionId, startedChecks))) {
                return startedChecks;
            }
        }
    }

    /** Completes everything a caller may be waiting on for this entry with {@code error} (the cache is closing). */
    void failWaiters(RuntimeException error) {
        Check inFlight = check;
        if (inFlight != null) {
            inFlight.done.completeExceptionally(error);
        }
        for (CompletableFuture<Object> fetch : versionFetches.values()) {
            fetch.completeExceptionally(error);
        }
    }

    @Override
    public String toString() {
        return "CacheEntry{secretId=" + secretId + '}';
    }

    private static final class FailureReport {
        final String versionId;
        final long startedChecks;

        FailureReport(String versionId, long startedChecks) {
            this.versionId = versionId;
            this.startedChecks = startedChecks;
        }
    }

    /** A state change: the state it was applied to and the result (the same instance if nothing changed). */
    public static final class Transition {
        public final EntryState before;
        public final EntryState after;

        Transition(EntryState before, EntryState after) {
            this.before = before;
            this.after = after;
        }
    }
}
