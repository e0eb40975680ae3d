package com.amazonaws.secretsmanager.caching.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Whether one region is used, and its counters. A region that failed is down: it is skipped until its retry time
 * (the cache's {@link Backoff}), then one call, the probe, tries it while the others keep going elsewhere. Only the
 * probe's outcome ends or extends the down time: calls that were already in flight when the region went down do not
 * (so a burst of failures counts as one, and a late success does not make the cache flap back), and a call that
 * started before the region came back does not put it down again.
 */
final class RegionHealth {

    /** What a caller may do with the region now. */
    enum Use { CALL, PROBE, SKIP }

    final String region;
    private final Backoff backoff;

    private boolean down;
    private boolean probing;
    private int failures;
    private long retryAt;
    private long downSince;
    private long downNanos;
    /** When the last successful probe ended a down time; calls started before it are older news. */
    private long upSince;
    private boolean cameBack;

    final LongAdder calls = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder failovers = new LongAdder();

    RegionHealth(String region, Backoff backoff) {
        this.region = region;
        this.backoff = backoff;
    }

    synchronized Use use(long now) {
        if (!down) {
            return Use.CALL;
        }
        if (!probing && now - retryAt >= 0) {
            probing = true;
            return Use.PROBE;
        }
        return Use.SKIP;
    }

    /**
     * A call of kind {@code use} got an answer. Returns whether the region just came back (a successful probe); only
     * that ends the down time.
     */
    synchronized boolean answered(Use use, long now) {
        if (use != Use.PROBE || !down) {
            return false;
        }
        down = false;
        probing = false;
        failures = 0;
        downNanos += now - downSince;
        upSince = now;
        cameBack = true;
        return true;
    }

    /**
     * A call of kind {@code use}, started at {@code startedAt}, failed as an outage does. Returns the delay until the
     * next probe in nanoseconds if the region just went down, else -1. A failed probe backs off further. A call that
     * started before the region last came back tells nothing new (it may have waited out the whole outage).
     */
    synchronized long failed(Use use, long startedAt, long now) {
        failed.increment();
        if (!down && use == Use.CALL && cameBack && startedAt - upSince < 0) {
            return -1;
        }
        if (!down) {
            down = true;
            failures = 1;
            downSince = now;
            retryAt = now + backoff.nextRetry(failures);
            return retryAt - now;
        }
        if (use == Use.PROBE) {
            probing = false;
            failures++;
            retryAt = now + backoff.nextRetry(failures);
        }
        return -1;
    }

    /** A probe that ended without telling anything about the region (the caller was interrupted). */
    synchronized void abandoned(Use use) {
        if (use == Use.PROBE) {
            probing = false;
        }
    }

    synchronized boolean isDown() {
        return down;
    }

    /** Time spent down so far, the current down time included, in milliseconds. */
    synchronized long downMillis(long now) {
        return TimeUnit.NANOSECONDS.toMillis(downNanos + (down ? now - downSince : 0));
    }
}
