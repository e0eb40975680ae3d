package com.amazonaws.secretsmanager.sql.internal;

import dev.smkit.jdbc.LoginRetryStats;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * The process-wide counters of {@link LoginRetry}, read through {@code SecretsManagerJdbc.loginRetryStats()}.
 * Static, like the drivers' shared caches: every driver instance of the process adds to the same counts.
 */
public final class LoginRetryCounters {

    private static final LongAdder ATTEMPTS = new LongAdder();
    private static final Map<String, LongAdder> RETRIES;
    private static final LongAdder REJECTED_AFTER_BUDGET = new LongAdder();

    static {
        Map<String, LongAdder> retries = new LinkedHashMap<String, LongAdder>();
        for (String reason : new String[] {LoginRetryStats.NEW_CURRENT, LoginRetryStats.PENDING,
                LoginRetryStats.BACKOFF, LoginRetryStats.SECRETS_MANAGER_UNAVAILABLE}) {
            retries.put(reason, new LongAdder());
        }
        RETRIES = Collections.unmodifiableMap(retries);
    }

    private LoginRetryCounters() {
    }

    /** One login with a secret's credentials. */
    public static void attempt() {
        ATTEMPTS.increment();
    }

    /** @param reason one of {@link LoginRetryStats}'s reason constants */
    public static void retry(String reason) {
        LongAdder adder = RETRIES.get(reason);
        if (adder == null) {
            throw new IllegalArgumentException("Unknown retry reason " + reason);
        }
        adder.increment();
    }

    /** A connect that gave up, the credentials still rejected, once its budget was spent. */
    public static void rejectedAfterBudget() {
        REJECTED_AFTER_BUDGET.increment();
    }

    public static long attempts() {
        return ATTEMPTS.sum();
    }

    /** Every reason to its count, in the order of {@link LoginRetryStats}'s constants. */
    public static Map<String, Long> retries() {
        Map<String, Long> counts = new LinkedHashMap<String, Long>();
        for (Map.Entry<String, LongAdder> retry : RETRIES.entrySet()) {
            counts.put(retry.getKey(), retry.getValue().sum());
        }
        return counts;
    }

    public static long rejectedAfterBudgetCount() {
        return REJECTED_AFTER_BUDGET.sum();
    }
}
