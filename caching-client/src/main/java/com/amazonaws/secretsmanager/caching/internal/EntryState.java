package com.amazonaws.secretsmanager.caching.internal;

import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.amazonaws.secretsmanager.caching.SecretVersion;

/**
 * What the cache knows about one secret at one moment. Immutable: each change publishes a new instance through
 * {@link CacheEntry#update}, so a reader needs one volatile read to see a value and its deadlines consistently.
 * Deadlines are clock readings in nanoseconds, compared by overflow-safe subtraction.
 *
 * <p>The methods here only compute the next state; they decide nothing and call nothing.
 */
public final class EntryState {

    public static final EntryState EMPTY = new EntryState(false, null, null, null, null,
            Collections.<String, Object>emptyMap(), Collections.<String>emptySet(), 0, 0, 0, null, 0, 0, 0);

    /** Versions kept per secret that the last DescribeSecret did not list (fetched by ID), newest kept. */
    static final int MAX_UNLISTED_VERSIONS = 16;

    /** True once a check (or a prefetch) resolved the configured stage; the value may still be null. */
    public final boolean loaded;
    /** The configured stage's version as stored (a SecretVersion, or what the hook returned); null if none has it. */
    public final Object current;
    /** {@link #current} when the read path can return it as is (no hook), else null. */
    public final SecretVersion plain;
    public final String currentVersionId;
    /** The last DescribeSecretResponse as stored; null before the first check and after a prefetch. */
    public final Object describe;
    /** Version ID to stored version, for the configured stage, per-call stages and lookups by version ID. */
    public final Map<String, Object> versions;
    /** The version IDs the last DescribeSecret listed (a prefetch adds the version it installed). */
    public final Set<String> listed;
    /** From here on a read also starts a background check. */
    public final long refreshAheadAt;
    /** From here on a read waits for a check. */
    public final long expiresAt;
    /** When the last successful check started. */
    public final long checkedAt;
    /** The error of the last attempt if it failed, else null. */
    public final RuntimeException failure;
    public final int consecutiveFailures;
    /** Before this, no new attempt is made after a failure. */
    public final long retryAt;
    /**
     * The start number ({@link Check#generation()}) of the check whose answer, success or failure, this state holds;
     * 0 if none. A state with an answer is loaded or has a failure.
     */
    public final long answeredBy;
    /** A value is served while the last attempt failed. */
    public final boolean stale;
    /**
     * Loaded, not stale, and {@link #plain} holds the value: until {@link #refreshAheadAt} the cache's hit path may
     * return {@link #plain} as is. One field, so that the hit path tests one flag.
     */
    public final boolean servedAsIs;

    private EntryState(boolean loaded, Object current, SecretVersion plain, String currentVersionId, Object describe,
            Map<String, Object> versions, Set<String> listed, long refreshAheadAt, long expiresAt, long checkedAt,
            RuntimeException failure, int consecutiveFailures, long retryAt, long answeredBy) {
        this.loaded = loaded;
        this.current = current;
        this.plain = plain;
        this.currentVersionId = currentVersionId;
        this.describe = describe;
        this.versions = versions;
        this.listed = listed;
        this.refreshAheadAt = refreshAheadAt;
        this.expiresAt = expiresAt;
        this.checkedAt = checkedAt;
        this.failure = failure;
        this.consecutiveFailures = consecutiveFailures;
        this.retryAt = retryAt;
        this.answeredBy = answeredBy;
        this.stale = loaded && failure != null;
        this.servedAsIs = loaded && failure == null && plain != null;
    }

    /**
     * The state after a successful check: the versions the describe no longer lists are dropped, the configured
     * stage's version is added.
     */
    EntryState afterCheck(CheckResult result, SecretVersion plainCurrent, Deadlines next, long startedAt,
            long generation) {
        Map<String, Object> kept = new LinkedHashMap<>();
        for (Map.Entry<String, Object> known : versions.entrySet()) {
            if (result.listed.contains(known.getKey())) {
                kept.put(known.getKey(), known.getValue());
            }
        }
        if (result.versionId != null) {
            kept.put(result.versionId, result.current);
        }
        return new EntryState(true, result.current, plainCurrent, result.versionId, result.describe,
                Collections.unmodifiableMap(kept), result.listed, next.refreshAheadAt, next.expiresAt, startedAt,
                null, 0, 0, generation);
    }

    /**
     * The state after a prefetch answered with the configured stage's version. The describe is kept only if the
     * version did not move (it would list the wrong current version otherwise).
     */
    EntryState afterPrefetch(String versionId, Object stored, SecretVersion plainCurrent, Deadlines next,
            long startedAt, long generation) {
        boolean sameVersion = loaded && versionId.equals(currentVersionId);
        Map<String, Object> more = new LinkedHashMap<>(versions);
        more.put(versionId, stored);
        Set<String> moreListed = listed;
        if (!listed.contains(versionId)) {
            moreListed = new HashSet<>(listed);
            moreListed.add(versionId);
            moreListed = Collections.unmodifiableSet(moreListed);
        }
        return new EntryState(true, stored, plainCurrent, versionId, sameVersion ? describe : null,
                Collections.unmodifiableMap(more), moreListed, next.refreshAheadAt, next.expiresAt, startedAt, null, 0,
                0, generation);
    }

    /**
     * The state after a failed attempt: a value already held is kept and served until {@code retryAt}; after that,
     * reads retry in the background until the value's own expiry, then in the foreground.
     */
    EntryState afterFailure(RuntimeException error, int failures, long retryAt, long generation) {
        long expiry = loaded && expiresAt - retryAt > 0 ? expiresAt : retryAt;
        return new EntryState(loaded, current, plain, currentVersionId, describe, versions, listed, retryAt, expiry,
                checkedAt, error, failures, retryAt, generation);
    }

    /**
     * This state with one more known version. Listed versions are always kept (the next check drops those that stop
     * being listed); of the others only the {@value #MAX_UNLISTED_VERSIONS} most recently added are.
     */
    EntryState withVersion(String versionId, Object stored) {
        if (versions.containsKey(versionId)) {
            return this;
        }
        Map<String, Object> more = new LinkedHashMap<>(versions);
        if (!listed.contains(versionId)) {
            int unlisted = 0;
            for (String known : more.keySet()) {
                if (!listed.contains(known)) {
                    unlisted++;
                }
            }
            for (Iterator<String> oldest = more.keySet().iterator(); unlisted >= MAX_UNLISTED_VERSIONS
                    && oldest.hasNext();) {
                if (!listed.contains(oldest.next())) {
                    oldest.remove();
                    unlisted--;
                }
            }
        }
        more.put(versionId, stored);
        return new EntryState(loaded, current, plain, currentVersionId, describe, Collections.unmodifiableMap(more),
                listed, refreshAheadAt, expiresAt, checkedAt, failure, consecutiveFailures, retryAt, answeredBy);
    }

    /** When the next background and foreground checks are due after a success. */
    public static final class Deadlines {
        final long refreshAheadAt;
        final long expiresAt;

        Deadlines(long refreshAheadAt, long expiresAt) {
            this.refreshAheadAt = refreshAheadAt;
            this.expiresAt = expiresAt;
        }
    }
}
