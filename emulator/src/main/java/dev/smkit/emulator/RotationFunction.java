package dev.smkit.emulator;

/**
 * A Java stand-in for a rotation Lambda. {@code RotateSecret} runs the four steps in order, synchronously, inside the request;
 * a step that throws stops the rotation (see {@link SecretsManagerEmulator#rotationFailures()}).
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
