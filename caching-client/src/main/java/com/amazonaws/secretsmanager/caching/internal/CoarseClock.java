package com.amazonaws.secretsmanager.caching.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * A shared {@code System.nanoTime()} reading refreshed about every millisecond by one daemon thread, so that the
 * cache's read path costs one volatile read instead of a ~20 ns system call. The thread runs only while at least one
 * cache holds the clock.
 */
public final class CoarseClock {

    private static final long PERIOD_NANOS = 1_000_000;

    private static volatile long now = System.nanoTime();
    private static int holders;        // guarded by CoarseClock.class
    private static Thread updater;     // guarded by CoarseClock.class

    private CoarseClock() {
    }

    public static long read() {
        return now;
    }

    public static synchronized void acquire() {
        now = System.nanoTime();
        if (holders++ == 0) {
            updater = new Thread(CoarseClock::run, "smkit-secret-cache-clock");
            updater.setDaemon(true);
            updater.start();
        }
    }

    public static synchronized void release() {
        if (holders > 0 && --holders == 0) {
            updater.interrupt();
            updater = null;
        }
    }

    private static void run() {
        Thread self = Thread.currentThread();
        while (!self.isInterrupted()) {
            now = System.nanoTime();
            LockSupport.parkNanos(PERIOD_NANOS);
        }
    }
}
