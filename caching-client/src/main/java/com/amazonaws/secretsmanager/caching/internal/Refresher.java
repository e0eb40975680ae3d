package com.amazonaws.secretsmanager.caching.internal;

import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretVersion;
import com.amazonaws.secretsmanager.caching.Ticker;
import com.amazonaws.secretsmanager.caching.internal.CacheEntry.Transition;
import com.amazonaws.secretsmanager.caching.internal.EntryState.Deadlines;
import com.amazonaws.secretsmanager.caching.internal.RefreshPolicy.ReadAction;
import com.amazonaws.secretsmanager.caching.internal.RefreshPolicy.Reason;

/**
 * Runs version checks: one per secret at a time, on the caller's thread or, for refresh ahead, on a small background
 * pool. It asks {@link RefreshPolicy} what to do, {@link SecretLoader} to call, and applies the answer with
 * {@link CacheEntry#update}.
 *
 * <p>Waiting rules:
 * <ul>
 *   <li>Nobody waits for a check that has not started. A background check still queued is started by the first
 *       thread that needs it, on that thread; the pool's task then finds it taken and does nothing.</li>
 *   <li>A read waits for the check in flight, or runs its own: one round trip at most, unless the thread running the
 *       check is interrupted, which records nothing, and the read tries again.</li>
 *   <li>{@code refreshNow} shares only a check that started after it began; an older one is waited out first.
 *       {@code refreshIfUnchanged} shares a check that started after the first report of the failing version.
 *       Inside the backoff window after a failure both answer from the state without calling.</li>
 *   <li>{@link #close} completes everything a caller may be waiting on, whatever the pool does with its tasks.</li>
 * </ul>
 */
public final class Refresher {

    private static final Logger LOG = LoggerFactory.getLogger(SecretCache.class);
    private static final int BACKGROUND_THREADS = 4;
    /** A read accepts any started check (generations start at 1). */
    private static final long ANY = 0;

    private final RefreshPolicy policy;
    private final SecretLoader loader;
    private final ValueCodec codec;
    private final StatsCounter stats;
    private final Ticker clock;
    private final VersionChangeSink changes;
    private final Supplier<ExecutorService> backgroundFactory;
    /** The pool for refresh-ahead checks, made by the first one; null until then and after {@link #reset()}. */
    private volatile ExecutorService background;
    private volatile boolean closed;

    /** With one given pool (tests). */
    public Refresher(RefreshPolicy policy, SecretLoader loader, ValueCodec codec, StatsCounter stats, Ticker clock,
            VersionChangeSink changes, ExecutorService background) {
        this(policy, loader, codec, stats, clock, changes, () -> background);
    }

    /** @param backgroundFactory makes the refresh-ahead pool when first needed, and again after {@link #reset()} */
    public Refresher(RefreshPolicy policy, SecretLoader loader, ValueCodec codec, StatsCounter stats, Ticker clock,
            VersionChangeSink changes, Supplier<ExecutorService> backgroundFactory) {
        this.policy = policy;
        this.loader = loader;
        this.codec = codec;
        this.stats = stats;
        this.clock = clock;
        this.changes = changes;
        this.backgroundFactory = backgroundFactory;
    }

    /**
     * The pool for refresh-ahead checks: up to a few daemon threads, created by the first background check (not by
     * opening a cache) and ended after 30 s without work, so an idle cache keeps none.
     */
    public static ExecutorService newBackgroundExecutor() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(BACKGROUND_THREADS, BACKGROUND_THREADS, 30,
                TimeUnit.SECONDS, new LinkedBlockingQueue<Runnable>(), new RefreshThreadFactory());
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    // ---- reads ------------------------------------------------------------------------------------------------

    /**
     * A read that the cache's lock-free hit path did not answer: serves the cached value (starting a background check
     * in the refresh-ahead window), rethrows the last failure inside its backoff, or waits for one check.
     *
     * @return a loaded state
     * @throws RuntimeException the SDK's exception when nothing is cached and the check failed
     */
    public EntryState read(CacheEntry entry) {
        EntryState state = entry.state();
        long now = clock.read();
        entry.touch(now);
        switch (policy.onRead(state, now)) {
            case SERVE_AND_REFRESH_AHEAD:
                refreshAhead(entry);
                stats.served(state);
                return state;
            case SERVE:
                stats.served(state);
                return state;
            case THROW_FAILURE:
                stats.miss();
                throw failureOf(state);
            default:
                stats.miss();
                return waitForCheck(entry);
        }
    }

    private EntryState waitForCheck(CacheEntry entry) {
        for (;;) {
            Check check = awaitCheck(entry, Reason.EXPIRED, ANY);
            EntryState state = entry.state();
            ReadAction next;
            if (state.answeredBy >= check.generation()) {
                next = state.loaded ? ReadAction.SERVE : ReadAction.THROW_FAILURE;
            } else {
                next = policy.onRead(state, clock.read());   // the check had nothing to do, or was interrupted
            }
            switch (next) {
                case SERVE:
                case SERVE_AND_REFRESH_AHEAD:
                    if (state.stale) {
                        stats.staleAfterCheck();
                    }
                    return state;
                case THROW_FAILURE:
                    throw failureOf(state);
                default:
                    // no answer yet: another check
            }
        }
    }

    /** Like {@link #read}, and also makes sure the DescribeSecret result is there (a prefetch does not have it). */
    public EntryState readDescribed(CacheEntry entry) {
        EntryState state = read(entry);
        for (;;) {
            if (state.describe != null) {
                return state;
            }
            if (policy.inBackoff(state, clock.read())) {
                throw failureOf(state);
            }
            Check check = awaitCheck(entry, Reason.DESCRIBE_MISSING, ANY);
            state = entry.state();
            if (state.describe == null && state.failure != null && state.answeredBy >= check.generation()) {
                throw state.failure;
            }
        }
    }

    // ---- forced checks ----------------------------------------------------------------------------------------

    /**
     * Whether a check that started during this call succeeded. Inside the backoff window after a failure: false at
     * once, without a call. Otherwise the caller first waits the forced-refresh jitter (a random delay, see
     * {@link RefreshPolicy#forcedCheckDelay()}), unless a check that started after the call began answered meanwhile;
     * calls made during the wait share the check that follows it.
     *
     * @throws InterruptedException if interrupted while waiting (nothing is recorded) or while the check runs
     */
    public boolean refreshNow(CacheEntry entry) throws InterruptedException {
        long startedBefore = entry.startedChecks();
        boolean waited = false;
        for (;;) {
            EntryState state = entry.state();
            if (state.answeredBy > startedBefore) {
                return state.failure == null;
            }
            if (policy.inBackoff(state, clock.read())) {
                return false;
            }
            if (!waited) {
                waited = true;
                long delay = policy.forcedCheckDelay();
                if (delay > 0) {
                    TimeUnit.NANOSECONDS.sleep(delay);
                    continue;       // look again: a check that started meanwhile may have answered
                }
            }
            try {
                awaitCheck(entry, Reason.FORCED, startedBefore, true);
            } catch (RuntimeException e) {
                if (!(e instanceof IllegalStateException) && SecretLoader.isInterruption(e)) {
                    Thread.interrupted();   // reported by the exception instead
                    InterruptedException interrupted = new InterruptedException(
                            "Interrupted during the version check of secret " + entry.secretId);
                    interrupted.initCause(e);
                    throw interrupted;
                }
                throw e;
            }
        }
    }

    /**
     * The state to answer {@code refreshIfUnchanged} from, for a caller that just saw {@code versionId} fail: at once
     * if the configured stage is no longer on {@code versionId}, or inside the backoff window (then the last failure is
     * thrown); from the last check if it started after the first report of {@code versionId} and succeeded less than
     * the minimum interval ago; otherwise after a new check, shared with any check in flight that started after that
     * first report.
     *
     * <p>Why the first report: a version fails (a database rejects its password) because something changed before
     * the failure, so only a check that started after the first failure is sure to see the change. Sharing such a
     * check, instead of each caller forcing its own, keeps a burst of failing callers at one call, and later reports
     * of the same version at one call per minimum interval.
     */
    public EntryState refreshIfUnchanged(CacheEntry entry, String versionId) {
        long startedBefore = entry.startedChecks();
        EntryState state = read(entry);
        long firstReported = -1;
        for (;;) {
            if (!Objects.equals(state.currentVersionId, versionId)) {
                return state;
            }
            if (state.answeredBy > startedBefore) {            // a check that started during this call answered
                if (state.failure != null) {
                    throw state.failure;
                }
                return state;
            }
            long now = clock.read();
            if (policy.inBackoff(state, now)) {
                throw failureOf(state);
            }
            if (firstReported < 0) {
                firstReported = entry.failureReported(versionId, startedBefore);
            }
            if (state.answeredBy > firstReported && policy.recentlyChecked(state, now)) {
                return state;                                   // recent, and after the failure began
            }
            awaitCheck(entry, Reason.FAILED_VERSION, firstReported);
            state = entry.state();
        }
    }

    // ---- single flight ----------------------------------------------------------------------------------------

    private Check awaitCheck(CacheEntry entry, Reason reason, long startedAfter) {
        try {
            return awaitCheck(entry, reason, startedAfter, false);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
    }

    /**
     * Returns once a check that started after {@code startedAfter} (a value of {@link CacheEntry#startedChecks()})
     * is done: this thread's own, a queued one it started, or one in flight it waited for. Throws what this thread's
     * own check threw when it was interrupted.
     */
    private Check awaitCheck(CacheEntry entry, Reason reason, long startedAfter, boolean interruptibly)
            throws InterruptedException {
        for (;;) {
            if (closed) {
                throw closedError();
            }
            Check check = entry.check();
            if (check == null) {
                Check mine = Check.started(entry.nextGeneration());
                if (entry.replaceCheck(null, mine)) {
                    run(entry, mine, reason);
                    return mine;
                }
            } else if (check.generation() == 0) {
                if (check.start(entry.nextGeneration())) {
                    run(entry, check, reason);     // queued for the background pool, which has not got to it
                    return check;
                }
            } else {
                await(check, interruptibly);
                if (check.generation() > startedAfter) {
                    return check;
                }
                // It started before the caller did, so its answer may be older than the call: look again.
            }
        }
    }

    /** Runs a started check on this thread and ends it; listeners hear of a version change after it ended. */
    private void run(CacheEntry entry, Check check, Reason reason) {
        Transition transition;
        try {
            transition = callIfNeeded(entry, check, reason);
        } finally {
            finish(entry, check);
        }
        if (transition != null) {
            notifyIfMoved(entry.secretId, transition);
        }
    }

    private Transition callIfNeeded(CacheEntry entry, Check check, Reason reason) {
        long startedAt = clock.read();
        EntryState latest = entry.state();
        if (closed || !policy.needsCall(reason, latest, startedAt)) {
            return null;
        }
        LOG.debug("Checking secret {} for a new version ({})", entry.secretId, reason);
        CheckResult result;
        long loadStarted = stats.loadClock();
        try {
            result = loader.check(entry, latest);
        } catch (RuntimeException error) {
            if (SecretLoader.isInterruption(error)) {
                // Says nothing about the secret: the interrupted caller gets the exception, the others try again.
                LOG.debug("Version check of secret {} interrupted; nothing recorded", entry.secretId);
                throw error;
            }
            stats.loadFailure(stats.loadClock() - loadStarted);
            return recordFailure(entry, check, latest, error);
        }
        stats.load(stats.loadClock() - loadStarted);
        Deadlines next = policy.afterSuccess(clock.read());
        SecretVersion plain = codec.readable(result.current);
        return entry.update(s -> s.afterCheck(result, plain, next, startedAt, check.generation()));
    }

    private Transition recordFailure(CacheEntry entry, Check check, EntryState latest, RuntimeException error) {
        long now = clock.read();
        int failures = latest.consecutiveFailures + 1;     // only the check in flight writes failures
        long retryAt = policy.retryAt(now, failures);
        Transition transition = entry.update(s -> s.afterFailure(error, failures, retryAt, check.generation()));
        // One warning per backoff period: forced checks inside the period only log at debug level.
        long warnedUntil = entry.warnedUntil;
        if (warnedUntil == 0 || now - warnedUntil >= 0) {
            entry.warnedUntil = retryAt;
            LOG.warn("Secrets Manager call for secret {} failed with {}; {}; next attempt in {} ms", entry.secretId,
                    SecretLoader.errorCode(error),
                    transition.before.loaded ? "serving the cached value" : "no cached value",
                    TimeUnit.NANOSECONDS.toMillis(retryAt - now));
        } else {
            LOG.debug("Secrets Manager call for secret {} failed again with {}", entry.secretId,
                    SecretLoader.errorCode(error));
        }
        return transition;
    }

    /** Frees the slot (after the state is published), then releases the waiters, who look at the state again. */
    private static void finish(CacheEntry entry, Check check) {
        entry.replaceCheck(check, null);
        check.done.complete(null);
    }

    private static void await(Check check, boolean interruptibly) throws InterruptedException {
        try {
            if (interruptibly) {
                check.done.get();
            } else {
                check.done.join();
            }
        } catch (ExecutionException | CompletionException e) {
            throw rethrown(e.getCause());
        }
    }

    private void notifyIfMoved(String secretId, Transition transition) {
        EntryState before = transition.before;
        EntryState after = transition.after;
        if (before != after && before.loaded && after.failure == null
                && !Objects.equals(before.currentVersionId, after.currentVersionId)) {
            changes.versionChanged(secretId, before.currentVersionId, after.currentVersionId);
        }
    }

    // ---- background -------------------------------------------------------------------------------------------

    private void refreshAhead(CacheEntry entry) {
        if (entry.check() != null || closed) {
            return;
        }
        Check queued = Check.queued();
        if (!entry.replaceCheck(null, queued)) {
            return;
        }
        try {
            background().execute(() -> runQueued(entry, queued));
        } catch (Throwable t) {
            // Rejected because the cache is closing, or the pool failed otherwise (no thread could be made): the
            // check must not stay in the slot as if someone were going to run it.
            if (queued.start(entry.nextGeneration())) {
                finish(entry, queued);
            }
            if (!(t instanceof RejectedExecutionException)) {
                LOG.warn("Could not start a background version check of secret {}: {}", entry.secretId, t.toString());
            }
        }
    }

    private void runQueued(CacheEntry entry, Check check) {
        if (!check.start(entry.nextGeneration())) {
            return;     // a caller that needed it ran it already
        }
        try {
            run(entry, check, Reason.AHEAD);
        } catch (RuntimeException interrupted) {
            LOG.debug("Background version check of secret {} stopped: {}", entry.secretId,
                    SecretLoader.errorCode(interrupted));
        }
    }

    // ---- prefetch ---------------------------------------------------------------------------------------------

    /**
     * Takes the entry's slot for a prefetch, as a check that starts now (taking over a queued one); null if a check
     * is already in flight, whose answer then stands.
     */
    Check tryClaim(CacheEntry entry) {
        for (;;) {
            if (closed) {
                throw closedError();
            }
            Check check = entry.check();
            if (check == null) {
                Check mine = Check.started(entry.nextGeneration());
                if (entry.replaceCheck(null, mine)) {
                    return mine;
                }
            } else if (check.generation() != 0) {
                return null;
            } else if (check.start(entry.nextGeneration())) {
                return check;
            }
        }
    }

    /** Ends a prefetch's claim with the configured stage's version it fetched. */
    void answer(CacheEntry entry, Check claim, String versionId, Object stored, long startedAt) {
        Transition transition;
        try {
            Deadlines next = policy.afterSuccess(clock.read());
            SecretVersion plain = codec.readable(stored);
            transition = entry.update(
                    s -> s.afterPrefetch(versionId, stored, plain, next, startedAt, claim.generation()));
        } finally {
            finish(entry, claim);
        }
        notifyIfMoved(entry.secretId, transition);
    }

    /** Ends a prefetch's claim without an answer; whoever waited on it tries again. */
    void release(CacheEntry entry, Check claim) {
        finish(entry, claim);
    }

    /** Waits until the check in flight for the entry, if any, is done. */
    void awaitInFlight(CacheEntry entry) {
        Check check = entry.check();
        if (check != null && check.generation() != 0) {
            try {
                await(check, false);
            } catch (InterruptedException e) {
                throw new AssertionError("an uninterruptible wait was interrupted", e);
            }
        }
    }

    /** How many of {@code entries} are inside the backoff window after a failed check, now. */
    public int inBackoff(Iterable<CacheEntry> entries) {
        long now = clock.read();
        int count = 0;
        for (CacheEntry entry : entries) {
            if (policy.inBackoff(entry.state(), now)) {
                count++;
            }
        }
        return count;
    }

    // ---- close ------------------------------------------------------------------------------------------------

    private ExecutorService background() {
        ExecutorService pool = background;
        if (pool == null) {
            synchronized (this) {
                pool = background;
                if (pool == null) {
                    pool = backgroundFactory.get();
                    background = pool;
                }
            }
        }
        return pool;
    }

    /**
     * Stops the background pool (its threads end; checks it still runs are interrupted and record nothing). The next
     * background check makes a new one. For a cache that was emptied and stays usable.
     */
    public void reset() {
        ExecutorService pool;
        synchronized (this) {
            pool = background;
            background = null;
        }
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /**
     * Stops the background pool and completes every check and version fetch of {@code entries} that a caller may be
     * waiting on, with an {@link IllegalStateException}. Checks still running finish on their own.
     */
    public void close(Iterable<CacheEntry> entries) {
        closed = true;
        reset();
        IllegalStateException error = closedError();
        for (CacheEntry entry : entries) {
            entry.failWaiters(error);
        }
    }

    static IllegalStateException closedError() {
        return new IllegalStateException("SecretCache is closed");
    }

    /** The failure a state holds; never null, so a caller never throws null. */
    static RuntimeException failureOf(EntryState state) {
        return state.failure != null ? state.failure
                : new IllegalStateException("No failure recorded for a state that has no value");
    }

    /** What a check or fetch threw, as is, so callers see the SDK's own exception. */
    static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        if (cause instanceof Error) {
            throw (Error) cause;
        }
        return new IllegalStateException("Unexpected checked exception", cause);
    }

    static final class RefreshThreadFactory implements ThreadFactory {
        private static final AtomicInteger SEQUENCE = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "smkit-secret-cache-refresh-" + SEQUENCE.incrementAndGet());
            thread.setDaemon(true);
            // The pool creates threads on whichever thread submits (a reader of any application): the library's own
            // loader, not the reader's, so an idle pool thread never pins an application's loader.
            thread.setContextClassLoader(Refresher.class.getClassLoader());
            return thread;
        }
    }
}
