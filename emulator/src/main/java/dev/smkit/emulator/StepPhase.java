package dev.smkit.emulator;

/** Where a rotation step is, as reported to a {@link RotationListener}. */
public enum StepPhase {
    /** The step's delay (if any) is over and the {@link RotationFunction} method is about to be called. */
    STARTED,
    /** The method returned; for {@code finishSecret} the emulator has also checked that AWSCURRENT moved. */
    FINISHED,
    /** The method threw, or {@code finishSecret} returned without moving AWSCURRENT; the rotation stops here. */
    FAILED
}
