package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.Ticker;
import com.amazonaws.secretsmanager.sql.internal.RetryTiming;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** One clock for the cache and the driver's retry loop: sleeping advances it instead of waiting. */
final class FakeClock implements RetryTiming, Ticker {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    final List<Long> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public long nanoTime() {
        return nanos.get();
    }

    @Override
    public long read() {
        return nanos.get();
    }

    @Override
    public void sleep(long millis) {
        sleeps.add(millis);
        nanos.addAndGet(millis * 1_000_000L);
    }

    void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }

    long sleptMillis() {
        return sleeps.stream().mapToLong(Long::longValue).sum();
    }
}
