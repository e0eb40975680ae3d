package dev.smkit.hikari.internal;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which version of a secret the next connection logs in with, from facts only:
 * <ol>
 *   <li>By default, {@code AWSCURRENT} as the cache has it (the cache refreshes it every TTL, and a version that any
 *       reader of the cache finds is used at once).</li>
 *   <li>If a login with {@code AWSCURRENT}'s credentials was rejected ({@link LoginEvidence}) and no version check
 *       has started since that rejection, one forced check ({@link SecretCache#refreshNow}); a newer
 *       {@code AWSCURRENT} found by it is used.</li>
 *   <li>If {@code AWSCURRENT} is still the rejected version after a check that started after the rejection, and an
 *       {@code AWSPENDING} version exists whose credentials were not rejected since, it is used: the database rejects
 *       the current password during a rotation, which is what a single-user rotation's {@code setSecret} step does.
 *       While {@code AWSCURRENT} works, {@code AWSPENDING} is never tried (a pending version left by a failed rotation
 *       may hold a password the database never got).</li>
 * </ol>
 * Each rejection causes at most one forced check, and the cache bounds forced checks during an outage, so the number
 * of Secrets Manager calls follows the number of rejected logins, which HikariCP's own backoff paces. Without login
 * evidence (a provider HikariCP created from its class name, which has no {@link LoginObservingDataSource}) only step
 * 1 applies.
 */
public final class VersionChoice {

    private static final Logger LOG = LoggerFactory.getLogger(VersionChoice.class);
    private static final String PENDING_STAGE = "AWSPENDING";

    private final String secretId;
    private final LoginEvidence evidence;
    private final Object checkLock = new Object();
    private long lastCheckStartedAt;   // guarded by checkLock
    private boolean checkedBefore;     // guarded by checkLock

    public VersionChoice(String secretId, LoginEvidence evidence) {
        this.secretId = secretId;
        this.evidence = evidence;
    }

    /** The version the next login should use. Reads come from the cache; see the class comment for API calls. */
    public SecretVersion choose(SecretCache cache) {
        SecretVersion current = cache.getSecretVersion(secretId);
        if (!evidence.isRejected(current.getVersionId())) {
            evidence.compact(current.getVersionId());
            return current;
        }
        SecretVersion checked = checkAfterRejection(cache, current);
        if (!checked.getVersionId().equals(current.getVersionId())) {
            LOG.info("Secret '{}' moved from version {} to {} after a rejected login; new connections use it",
                    secretId, current.getVersionId(), checked.getVersionId());
            return checked;
        }
        SecretVersion pending = pending(cache);
        if (pending != null && !pending.getVersionId().equals(current.getVersionId())
                && !evidence.isRejected(pending.getVersionId())) {
            LOG.debug("Secret '{}': the database rejects AWSCURRENT {}; trying AWSPENDING {}", secretId,
                    current.getVersionId(), pending.getVersionId());
            evidence.retainOnly(current.getVersionId(), pending.getVersionId());
            return pending;
        }
        return current;
    }

    /** A forced check, unless one started after the latest rejection of {@code current}. */
    private SecretVersion checkAfterRejection(SecretCache cache, SecretVersion current) {
        synchronized (checkLock) {
            if (checkedBefore && !evidence.rejectedAfter(current.getVersionId(), lastCheckStartedAt)) {
                return cache.getSecretVersion(secretId);
            }
            checkedBefore = true;
            lastCheckStartedAt = evidence.now();
        }
        try {
            cache.refreshNow(secretId); // false during an outage: the cached version stays the answer
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("Version check of secret '{}' failed ({})", secretId, e.getClass().getSimpleName());
        }
        return cache.getSecretVersion(secretId);
    }

    private SecretVersion pending(SecretCache cache) {
        try {
            return cache.getSecretVersion(secretId, PENDING_STAGE);
        } catch (RuntimeException e) {
            LOG.debug("AWSPENDING version of secret '{}' unreadable ({})", secretId, e.getClass().getSimpleName());
            return null;
        }
    }
}
