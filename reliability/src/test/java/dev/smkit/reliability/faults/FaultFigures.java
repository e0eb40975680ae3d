package dev.smkit.reliability.faults;

import dev.smkit.reliability.support.Fault;
import java.time.Duration;

/** Prints the measured figures of each fault scenario (they go into RELIABILITY.md). */
final class FaultFigures {

    private FaultFigures() {
    }

    static void record(String path, Fault fault, long reads, int checks, long windowAttempts, long faultAttempts) {
        System.out.printf("FIGURE fault path=%s fault=%s reads=%d checks=%d windowHttpAttempts=%d faultHttpAttempts=%d%n",
                path, fault, reads, checks, windowAttempts, faultAttempts);
    }

    static void firstLoad(String path, Fault fault, Throwable thrown) {
        System.out.printf("FIGURE firstLoad path=%s fault=%s exception=%s%s%n", path, fault, thrown.getClass().getSimpleName(),
                thrown.getCause() != null ? " cause=" + thrown.getCause().getClass().getSimpleName() : "");
    }

    static void recovery(String path, Fault fault, Duration waited, int failures) {
        System.out.printf("FIGURE recovery path=%s fault=%s firstRetryAfterClear=%dms consecutiveFailures=%d%n",
                path, fault, waited.toMillis(), failures);
    }
}
