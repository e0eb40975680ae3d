package dev.smkit.reliability.support;

import java.time.Duration;

/**
 * The cache's documented retry schedule (base 1 s, x2, capped at 128 s; the n-th consecutive failure waits a delay
 * drawn from [d/2, d] with d = min(base * 2^(n-1), cap)), turned into bounds on how many checks fit in a window.
 */
public final class Backoff {

    public static final Duration BASE = Duration.ofSeconds(1);
    public static final Duration CAP = Duration.ofSeconds(128);

    private Backoff() {
    }

    public static Duration ceiling(int failures) {
        long delay = BASE.toMillis() << Math.min(30, failures - 1);
        return Duration.ofMillis(Math.min(delay, CAP.toMillis()));
    }

    /** The most retries that can start within {@code window} after a first failure: every delay at its shortest. */
    public static int maxRetries(Duration window) {
        return retries(window, true);
    }

    /**
     * The fewest retries that must start within {@code window} after a first failure when reads come every
     * {@code step}: every delay at its longest, each retry up to one step late.
     */
    public static int minRetries(Duration window, Duration step) {
        long elapsed = 0;
        int retries = 0;
        while (true) {
            elapsed += ceiling(retries + 1).toMillis() + step.toMillis();
            if (elapsed > window.toMillis()) {
                return retries;
            }
            retries++;
        }
    }

    private static int retries(Duration window, boolean shortest) {
        long elapsed = 0;
        int retries = 0;
        while (true) {
            long ceiling = ceiling(retries + 1).toMillis();
            elapsed += shortest ? ceiling / 2 : ceiling;
            if (elapsed > window.toMillis()) {
                return retries;
            }
            retries++;
        }
    }
}
