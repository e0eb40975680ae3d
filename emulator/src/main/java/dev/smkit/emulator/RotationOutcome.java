package dev.smkit.emulator;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** How one rotation ended. Holds no secret value. */
public final class RotationOutcome {
    /** The end state of a rotation. */
    public enum Status {
        /** All four steps ran and AWSCURRENT moved to the pending version. */
        SUCCEEDED,
        /** A step threw, or finishSecret did not move AWSCURRENT; see {@link #failure()}. */
        FAILED,
        /** CancelRotateSecret, {@link SecretsManagerEmulator#reset()} or {@link SecretsManagerEmulator#close()} stopped it. */
        CANCELLED
    }

    private final String secretId;
    private final String versionId;
    private final Status status;
    private final RotationFailure failure;
    private final boolean scheduled;
    private final Instant startedAt;
    private final Instant endedAt;

    RotationOutcome(String secretId, String versionId, Status status, RotationFailure failure, boolean scheduled,
            Instant startedAt, Instant endedAt) {
        this.secretId = secretId;
        this.versionId = versionId;
        this.status = Objects.requireNonNull(status, "status");
        this.failure = failure;
        this.scheduled = scheduled;
        this.startedAt = startedAt;
        this.endedAt = endedAt;
    }

    /** The secret's name. */
    public String secretId() {
        return secretId;
    }

    /** The pending version id of this rotation (the RotateSecret ClientRequestToken). */
    public String versionId() {
        return versionId;
    }

    public Status status() {
        return status;
    }

    /** Whether the rotation {@link Status#SUCCEEDED succeeded}. */
    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }

    /** The failed step, when the status is {@link Status#FAILED}. */
    public Optional<RotationFailure> failure() {
        return Optional.ofNullable(failure);
    }

    /** True when the emulator started it because the schedule was due, false when RotateSecret started it. */
    public boolean scheduled() {
        return scheduled;
    }

    /** The emulator clock's time when the rotation started. */
    public Instant startedAt() {
        return startedAt;
    }

    /** The emulator clock's time when the rotation ended. */
    public Instant endedAt() {
        return endedAt;
    }

    @Override
    public String toString() {
        return "RotationOutcome[secret=" + secretId + ", version=" + versionId + ", status=" + status
                + (failure == null ? "" : ", failure=" + failure) + (scheduled ? ", scheduled" : "") + "]";
    }
}
