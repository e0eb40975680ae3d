package com.amazonaws.secretsmanager.caching.cache;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.caching.SecretCacheHook;
import com.amazonaws.secretsmanager.caching.internal.Backoff;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * One cached API result with its own lock, error state and retry backoff: the base of {@link SecretCacheItem} (a
 * secret's DescribeSecret) and {@link SecretCacheVersion} (one version's GetSecretValue).
 *
 * <p>Kept for code written against the AWS caching client, which has public classes of these names; {@link
 * com.amazonaws.secretsmanager.caching.SecretCache} does not use them. They work as in that client: the refresh runs
 * on the caller's thread while holding {@link #lock}; a failure is kept and rethrown (the same instance) while
 * nothing was loaded, and retried after an exponential backoff; the configured hook's {@code put} stores each
 * result and its {@code get} reads it back. The configuration is read at each use (not copied): TTL, stage, hook,
 * backoff settings, {@code forceRefreshJitterMillis}, ticker and random source.
 *
 * @param <T> the type of the cached API result
 */
public abstract class SecretCacheObject<T> {

    /** The secret, as the caller names it. */
    protected final String secretId;
    /** Held while refreshing and reading. */
    protected final Object lock = new Object();
    protected final SecretsManagerClient client;
    protected final SecretCacheConfiguration config;
    /** The failure of the last refresh, or null after a success; guarded by {@link #lock}. */
    protected RuntimeException exception;

    private final AtomicBoolean refreshNeeded = new AtomicBoolean(true);
    /** What the hook's {@code put} returned for the last result (the result itself without a hook); under the lock. */
    private Object stored;
    private boolean loaded;
    /** Consecutive failures; under the lock. */
    private int failures;
    /** Ticker reading before which no retry is made after a failure; under the lock. */
    private long retryAt;

    /**
     * @param config null for the defaults
     * @throws IllegalArgumentException if {@code secretId} or {@code client} is null
     */
    public SecretCacheObject(String secretId, SecretsManagerClient client, SecretCacheConfiguration config) {
        if (secretId == null) {
            throw new IllegalArgumentException("secretId must not be null");
        }
        if (client == null) {
            throw new IllegalArgumentException("client must not be null");
        }
        this.secretId = secretId;
        this.client = client;
        this.config = config != null ? config : new SecretCacheConfiguration();
    }

    /** Calls Secrets Manager for a fresh result. */
    protected abstract T executeRefresh();

    /** The secret value {@code result} stands for; null if there is none. */
    protected abstract GetSecretValueResponse getSecretValue(T result);

    @Override
    public abstract boolean equals(Object obj);

    @Override
    public abstract int hashCode();

    @Override
    public abstract String toString();

    /**
     * Whether the next read refreshes: nothing was loaded yet, {@link #refreshNow()} asked for it, or the last refresh
     * failed and its backoff is over. Subclasses add their own reasons.
     */
    protected boolean isRefreshNeeded() {
        if (refreshNeeded.get()) {
            return true;
        }
        synchronized (lock) {
            return exception != null && now() - retryAt >= 0;
        }
    }

    /**
     * Refreshes after a random wait of up to {@code forceRefreshJitterMillis} (at least half of it; after a failure,
     * at least until its backoff ends) and returns whether the refresh succeeded.
     *
     * @throws InterruptedException if interrupted during the wait
     */
    public boolean refreshNow() throws InterruptedException {
        refreshNeeded.set(true);
        long wait = backoff().forcedCheckDelay();
        synchronized (lock) {
            if (exception != null) {
                wait = Math.max(wait, retryAt - now());
            }
        }
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        synchronized (lock) {
            refresh();
            return exception == null;
        }
    }

    /**
     * The secret value, refreshed first if needed. After a failed refresh the last value is returned; with none, the
     * failure is thrown (the same instance, until the backoff allows another attempt).
     */
    public GetSecretValueResponse getSecretValue() {
        synchronized (lock) {
            refresh();
            if (!loaded && exception != null) {
                throw exception;
            }
            return getSecretValue(loaded ? result() : null);
        }
    }

    /** The time, in nanoseconds, of the configured ticker. */
    long now() {
        return config.getTicker().read();
    }

    /** The backoff, TTL and jitter of the current configuration. */
    Backoff backoff() {
        return new Backoff(config.getCacheItemTTL(), config.getExceptionRetryDelayBase(),
                config.getExceptionRetryGrowthFactor(), config.getExceptionRetryDelayMax(),
                config.getForceRefreshJitterMillis(), config.getRandom());
    }

    private void refresh() {
        if (!isRefreshNeeded()) {
            return;
        }
        refreshNeeded.set(false);
        try {
            T result = executeRefresh();
            SecretCacheHook hook = config.getCacheHook();
            stored = hook != null ? hook.put(result) : result;
            loaded = true;
            exception = null;
            failures = 0;
        } catch (RuntimeException e) {
            exception = e;
            failures++;
            retryAt = now() + backoff().nextRetry(failures);
        }
    }

    @SuppressWarnings("unchecked")
    private T result() {
        SecretCacheHook hook = config.getCacheHook();
        return (T) (hook != null ? hook.get(stored) : stored);
    }
}
