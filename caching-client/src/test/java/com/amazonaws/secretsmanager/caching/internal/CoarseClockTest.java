package com.amazonaws.secretsmanager.caching.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The clock's ticker is driven tick by tick by the test through its parker, so its waits are counted, not timed: it
 * must stop after the idle ticks, then make no wait with a timeout (no periodic wake-up) until a read restarts it.
 */
class CoarseClockTest {

    private static final int IDLE_TICKS = 4;
    private static final long PATIENCE_NANOS = TimeUnit.SECONDS.toNanos(10);

    /** Each timed wait of the ticker lasts until the test grants one tick; untimed waits are real parks. */
    static final class SteppedParker implements CoarseClock.Parker {
        final Semaphore grants = new Semaphore(0);
        final AtomicInteger timedWaits = new AtomicInteger();
        final AtomicInteger ticksTaken = new AtomicInteger();
        final AtomicInteger untimedWaits = new AtomicInteger();
        volatile boolean inTimedWait;

        @Override
        public void parkNanos(long nanos) {
            timedWaits.incrementAndGet();
            inTimedWait = true;
            grants.acquireUninterruptibly();
            inTimedWait = false;
            ticksTaken.incrementAndGet();
        }

        @Override
        public void park() {
            untimedWaits.incrementAndGet();
            LockSupport.park(this);
        }

        @Override
        public void unpark(Thread thread) {
            LockSupport.unpark(thread);
        }

        /** Whether {@code ticker} is parked in {@link #park()} right now (not just about to). */
        boolean isParkedUntimed(Thread ticker) {
            return ticker != null && ticker.getState() == Thread.State.WAITING && LockSupport.getBlocker(ticker) == this;
        }
    }

    private final SteppedParker parker = new SteppedParker();
    private final CoarseClock clock = new CoarseClock(parker, 1_000_000, IDLE_TICKS, "smkit-test-clock");

    @AfterEach
    void endTicker() throws InterruptedException {
        Thread ticker = clock.tickerThread();
        parker.grants.release(1_000);
        clock.release();
        if (ticker != null) {
            ticker.join(TimeUnit.NANOSECONDS.toMillis(PATIENCE_NANOS));
        }
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE_NANOS;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("never happened: " + what);
            }
            Thread.yield();
        }
    }

    /** Lets the ticker take one tick and waits until it waits again (for its next tick, or stopped). */
    private void tick() {
        int waitsBefore = parker.timedWaits.get() + parker.untimedWaits.get();
        await("ticker waiting for its tick", () -> parker.inTimedWait);
        parker.grants.release();
        await("ticker done with its tick", () -> parker.timedWaits.get() + parker.untimedWaits.get() > waitsBefore);
    }

    @Test
    void noThreadUntilTheFirstReadAndAStoppedClockReadsTheSystemTime() {
        clock.acquire();
        assertThat(clock.tickerThread()).as("opening a cache starts nothing").isNull();
        assertThat(clock.isStopped()).isTrue();

        long before = System.nanoTime();
        long read = clock.read();

        assertThat(read - before).as("a stopped clock answers with a fresh System.nanoTime()").isGreaterThanOrEqualTo(0);
        Thread ticker = clock.tickerThread();
        assertThat(ticker).isNotNull();
        assertThat(ticker.isDaemon()).isTrue();
        assertThat(ticker.getName()).startsWith("smkit-");
        assertThat(ticker.getContextClassLoader()).isNull();
    }

    @Test
    void theTickerStopsAfterTheIdleTicksAndNeverWaitsWithATimeoutUntilTheNextRead() throws Exception {
        clock.acquire();
        clock.read();                                   // starts the ticker
        for (int i = 0; i < 10; i++) {
            tick();
            clock.read();                               // a read in every tick keeps it running
            assertThat(clock.isStopped()).isFalse();
        }
        tick();                                         // sees the last read
        for (int i = 0; i < IDLE_TICKS; i++) {
            tick();                                     // idle
        }

        assertThat(clock.isStopped()).as("stopped after %d idle ticks", IDLE_TICKS).isTrue();
        assertThat(parker.ticksTaken).hasValue(10 + 1 + IDLE_TICKS);
        await("the stopped ticker parks without a timeout", () -> parker.untimedWaits.get() >= 1);
        // LockSupport.park may return spuriously (the Parker contract says so), so a park or two more is allowed
        // before the idle period; during it, the counts must not move.
        await("the stopped ticker parked", () -> parker.isParkedUntimed(clock.tickerThread()));
        int timedWaits = parker.timedWaits.get();
        int untimedWaits = parker.untimedWaits.get();
        long wakeUps = clock.wakeUps();
        parker.grants.release(100);                     // ticks it could take, were it waiting for one
        Thread.sleep(100);                              // not a timing assertion: gives a spinning ticker rope
        assertThat(parker.timedWaits).as("no timed wait while idle").hasValue(timedWaits);
        assertThat(parker.untimedWaits).as("no wake-up while idle").hasValue(untimedWaits);
        assertThat(clock.wakeUps()).isEqualTo(wakeUps);
        assertThat(clock.ticks()).isEqualTo(10 + 1 + IDLE_TICKS);
        parker.grants.drainPermits();

        long before = System.nanoTime();
        long read = clock.read();                       // restarts it

        assertThat(read - before).as("the restarting read's own fresh time").isGreaterThanOrEqualTo(0);
        assertThat(clock.isStopped()).isFalse();
        await("the ticker ticks again", () -> parker.inTimedWait);
        assertThat(clock.wakeUps()).isEqualTo(wakeUps + 1);
    }

    @Test
    void aTickerWithNoCacheLeftEndsOnceStoppedAndTheNextReadStartsANewOne() throws Exception {
        clock.acquire();
        clock.read();
        Thread first = clock.tickerThread();
        clock.release();
        for (int i = 0; i < IDLE_TICKS - 1; i++) {
            tick();
        }
        parker.grants.release();                        // the last idle tick: it stops, and ends
        first.join(TimeUnit.NANOSECONDS.toMillis(PATIENCE_NANOS));
        assertThat(first.isAlive()).isFalse();
        assertThat(clock.tickerThread()).isNull();
        assertThat(parker.untimedWaits).as("ended instead of parking").hasValue(0);

        clock.acquire();
        long before = System.nanoTime();
        assertThat(clock.read() - before).isGreaterThanOrEqualTo(0);
        assertThat(clock.tickerThread()).isNotNull().isNotSameAs(first);
    }

    @Test
    void anInterruptWakesTheStoppedTickerOnceAndItParksAgain() throws Exception {
        clock.acquire();
        clock.read();
        for (int i = 0; i < IDLE_TICKS; i++) {
            tick();
        }
        await("stopped and parked", () -> parker.untimedWaits.get() == 1);

        clock.tickerThread().interrupt();

        await("parked again", () -> parker.untimedWaits.get() == 2);
        Thread.sleep(100);
        assertThat(parker.untimedWaits).as("an interrupt does not make it spin").hasValue(2);
        assertThat(clock.isStopped()).isTrue();
    }

    @Test
    void whileRunningTheClockNeverGoesBackAndTracksTheTicks() {
        clock.acquire();
        long first = clock.read();
        tick();
        long second = clock.read();
        assertThat(second).isGreaterThanOrEqualTo(first);
        tick();
        assertThat(clock.read()).isGreaterThanOrEqualTo(second);
    }
}
