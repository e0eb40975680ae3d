package com.amazonaws.secretsmanager.sql.internal;

import com.amazonaws.secretsmanager.caching.SecretVersion;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Per secret, what logins learned in a rotation's single-user window: the database rejected the AWSCURRENT version and
 * accepted the AWSPENDING one. While the cache still shows both versions with those labels, the next logins start with
 * AWSPENDING, so a window costs one rejected login and one version check per process instead of one of each per
 * connect (and per connect a failed-login entry in the database's log).
 *
 * <p>Only facts go in: a rejection and an acceptance this driver saw. A window ends when the cache shows another
 * AWSCURRENT or AWSPENDING, or when AWSCURRENT logs in again; an AWSPENDING rejected later is forgotten at once.
 */
public final class RotationWindows {

    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    /** The database rejected {@code rejectedCurrentId} (AWSCURRENT) and accepted {@code acceptedPendingId}. */
    private static final class Window {
        final String rejectedCurrentId;
        final String acceptedPendingId;

        Window(String rejectedCurrentId, String acceptedPendingId) {
            this.rejectedCurrentId = rejectedCurrentId;
            this.acceptedPendingId = acceptedPendingId;
        }
    }

    /**
     * The AWSPENDING version to log in with before {@code current}, or null: only when the database rejected
     * {@code current} and accepted that AWSPENDING, and the cache still labels both so.
     */
    SecretVersion pendingToUse(CachedSecret secret, SecretVersion current) {
        Window window = windows.get(secret.secretId());
        if (window == null) {
            return null;
        }
        if (window.rejectedCurrentId.equals(current.getVersionId())) {
            SecretVersion pending = secret.pending();
            if (pending != null && pending.getVersionId().equals(window.acceptedPendingId)) {
                return pending;
            }
        }
        windows.remove(secret.secretId(), window); // the cache moved on: the window is over
        return null;
    }

    /** The database accepted {@code pendingId} after rejecting {@code currentId}. */
    void acceptedPending(String secretId, String currentId, String pendingId) {
        windows.put(secretId, new Window(currentId, pendingId));
    }

    /** The database accepted {@code currentId}: no window for it any more. */
    void acceptedCurrent(String secretId, String currentId) {
        Window window = windows.get(secretId);
        if (window != null && window.rejectedCurrentId.equals(currentId)) {
            windows.remove(secretId, window);
        }
    }

    /** The database rejected {@code pendingId}, which a window said it accepts: the window is over. */
    void rejectedPending(String secretId, String pendingId) {
        Window window = windows.get(secretId);
        if (window != null && window.acceptedPendingId.equals(pendingId)) {
            windows.remove(secretId, window);
        }
    }
}
