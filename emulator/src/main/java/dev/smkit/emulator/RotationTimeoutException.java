package dev.smkit.emulator;

import java.time.Duration;

/**
 * Thrown by {@link SecretsManagerEmulator#awaitRotation(String, Duration)} when the rotation did not end in time.
 * The message tells what the rotation was doing (e.g. waiting before, or running, a step). The rotation keeps going.
 */
public final class RotationTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String secretId;
    private final String versionId;
    private final Duration timeout;

    RotationTimeoutException(String secretId, String versionId, Duration timeout, String activity) {
        super("The rotation of secret " + secretId + " (version " + versionId + ") did not end within " + timeout
                + "; it is " + activity);
        this.secretId = secretId;
        this.versionId = versionId;
        this.timeout = timeout;
    }

    /** The secret's name. */
    public String secretId() {
        return secretId;
    }

    /** The pending version id of the rotation that was awaited. */
    public String versionId() {
        return versionId;
    }

    public Duration timeout() {
        return timeout;
    }
}
