package dev.smkit.emulator;

/**
 * A Java stand-in for a rotation Lambda. For each rotation the emulator calls the four steps in order, each with the
 * same {@link RotationContext} (the pending version id is the RotateSecret ClientRequestToken).
 *
 * <p>By default ({@link RotationMode#ASYNCHRONOUS}) the steps run on a background thread of the emulator, as AWS
 * invokes a Lambda asynchronously: RotateSecret has already answered when {@code createSecret} starts, so a test waits
 * with {@link SecretsManagerEmulator#awaitRotation(String, java.time.Duration)} or a {@link RotationListener}. In
 * {@link RotationMode#SYNCHRONOUS} mode they run inside the RotateSecret request. A rotation may wait before each step
 * ({@link StepDelays}).
 *
 * <p>A step that throws anything (an {@link Exception}, an {@link AssertionError}, a {@link NoClassDefFoundError} ...)
 * stops the rotation: AWSPENDING stays where it is and the failure is recorded in
 * {@link SecretsManagerEmulator#rotationFailures()}; only a {@link VirtualMachineError} is rethrown after being recorded.
 * One function may serve several rotations at a time (different secrets), so keep it thread-safe.
 */
public interface RotationFunction {
    /** Typically: if {@code context.pendingSecretString()} is empty, store a new value with {@code putPendingSecretString}. */
    void createSecret(RotationContext context) throws Exception;

    /** Typically: apply the pending credentials to the database or service. */
    void setSecret(RotationContext context) throws Exception;

    /** Typically: log in with the pending credentials. */
    void testSecret(RotationContext context) throws Exception;

    /** Typically: {@code context.finish()}, which moves AWSCURRENT to the pending version. */
    void finishSecret(RotationContext context) throws Exception;
}
