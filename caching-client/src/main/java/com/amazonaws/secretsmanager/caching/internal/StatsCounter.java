package com.amazonaws.secretsmanager.caching.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

import com.amazonaws.secretsmanager.caching.Ticker;

/**
 * The cache's counters. Hits, the one count on the hit path, go to a counter owned by the reading thread: a plain
 * increment of a padded line no other thread writes, with no atomic instruction and no allocation. A thread finds its
 * counter among a few slots picked by its ID and claims a free one on its first hit; a slot whose owner ended is
 * freed by a sweep (at most once a second, by a thread that found no slot), and its next owner goes on from its
 * count. A thread that finds no slot (more live reader threads than slots) counts in a {@link LongAdder}.
 * {@link #hitCount()} adds it all up. Everything else (misses, loads, failures...) happens next to a network call or a
 * lock and uses {@link LongAdder}s.
 *
 * <p>Loads are timed with the cache's configured ticker itself, not the coarse clock the cache reads on its hit path:
 * a call to Secrets Manager can take less than the coarse clock's millisecond.
 */
public final class StatsCounter {

    public static final String DESCRIBE_SECRET = "DescribeSecret";
    public static final String GET_SECRET_VALUE = "GetSecretValue";
    public static final String BATCH_GET_SECRET_VALUE = "BatchGetSecretValue";

    /** Slots a thread looks at, from the one its ID picks. */
    private static final int PROBES = 4;
    private static final long SWEEP_INTERVAL_NANOS = 1_000_000_000L;
    private static final AtomicLongFieldUpdater<StatsCounter> NEXT_SWEEP =
            AtomicLongFieldUpdater.newUpdater(StatsCounter.class, "nextSweep");

    private final HitCell[] hitCells;
    private final int hitMask;
    /** Hits of threads that found no slot of their own. */
    private final LongAdder overflowHits = new LongAdder();
    private volatile long nextSweep = System.nanoTime();
    private final Ticker loadClock;

    /** @param loadClock the configured ticker, which times loads */
    public StatsCounter(Ticker loadClock) {
        this.loadClock = loadClock;
        int slots = Integer.highestOneBit(Math.max(8, Math.min(256, 8 * Runtime.getRuntime().availableProcessors())));
        hitCells = new HitCell[slots];
        for (int i = 0; i < slots; i++) {
            hitCells[i] = new HitCell();
        }
        hitMask = slots - 1;
    }

    private final LongAdder misses = new LongAdder();
    private final LongAdder loads = new LongAdder();
    private final LongAdder loadFailures = new LongAdder();
    private final LongAdder staleServes = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder loadNanos = new LongAdder();
    /** Epoch millis; a maximum, so that two loads ending together never move it back. */
    private final LongAccumulator lastLoadSuccessMillis = new LongAccumulator(Math::max, 0);
    private final LongAccumulator lastLoadFailureMillis = new LongAccumulator(Math::max, 0);
    /** The outcome of the load that completed last: milliseconds can tie, this cannot. */
    private volatile boolean lastLoadFailed;
    private final ConcurrentHashMap<String, LongAdder> apiCalls = new ConcurrentHashMap<>();

    /** A value served from the cache without waiting: a hit, or a stale serve if the last check failed. */
    public void served(EntryState state) {
        if (state.stale) {
            staleServes.increment();
        } else {
            hit();
        }
    }

    /** A read that served the last good value while the last check failed. */
    public void staleRead() {
        staleServes.increment();
    }

    /** A read that waited for a check and got the last good value because the check failed. */
    public void staleAfterCheck() {
        staleServes.increment();
    }

    /** A read answered from the cache: a plain increment of the calling thread's own counter. */
    public void hit() {
        Thread self = Thread.currentThread();
        int home = slotOf(self);
        HitCell cell = hitCells[home];
        if (cell.owner == self) {
            cell.hits++;
        } else {
            hitElsewhere(self, home);
        }
    }

    private int slotOf(Thread thread) {
        return (int) ((thread.getId() * 0x9E3779B97F4A7C15L) >>> 32) & hitMask;
    }

    /** Not the owner of its first slot: its own slot further on, a free one to claim, or the shared adder. */
    private void hitElsewhere(Thread self, int home) {
        for (int attempt = 0; attempt < 2; attempt++) {
            for (int p = 0; p < PROBES; p++) {
                HitCell cell = hitCells[(home + p) & hitMask];
                if (cell.owner == self) {
                    cell.hits++;
                    return;
                }
            }
            for (int p = 0; p < PROBES; p++) {
                HitCell cell = hitCells[(home + p) & hitMask];
                if (cell.owner == null && HitCell.OWNER.compareAndSet(cell, null, self)) {
                    cell.hits++;
                    return;
                }
            }
            if (attempt == 0 && !sweepEndedOwners()) {
                break;
            }
        }
        overflowHits.increment();
    }

    /** Frees the slots of threads that ended; at most once per interval. Whether it ran. */
    private boolean sweepEndedOwners() {
        long now = System.nanoTime();
        long due = nextSweep;
        if (now - due < 0 || !NEXT_SWEEP.compareAndSet(this, due, now + SWEEP_INTERVAL_NANOS)) {
            return false;
        }
        for (HitCell cell : hitCells) {
            Thread owner = cell.owner;
            // The owner's end happens-before isAlive() returning false: the next owner sees its last count.
            if (owner != null && !owner.isAlive()) {
                HitCell.OWNER.compareAndSet(cell, owner, null);
            }
        }
        return true;
    }

    public void miss() {
        misses.increment();
    }

    /** A reading of the ticker that times loads. */
    public long loadClock() {
        return loadClock.read();
    }

    /** A successful load whose call took {@code nanos} (a difference of {@link #loadClock()} readings). */
    public void load(long nanos) {
        loadNanos.add(nanos);
        loads.increment();
        lastLoadSuccessMillis.accumulate(System.currentTimeMillis());
        lastLoadFailed = false;
    }

    /** A failed load whose call took {@code nanos}. */
    public void loadFailure(long nanos) {
        loadNanos.add(nanos);
        loadFailures.increment();
        lastLoadFailureMillis.accumulate(System.currentTimeMillis());
        lastLoadFailed = true;
    }

    public void eviction() {
        evictions.increment();
    }

    public void apiCall(String operation) {
        LongAdder adder = apiCalls.get(operation);
        if (adder == null) {
            adder = apiCalls.computeIfAbsent(operation, o -> new LongAdder());
        }
        adder.increment();
    }

    /** All hits so far; a thread still reading may have a few more that are not visible yet. */
    public long hitCount() {
        long sum = overflowHits.sum();
        for (HitCell cell : hitCells) {
            sum += cell.hits;
        }
        return sum;
    }

    public long missCount() {
        return misses.sum();
    }

    public long loadCount() {
        return loads.sum();
    }

    public long loadFailureCount() {
        return loadFailures.sum();
    }

    public long staleServeCount() {
        return staleServes.sum();
    }

    public long evictionCount() {
        return evictions.sum();
    }

    public long totalLoadTimeNanos() {
        return loadNanos.sum();
    }

    /** 0 before the first successful load. */
    public long lastLoadSuccessMillis() {
        return lastLoadSuccessMillis.get();
    }

    public boolean lastLoadFailed() {
        return lastLoadFailed;
    }

    /** 0 before the first failed load. */
    public long lastLoadFailureMillis() {
        return lastLoadFailureMillis.get();
    }

    public Map<String, Long> apiCallCounts() {
        Map<String, Long> calls = new HashMap<>();
        for (Map.Entry<String, LongAdder> call : apiCalls.entrySet()) {
            calls.put(call.getKey(), call.getValue().sum());
        }
        return calls;
    }

    /** How many slots have an owner (for tests). */
    int ownedSlots() {
        int owned = 0;
        for (HitCell cell : hitCells) {
            if (cell.owner != null) {
                owned++;
            }
        }
        return owned;
    }

    // Padded, so that two threads' counters never share a cache line.
    @SuppressWarnings("unused")
    abstract static class CellLeftPad {
        long p00, p01, p02, p03, p04, p05, p06, p07;
    }

    abstract static class CellFields extends CellLeftPad {
        /**
         * Written only by the owner, with plain stores: no fence, no atomic instruction. A snapshot taken while the
         * owner reads may miss its latest hits (as with any concurrent counter).
         */
        long hits;
        volatile Thread owner;
    }

    @SuppressWarnings("unused")
    static final class HitCell extends CellFields {
        static final AtomicReferenceFieldUpdater<CellFields, Thread> OWNER =
                AtomicReferenceFieldUpdater.newUpdater(CellFields.class, Thread.class, "owner");

        long p10, p11, p12, p13, p14, p15, p16, p17;
    }
}
