package dev.smkit.jdbc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable snapshot of the wrapper drivers' login counters, for this whole process (every driver class, every
 * secret) since the drivers were loaded. Obtained from {@link SecretsManagerJdbc#loginRetryStats()}.
 *
 * <ul>
 *   <li>attempts: logins the drivers made with a secret's credentials, first ones and retries alike;</li>
 *   <li>retries, by reason: each time a connect decided to go on after the database rejected the credentials;</li>
 *   <li>rejected after the budget: connects that ended because the attempts or the time of
 *       {@code drivers.retry.*} were spent while the credentials were still rejected.</li>
 * </ul>
 */
public final class LoginRetryStats {

    /** A retry with an AWSCURRENT version newer than the rejected one. */
    public static final String NEW_CURRENT = "new-current";
    /** A retry with the AWSPENDING version (a rotation in its window where the database has the new password). */
    public static final String PENDING = "pending";
    /** A retry with the same AWSCURRENT credentials after a backoff, no newer version being known. */
    public static final String BACKOFF = "backoff";
    /** A wait after a version check that Secrets Manager failed to answer, before checking again. */
    public static final String SECRETS_MANAGER_UNAVAILABLE = "secrets-manager-unavailable";

    private final long attempts;
    private final Map<String, Long> retries;
    private final long rejectedAfterBudget;

    LoginRetryStats(long attempts, Map<String, Long> retries, long rejectedAfterBudget) {
        this.attempts = attempts;
        this.retries = Collections.unmodifiableMap(new LinkedHashMap<String, Long>(retries));
        this.rejectedAfterBudget = rejectedAfterBudget;
    }

    /** Logins made with a secret's credentials. */
    public long attempts() {
        return attempts;
    }

    /** Retry reason (one of the constants of this class) to its count; every reason is present, 0 if never seen. */
    public Map<String, Long> retries() {
        return retries;
    }

    /** The count of one retry reason; 0 for a reason never seen or unknown. */
    public long retriesFor(String reason) {
        Long count = retries.get(reason);
        return count == null ? 0 : count;
    }

    /** Connects that gave up with the credentials still rejected once the retry budget was spent. */
    public long rejectedAfterBudget() {
        return rejectedAfterBudget;
    }

    @Override
    public String toString() {
        return "LoginRetryStats{attempts=" + attempts + ", retries=" + retries + ", rejectedAfterBudget="
                + rejectedAfterBudget + '}';
    }
}
