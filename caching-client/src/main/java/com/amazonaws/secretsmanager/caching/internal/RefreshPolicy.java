package com.amazonaws.secretsmanager.caching.internal;

import java.util.concurrent.TimeUnit;

import com.amazonaws.secretsmanager.caching.internal.EntryState.Deadlines;

/**
 * Every refresh decision, as functions of a state and the clock: what a read does, whether a check about to start
 * still has to call Secrets Manager, and when the next checks are due. Nothing here calls or changes anything.
 */
public final class RefreshPolicy {

    /** Why a check is wanted. */
    public enum Reason {
        /** A read found the value expired, or nothing cached. */
        EXPIRED,
        /** A read in the refresh-ahead window, checked in the background. */
        AHEAD,
        /** {@code refreshNow}. */
        FORCED,
        /** {@code refreshIfUnchanged}: a caller saw the current version fail, and no usable check answered since. */
        FAILED_VERSION,
        /** Metadata or another stage is needed but the state came from a prefetch, which has no DescribeSecret. */
        DESCRIBE_MISSING
    }

    /** What a read does with the state it found. */
    public enum ReadAction {
        /** Return the cached value. */
        SERVE,
        /** Return the cached value and start a background check. */
        SERVE_AND_REFRESH_AHEAD,
        /** Nothing cached and the last attempt failed recently: rethrow its exception without a call. */
        THROW_FAILURE,
        /** Wait for a check: one in flight, or this thread's own. */
        WAIT_FOR_CHECK
    }

    private final Backoff backoff;
    private final double refreshAheadFraction;
    private final long forcedRefreshMinIntervalNanos;

    public RefreshPolicy(Backoff backoff, double refreshAheadFraction, long forcedRefreshMinIntervalMillis) {
        this.backoff = backoff;
        this.refreshAheadFraction = refreshAheadFraction;
        this.forcedRefreshMinIntervalNanos = TimeUnit.MILLISECONDS.toNanos(forcedRefreshMinIntervalMillis);
    }

    public ReadAction onRead(EntryState state, long now) {
        if (state.loaded && now - state.refreshAheadAt < 0) {
            return ReadAction.SERVE;
        }
        if (state.loaded && now - state.expiresAt < 0) {
            return ReadAction.SERVE_AND_REFRESH_AHEAD;
        }
        if (!state.loaded && inBackoff(state, now)) {
            return ReadAction.THROW_FAILURE;
        }
        return ReadAction.WAIT_FOR_CHECK;
    }

    /**
     * Whether a check started for {@code reason} must call Secrets Manager, given the state when it starts (another
     * check may have finished since it was wanted). No check calls inside the backoff window after a failure.
     */
    public boolean needsCall(Reason reason, EntryState state, long now) {
        switch (reason) {
            case EXPIRED:
                return onRead(state, now) == ReadAction.WAIT_FOR_CHECK;
            case AHEAD:
                ReadAction action = onRead(state, now);
                return action == ReadAction.SERVE_AND_REFRESH_AHEAD || action == ReadAction.WAIT_FOR_CHECK;
            case FORCED:
            case FAILED_VERSION:      // the caller already found no recent check that started after the failure
                return !inBackoff(state, now);
            case DESCRIBE_MISSING:
                return state.describe == null && !inBackoff(state, now);
            default:
                throw new IllegalArgumentException(String.valueOf(reason));
        }
    }

    /** The last attempt failed and its backoff has not ended: answer from the state, call nothing. */
    public boolean inBackoff(EntryState state, long now) {
        return state.failure != null && now - state.retryAt < 0;
    }

    /** A check that started less than {@code forcedRefreshMinInterval} ago succeeded and none failed since. */
    public boolean recentlyChecked(EntryState state, long now) {
        return state.loaded && state.failure == null && now - state.checkedAt - forcedRefreshMinIntervalNanos < 0;
    }

    /** Deadlines after a success at {@code now}: expiry after a jittered TTL, refresh ahead in its last part. */
    public Deadlines afterSuccess(long now) {
        long ttl = backoff.nextTtl();
        long expiresAt = now + ttl;
        return new Deadlines(expiresAt - (long) (ttl * refreshAheadFraction), expiresAt);
    }

    /** How long a forced check ({@code refreshNow}) waits before it calls: the configured jitter. */
    public long forcedCheckDelay() {
        return backoff.forcedCheckDelay();
    }

    /** When to try again after the given number of consecutive failures, the last one at {@code now}. */
    public long retryAt(long now, int failures) {
        return now + backoff.nextRetry(failures);
    }
}
