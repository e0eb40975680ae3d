package dev.smkit.emulator;

import dev.smkit.emulator.internal.FaultPlan;
import java.time.Duration;
import java.util.Objects;

/**
 * Fault injection for one emulator. Operation names are X-Amz-Target names such as {@code "GetSecretValue"}; {@code "*"}
 * means every operation (an operation's own setting wins). Faults apply before signature checks, in this order: pause,
 * connection reset, latency, injected error. Faults set here apply in every region; {@link #region(String)} sets faults
 * of one region, which win over these. All methods are thread-safe.
 */
public final class Faults {
    private final FaultPlan plan;

    Faults(FaultPlan plan) {
        this.plan = plan;
    }

    /** Delays every later request of {@code operation} by {@code delay} before answering; {@link Duration#ZERO} removes it. */
    public Faults latency(String operation, Duration delay) {
        plan.latency(checkOperation(operation), checkDelay(delay));
        return this;
    }

    /** The faults of one region (the region in the request's SigV4 credential scope, else the default region). */
    public RegionFaults region(String region) {
        if (region == null || region.isEmpty() || region.equals("*")) {
            throw new IllegalArgumentException("region must be a region name such as \"us-east-1\"");
        }
        return new RegionFaults(plan, region);
    }

    static Duration checkDelay(Duration delay) {
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative, got " + delay);
        }
        return delay;
    }

    /** The next {@code times} requests of {@code operation} get {@code error} instead of running. */
    public Faults failNext(String operation, int times, InjectedError error) {
        Objects.requireNonNull(error, "error");
        plan.failNext(checkOperation(operation), checkTimes(times), error);
        return this;
    }

    /** The next {@code times} requests of {@code operation} see their TCP connection closed without any response. */
    public Faults resetConnectionNext(String operation, int times) {
        plan.resetConnectionNext(checkOperation(operation), checkTimes(times));
        return this;
    }

    /**
     * A request quota: in every region, calls of {@code operation} beyond {@code callsPerSecond} within one second of
     * the emulator's {@link SecretsManagerEmulator.Builder#clock(java.time.Clock) data clock} get HTTP 400
     * {@code ThrottlingException}, as Secrets Manager answers past its per-region quotas (for example
     * {@code throttleAbove("GetSecretValue", 10_000)}). Each region counts its own calls; throttled calls count too
     * (AWS counts every request). A region's own limit ({@link RegionFaults#throttleAbove}) wins; {@link #clear()}
     * removes it.
     */
    public Faults throttleAbove(String operation, int callsPerSecond) {
        plan.throttleAbove(FaultPlan.ANY, checkOperation(operation), checkRate(callsPerSecond));
        return this;
    }

    static int checkRate(int callsPerSecond) {
        if (callsPerSecond < 1) {
            throw new IllegalArgumentException("callsPerSecond must be at least 1, got " + callsPerSecond);
        }
        return callsPerSecond;
    }

    /** Holds every request, unanswered, until {@link #resume()} (or {@link #clear()}). */
    public void pause() {
        plan.pause();
    }

    public void resume() {
        plan.resume();
    }

    /** Removes every fault (of every region) and resumes. */
    public void clear() {
        plan.clear();
    }

    static String checkOperation(String operation) {
        if (operation == null || operation.isEmpty()) {
            throw new IllegalArgumentException("operation must be an operation name such as \"GetSecretValue\" or \"*\"");
        }
        return operation;
    }

    static int checkTimes(int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1, got " + times);
        }
        return times;
    }
}
