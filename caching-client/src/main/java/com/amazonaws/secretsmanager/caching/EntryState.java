package com.amazonaws.secretsmanager.caching;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * What the cache knows about one secret at one moment. Immutable: every change publishes a new instance, so the read
 * path needs one volatile read to see a consistent value and its deadlines. Deadlines are ticker readings in nanoseconds,
 * compared with overflow-safe subtraction.
 */
final class EntryState {

    static final EntryState EMPTY = new EntryState(false, null, null, null, null,
            Collections.<String, Object>emptyMap(), 0, 0, 0, null, 0, 0);

    /** Versions kept per secret besides those DescribeSecret lists, for lookups by version ID. */
    private static final int MAX_UNLISTED_VERSIONS = 16;

    /** True once a version check (or a prefetch) resolved the configured stage; the value may still be null. */
    final boolean loaded;
    /** The configured stage's version as stored (a SecretVersion, or what the hook returned); null if no version has it. */
    final Object current;
    /** {@link #current} when it is a plain SecretVersion (no hook), for the read path. */
    final SecretVersion plain;
    final String currentVersionId;
    /** The last DescribeSecretResponse as stored; null before the first check and after a prefetch. */
    final Object describe;
    /** Version ID to stored version, for per-call stages and lookups by version ID. */
    final Map<String, Object> versions;
    /** From here on a read also starts a background version check. */
    final long refreshAheadAt;
    /** From here on a read waits for a version check. */
    final long expiresAt;
    /** When the last successful check completed. */
    final long checkedAt;
    /** The error of the last attempt if it failed, else null. */
    final RuntimeException failure;
    final int consecutiveFailures;
    /** Before this, no new attempt is made after a failure. */
    final long retryAt;
    /** A value is served while the last attempt failed. */
    final boolean stale;

    private EntryState(boolean loaded, Object current, SecretVersion plain, String currentVersionId, Object describe,
            Map<String, Object> versions, long refreshAheadAt, long expiresAt, long checkedAt,
            RuntimeException failure, int consecutiveFailures, long retryAt) {
        this.loaded = loaded;
        this.current = current;
        this.plain = plain;
        this.currentVersionId = currentVersionId;
        this.describe = describe;
        this.versions = versions;
        this.refreshAheadAt = refreshAheadAt;
        this.expiresAt = expiresAt;
        this.checkedAt = checkedAt;
        this.failure = failure;
        this.consecutiveFailures = consecutiveFailures;
        this.retryAt = retryAt;
        this.stale = loaded && failure != null;
    }

    /** The state after a successful check or prefetch. */
    EntryState checked(Object current, String currentVersionId, Object describe, Map<String, Object> versions,
            long refreshAheadAt, long expiresAt, long now) {
        SecretVersion plainCurrent = current instanceof SecretVersion ? (SecretVersion) current : null;
        return new EntryState(true, current, plainCurrent, currentVersionId, describe, versions, refreshAheadAt,
                expiresAt, now, null, 0, 0);
    }

    /**
     * The state after a failed attempt: a value already held is kept and served until {@code retryAt}; after that,
     * reads retry in the background until the value's own expiry, then in the foreground.
     */
    EntryState failed(RuntimeException error, int failures, long retryAt) {
        long expiry = loaded && expiresAt - retryAt > 0 ? expiresAt : retryAt;
        return new EntryState(loaded, current, plain, currentVersionId, describe, versions, retryAt, expiry,
                checkedAt, error, failures, retryAt);
    }

    /** This state with one more known version, unless too many unlisted versions are kept already. */
    EntryState withVersion(String versionId, Object stored) {
        if (versions.containsKey(versionId) || versions.size() >= MAX_UNLISTED_VERSIONS) {
            return this;
        }
        Map<String, Object> more = new HashMap<>(versions);
        more.put(versionId, stored);
        return new EntryState(loaded, current, plain, currentVersionId, describe, Collections.unmodifiableMap(more),
                refreshAheadAt, expiresAt, checkedAt, failure, consecutiveFailures, retryAt);
    }
}
