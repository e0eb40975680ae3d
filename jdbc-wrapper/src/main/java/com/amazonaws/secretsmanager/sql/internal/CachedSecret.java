package com.amazonaws.secretsmanager.sql.internal;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretVersion;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * One secret as a driver reads it through a {@link SecretCache}: the current version, the version checks of the
 * rotation retry, and the AWSPENDING version.
 *
 * <p>Every cache call runs with this library's class loader as the thread's context class loader, so threads the
 * cache or the SDK start on first use (refresh pool, SDK timeout scheduler) never inherit, and so pin, an
 * application's class loader when this library is shared by several applications.
 */
public final class CachedSecret {

    private static final String PENDING_STAGE = "AWSPENDING";

    private final SecretCache cache;
    private final String secretId;

    public CachedSecret(SecretCache cache, String secretId) {
        this.cache = cache;
        this.secretId = secretId;
    }

    public String secretId() {
        return secretId;
    }

    /** The version carrying AWSCURRENT (from the cache when fresh). */
    public SecretVersion current() throws SQLException {
        try {
            return withLibraryClassLoader(() -> cache.getSecretVersion(secretId));
        } catch (RuntimeException e) {
            throw SecretsManagerFailures.readFailure(secretId, e);
        }
    }

    /**
     * For a login that {@code versionId}'s credentials just failed: the version current after a check that started
     * after that version first failed, shared with every caller failing on it and reused for the cache's
     * forced-refresh interval (see {@link SecretCache#refreshIfUnchanged}); possibly still {@code versionId}.
     *
     * @throws RuntimeException the SDK's exception when the check failed
     */
    public SecretVersion checkAfterFailure(String versionId) {
        return withLibraryClassLoader(() -> cache.refreshIfUnchanged(secretId, versionId));
    }

    /**
     * A version check now (shared with concurrent callers, never reused from before): the version current after it,
     * or null when the check failed (the cache keeps the last good value and logs the error).
     */
    public SecretVersion checkNow() throws InterruptedException {
        ClassLoader previous = enterLibraryClassLoader();
        try {
            return cache.refreshNow(secretId) ? cache.getSecretVersion(secretId) : null;
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    /** The AWSPENDING version, or null if there is none or it cannot be read right now. */
    public SecretVersion pending() {
        try {
            return withLibraryClassLoader(() -> cache.getSecretVersion(secretId, PENDING_STAGE));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Runs {@code action} with this library's class loader as the context class loader. */
    static <T> T withLibraryClassLoader(Supplier<T> action) {
        ClassLoader previous = enterLibraryClassLoader();
        try {
            return action.get();
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    private static ClassLoader enterLibraryClassLoader() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(CachedSecret.class.getClassLoader());
        return previous;
    }
}
