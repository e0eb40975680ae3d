package com.amazonaws.secretsmanager.caching.internal;

import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import com.amazonaws.secretsmanager.caching.Ticker;

/**
 * A {@code System.nanoTime()} reading refreshed about every millisecond by one daemon thread while caches are being
 * read, so that a cache hit costs a volatile read instead of a ~20 ns system call, and that costs nothing while
 * nobody reads.
 *
 * <p>The ticker thread stops by itself after {@code idleTicks} ticks in which no reader used the clock: it publishes
 * the {@link #STOPPED} marker instead of a time and parks without a timeout. A reader that finds the marker takes
 * {@code System.nanoTime()} itself, so a stopped clock never hands out an old time, and the one reader that swaps the
 * marker for its reading wakes the ticker. So an idle JVM sees no periodic wake-up at all, however many caches are
 * open. The thread is created by the first read (not by opening a cache) and ends once it is stopped while no cache
 * holds the clock.
 *
 * <p>A running clock lags real time by at most one period plus however long the ticker thread waits for a core.
 *
 * <p>Readers mark the clock as used by setting a flag the ticker clears on each tick: one write per tick, by the
 * first reader of that tick, on the line the ticker writes anyway.
 */
public final class CoarseClock implements Ticker {

    /** How the ticker waits; tests count and control the waits through their own. */
    public interface Parker {
        /** One tick's wait. */
        void parkNanos(long nanos);

        /** The wait of a stopped clock, until {@link #unpark}. May return spuriously. */
        void park();

        void unpark(Thread thread);
    }

    /** The value of {@link #now} while the ticker is stopped; never a published time. */
    static final long STOPPED = Long.MIN_VALUE;
    public static final long PERIOD_NANOS = 1_000_000;
    /** Idle ticks before the ticker stops: about 16 ms without a read. */
    public static final int IDLE_TICKS = 16;

    private static final Parker LOCK_SUPPORT = new Parker() {
        @Override
        public void parkNanos(long nanos) {
            LockSupport.parkNanos(this, nanos);
        }

        @Override
        public void park() {
            LockSupport.park(this);
        }

        @Override
        public void unpark(Thread thread) {
            LockSupport.unpark(thread);
        }
    };

    /** The clock every cache with the default ticker shares. */
    public static final CoarseClock SYSTEM = new CoarseClock(LOCK_SUPPORT, PERIOD_NANOS, IDLE_TICKS,
            "smkit-secret-cache-clock");

    private static final AtomicLongFieldUpdater<HotFields> NOW = AtomicLongFieldUpdater.newUpdater(HotFields.class, "now");

    private final Fields f = new Fields();
    private final Parker parker;
    private final long periodNanos;
    private final int idleTicks;
    private final String threadName;
    /** Guards {@link #holders} and the creation and end of the ticker thread. */
    private final ReentrantLock lock = new ReentrantLock();
    private int holders;

    public CoarseClock(Parker parker, long periodNanos, int idleTicks, String threadName) {
        this.parker = parker;
        this.periodNanos = periodNanos;
        this.idleTicks = idleTicks;
        this.threadName = threadName;
    }

    /** The time: at most about one period old while the ticker runs, {@code System.nanoTime()} while it is stopped. */
    @Override
    public long read() {
        Fields fields = f;
        long now = fields.now;
        if (now == STOPPED) {
            return restart();
        }
        if (!fields.used) {
            fields.used = true;
        }
        return now;
    }

    /** A cache that may read the clock is open. Starts nothing: the first read does. */
    public void acquire() {
        lock.lock();
        try {
            holders++;
        } finally {
            lock.unlock();
        }
    }

    /** A cache closed. When none is left, the ticker ends as soon as it is stopped. */
    public void release() {
        Thread ticker;
        lock.lock();
        try {
            if (holders == 0 || --holders > 0) {
                return;
            }
            ticker = f.ticker;
        } finally {
            lock.unlock();
        }
        if (ticker != null) {
            parker.unpark(ticker);
        }
    }

    /** Ticks so far (for tests and diagnostics). */
    public long ticks() {
        return f.ticks;
    }

    /** Times the stopped ticker was woken up, by a read, a release, or spuriously (for tests and diagnostics). */
    public long wakeUps() {
        return f.wakeUps;
    }

    /** Whether the ticker is stopped: no thread ticks, and the next read takes {@code System.nanoTime()}. */
    public boolean isStopped() {
        return f.now == STOPPED;
    }

    /** The ticker thread, or null if there is none. */
    public Thread tickerThread() {
        return f.ticker;
    }

    private long restart() {
        long now = nanoTime();
        if (NOW.compareAndSet(f, STOPPED, now)) {
            wakeTicker();
        }
        return now;
    }

    /**
     * Wakes the stopped ticker, or starts one. Under the lock, so that a ticker deciding to end (which it does under
     * the lock, only if it still sees the marker) either sees the reader's time and goes on, or is gone already.
     */
    private void wakeTicker() {
        lock.lock();
        try {
            if (f.ticker != null) {
                parker.unpark(f.ticker);
                return;
            }
            Thread ticker = new Thread(this::run, threadName);
            ticker.setDaemon(true);
            ticker.setContextClassLoader(null);     // runs no user code; must not pin the reader's loader
            f.ticker = ticker;
            ticker.start();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        Fields fields = f;
        boolean ended = false;
        try {
            for (;;) {
                tickUntilIdle(fields);
                fields.now = STOPPED;
                if (awaitRestartOrEnd(fields)) {
                    ended = true;
                    return;
                }
            }
        } finally {
            if (!ended) {
                // An error ended the loop: readers must not keep a frozen time, and the next one starts a ticker.
                lock.lock();
                try {
                    if (fields.ticker == Thread.currentThread()) {
                        fields.ticker = null;
                    }
                } finally {
                    lock.unlock();
                }
                fields.now = STOPPED;
            }
        }
    }

    private void tickUntilIdle(Fields fields) {
        int idle = 0;
        while (idle < idleTicks) {
            parker.parkNanos(periodNanos);
            Thread.interrupted();      // an interrupt must not turn the waits into a spin
            fields.ticks++;
            if (fields.used) {
                fields.used = false;
                idle = 0;
            } else {
                idle++;
            }
            fields.now = nanoTime();
        }
    }

    /** Parks while stopped; true if the thread is to end (stopped and no cache holds the clock). */
    private boolean awaitRestartOrEnd(Fields fields) {
        for (;;) {
            if (fields.now != STOPPED) {
                return false;
            }
            lock.lock();
            try {
                if (holders == 0 && fields.now == STOPPED) {
                    fields.ticker = null;
                    return true;
                }
            } finally {
                lock.unlock();
            }
            parker.park();
            Thread.interrupted();
            fields.wakeUps++;
        }
    }

    private static long nanoTime() {
        long now = System.nanoTime();
        return now == STOPPED ? now + 1 : now;
    }

    // The fields readers use share one line with what the ticker writes on each tick, and no line with anything else.
    @SuppressWarnings("unused")
    abstract static class LeftPad {
        long p00, p01, p02, p03, p04, p05, p06, p07;
    }

    abstract static class HotFields extends LeftPad {
        volatile long now = STOPPED;
        /** Set by a reader, cleared by the ticker. */
        volatile boolean used;
        /** Written only by the ticker thread. */
        volatile long ticks;
        volatile long wakeUps;
        volatile Thread ticker;
    }

    @SuppressWarnings("unused")
    static final class Fields extends HotFields {
        long p10, p11, p12, p13, p14, p15, p16, p17;
    }
}
