package dev.smkit.reliability.support;

import com.amazonaws.secretsmanager.caching.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Cache time moved by hand. */
public final class ManualTicker implements Ticker {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Override
    public long read() {
        return nanos.get();
    }

    public void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
