package com.amazonaws.secretsmanager.caching;

/**
 * A source of nanosecond time used for every TTL, jitter and backoff decision, so tests can move time by hand.
 * Only differences between readings matter.
 */
public interface Ticker {

    /** Nanoseconds elapsed since an arbitrary fixed origin. */
    long read();

    /**
     * The ticker backed by {@link System#nanoTime()}. A cache configured with it (the default) reads a shared coarse
     * clock refreshed about every millisecond while caches are being read (and stopped while nobody reads), which
     * keeps {@code System.nanoTime()} off the read path.
     */
    static Ticker systemTicker() {
        return SystemTicker.INSTANCE;
    }
}

enum SystemTicker implements Ticker {
    INSTANCE;

    @Override
    public long read() {
        return System.nanoTime();
    }
}
