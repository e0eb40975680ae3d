package dev.smkit.hikari.internal;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * What logins have shown about a secret's versions: which credentials were handed out for which version, and when a
 * login with a version's credentials was last rejected or accepted. Only {@link LoginObservingDataSource} reports
 * outcomes, so without it there is no evidence and every version counts as not rejected.
 *
 * <p>Thread-safe; every method is short and never calls out while holding the lock.
 */
public final class LoginEvidence {

    /** Credentials handed out but not yet reported on; Hikari opens a handful of connections at a time at most. */
    private static final int ISSUED_REMEMBERED = 64;

    private final LongSupplier nanoClock;
    private final ArrayDeque<Issued> issued = new ArrayDeque<>();   // guarded by this
    private final Map<String, Outcomes> byVersion = new HashMap<>(); // guarded by this

    public LoginEvidence(LongSupplier nanoClock) {
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
    }

    /** Remembers that {@code username}/{@code password} were handed out as version {@code versionId}. */
    public synchronized void issued(String versionId, String username, String password) {
        for (Iterator<Issued> it = issued.iterator(); it.hasNext(); ) {
            if (it.next().matches(username, password)) {
                it.remove();
            }
        }
        issued.addFirst(new Issued(versionId, username, password));
        while (issued.size() > ISSUED_REMEMBERED) {
            issued.removeLast();
        }
    }

    /** A login with these credentials was rejected by the database as bad credentials. */
    public void rejected(String username, String password) {
        record(username, password, false);
    }

    /** A login with these credentials succeeded. */
    public void accepted(String username, String password) {
        record(username, password, true);
    }

    private synchronized void record(String username, String password, boolean accepted) {
        String versionId = versionOf(username, password);
        if (versionId == null) {
            return; // not handed out by this provider (or long forgotten): no evidence about any version
        }
        Outcomes outcomes = byVersion.computeIfAbsent(versionId, v -> new Outcomes());
        long now = nanoClock.getAsLong();
        if (accepted) {
            outcomes.acceptedAt = now;
            outcomes.everAccepted = true;
        } else {
            outcomes.rejectedAt = now;
            outcomes.everRejected = true;
        }
    }

    private String versionOf(String username, String password) {
        for (Issued candidate : issued) {
            if (candidate.matches(username, password)) {
                return candidate.versionId;
            }
        }
        return null;
    }

    /** Whether the latest reported login with {@code versionId}'s credentials was rejected. */
    public synchronized boolean isRejected(String versionId) {
        Outcomes outcomes = byVersion.get(versionId);
        return outcomes != null && outcomes.everRejected
                && (!outcomes.everAccepted || outcomes.rejectedAt - outcomes.acceptedAt > 0);
    }

    /** Whether a login with {@code versionId}'s credentials was rejected after {@code nanos} (a clock reading). */
    public synchronized boolean rejectedAfter(String versionId, long nanos) {
        Outcomes outcomes = byVersion.get(versionId);
        return outcomes != null && outcomes.everRejected && outcomes.rejectedAt - nanos > 0;
    }

    /** Once more than a few versions are recorded, forgets all but {@code versionId}: a long-lived pool stays bounded. */
    public synchronized void compact(String versionId) {
        if (byVersion.size() > 4) {
            retainOnly(versionId);
        }
    }

    /** Forgets versions no longer relevant (all but the given ones), so a long-lived pool keeps a bounded record. */
    public synchronized void retainOnly(String... versionIds) {
        byVersion.keySet().removeIf(v -> {
            for (String keep : versionIds) {
                if (v.equals(keep)) {
                    return false;
                }
            }
            return true;
        });
    }

    public long now() {
        return nanoClock.getAsLong();
    }

    private static final class Issued {
        final String versionId;
        final String username;
        final String password;

        Issued(String versionId, String username, String password) {
            this.versionId = versionId;
            this.username = username;
            this.password = password;
        }

        boolean matches(String username, String password) {
            return Objects.equals(this.username, username) && Objects.equals(this.password, password);
        }

        @Override
        public String toString() {
            return "Issued[version=" + versionId + "]"; // never the credentials
        }
    }

    private static final class Outcomes {
        long rejectedAt;
        long acceptedAt;
        boolean everRejected;
        boolean everAccepted;
    }
}
