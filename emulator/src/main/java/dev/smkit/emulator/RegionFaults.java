package dev.smkit.emulator;

import dev.smkit.emulator.internal.FaultPlan;
import java.time.Duration;
import java.util.Objects;

/**
 * Faults of one region (the region a request signs for): the whole region unreachable, slow or failing while the
 * others work, or per-operation faults there. Obtained from {@link Faults#region(String)}; thread-safe.
 *
 * <pre>{@code
 * emulator.faults().region("us-east-1").unreachable();                          // connections dropped
 * emulator.faults().region("eu-west-1").slow(Duration.ofSeconds(2));            // every request delayed
 * emulator.faults().region("ap-south-1").failing(InjectedError.internalServiceError()); // every request 500
 * emulator.faults().region("us-west-2").holdReplication();                     // replicas there lag
 * emulator.faults().region("us-east-1").clear();                                // healthy again
 * }</pre>
 */
public final class RegionFaults {
    private final FaultPlan plan;
    private final String region;

    RegionFaults(FaultPlan plan, String region) {
        this.plan = plan;
        this.region = region;
    }

    public String region() {
        return region;
    }

    /** Every request of this region has its TCP connection closed without an answer, until {@link #clear()}. */
    public RegionFaults unreachable() {
        plan.unreachable(region, true);
        return this;
    }

    /** Every request of this region waits {@code delay} before it is handled; {@link Duration#ZERO} removes it. */
    public RegionFaults slow(Duration delay) {
        return latency(FaultPlan.ANY, delay);
    }

    /** Every request of this region answers {@code error}, until {@link #clear()}. */
    public RegionFaults failing(InjectedError error) {
        plan.failing(region, Objects.requireNonNull(error, "error"));
        return this;
    }

    /** Like {@link Faults#latency}, in this region only. */
    public RegionFaults latency(String operation, Duration delay) {
        plan.latency(region, Faults.checkOperation(operation), Faults.checkDelay(delay));
        return this;
    }

    /** Like {@link Faults#failNext}, in this region only. */
    public RegionFaults failNext(String operation, int times, InjectedError error) {
        Objects.requireNonNull(error, "error");
        plan.failNext(region, Faults.checkOperation(operation), Faults.checkTimes(times), error);
        return this;
    }

    /** Like {@link Faults#resetConnectionNext}, in this region only. */
    public RegionFaults resetConnectionNext(String operation, int times) {
        plan.resetConnectionNext(region, Faults.checkOperation(operation), Faults.checkTimes(times));
        return this;
    }

    /** This region's request quota for {@code operation} ({@code "*"} for all): see {@link Faults#throttleAbove}. */
    public RegionFaults throttleAbove(String operation, int callsPerSecond) {
        plan.throttleAbove(region, Faults.checkOperation(operation), Faults.checkRate(callsPerSecond));
        return this;
    }

    /**
     * Replicas in this region stop following their primaries: they keep answering the versions, values and staging
     * labels they had (a lagging replica) while the primaries change, until {@link #releaseReplication()} or
     * {@link #clear()}. ReplicationStatus keeps showing {@code InSync}. Replicas
     * created while held are created up to date; only later writes wait.
     */
    public RegionFaults holdReplication() {
        plan.holdReplication(region, true);
        return this;
    }

    /** Ends {@link #holdReplication()}: this region's replicas catch up with their primaries at once. */
    public RegionFaults releaseReplication() {
        plan.holdReplication(region, false);
        return this;
    }

    /** Removes every fault of this region (held replication is released); faults set for all regions stay. */
    public void clear() {
        plan.clearRegion(region);
    }
}
