package dev.smkit.emulator;

import java.time.Instant;

/** A rotation step that threw. Holds no secret value and no exception message, only the exception's class name. */
public final class RotationFailure {
    private final String secretId;
    private final String token;
    private final String step;
    private final String exceptionClass;
    private final Instant failedAt;

    RotationFailure(String secretId, String token, String step, String exceptionClass, Instant failedAt) {
        this.secretId = secretId;
        this.token = token;
        this.step = step;
        this.exceptionClass = exceptionClass;
        this.failedAt = failedAt;
    }

    /** The secret's name. */
    public String secretId() {
        return secretId;
    }

    /** The pending version id of the failed rotation. */
    public String token() {
        return token;
    }

    /** {@code createSecret}, {@code setSecret}, {@code testSecret} or {@code finishSecret}. */
    public String step() {
        return step;
    }

    /** Fully qualified class name of what the step threw. */
    public String exceptionClass() {
        return exceptionClass;
    }

    /** The emulator clock's time of the failure. */
    public Instant failedAt() {
        return failedAt;
    }

    @Override
    public String toString() {
        return "RotationFailure[secret=" + secretId + ", token=" + token + ", step=" + step + ", exception=" + exceptionClass + "]";
    }
}
