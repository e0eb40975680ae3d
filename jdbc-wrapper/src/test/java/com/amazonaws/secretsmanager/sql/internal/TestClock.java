package com.amazonaws.secretsmanager.sql.internal;

import com.amazonaws.secretsmanager.caching.Ticker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** One fake clock for a cache and the login retry: sleeping advances it; nothing waits. */
final class TestClock implements RetryTiming, Ticker {

    private final AtomicLong nanos = new AtomicLong(5_000_000_000_000L);
    final List<Long> sleeps = new CopyOnWriteArrayList<>();
    volatile boolean interruptSleeps;

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public long read() {
        return nanos.get();
    }

    @Override
    public void sleep(long millis) throws InterruptedException {
        if (interruptSleeps) {
            throw new InterruptedException("test");
        }
        sleeps.add(millis);
        nanos.addAndGet(millis * 1_000_000L);
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
