package dev.smkit.emulator;

/**
 * Observes rotations as they run, so that tests can synchronise on a step instead of sleeping. Register it with
 * {@link SecretsManagerEmulator#addRotationListener(RotationListener)}.
 *
 * <p>Callbacks run on the thread that runs the rotation (a background thread in {@link RotationMode#ASYNCHRONOUS}
 * mode, the request thread in {@link RotationMode#SYNCHRONOUS} mode), in step order, while no emulator lock is held:
 * a callback may call the emulator, but a slow callback delays the rotation. A callback that throws is logged (its
 * class only) and otherwise ignored. A cancelled rotation reports no further steps, only its outcome.
 */
public interface RotationListener {
    /**
     * A step changed phase.
     *
     * @param secretId  the secret's name
     * @param versionId the pending version id (the RotateSecret ClientRequestToken)
     * @param step      the step
     * @param phase     {@link StepPhase#STARTED}, then {@link StepPhase#FINISHED} or {@link StepPhase#FAILED}
     */
    void onStep(String secretId, String versionId, RotationStep step, StepPhase phase);

    /**
     * The rotation ended: succeeded, failed or was cancelled. Called after the outcome is recorded, just before
     * {@link SecretsManagerEmulator#awaitRotation(String, java.time.Duration)} returns it. Does nothing by default.
     */
    default void onOutcome(RotationOutcome outcome) {
    }
}
