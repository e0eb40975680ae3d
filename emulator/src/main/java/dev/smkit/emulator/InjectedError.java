package dev.smkit.emulator;

import java.util.Objects;

/** An error response that {@link Faults#failNext} makes the emulator send instead of running an operation. */
public final class InjectedError {
    private final int httpStatus;
    private final String code;
    private final String message;

    private InjectedError(int httpStatus, String code, String message) {
        this.httpStatus = httpStatus;
        this.code = code;
        this.message = message;
    }

    /** HTTP 500 {@code InternalServiceError}: the SDK maps it to {@code InternalServiceErrorException} and retries it. */
    public static InjectedError internalServiceError() {
        return new InjectedError(500, "InternalServiceError", "An error occurred on the server side.");
    }

    /** HTTP 400 {@code ThrottlingException} "Rate exceeded": the SDK retries it with backoff. */
    public static InjectedError throttling() {
        return new InjectedError(400, "ThrottlingException", "Rate exceeded");
    }

    /** Any error: {@code code} becomes the wire {@code __type}, which alone decides the SDK exception class. */
    public static InjectedError of(int httpStatus, String code, String message) {
        if (httpStatus < 400 || httpStatus > 599) {
            throw new IllegalArgumentException("httpStatus must be 400-599 for an injected error, got " + httpStatus);
        }
        if (code == null || code.isEmpty()) {
            throw new IllegalArgumentException("code must not be null or empty");
        }
        return new InjectedError(httpStatus, code, Objects.requireNonNull(message, "message"));
    }

    public int httpStatus() {
        return httpStatus;
    }

    public String code() {
        return code;
    }

    public String message() {
        return message;
    }

    @Override
    public String toString() {
        return "InjectedError[" + httpStatus + " " + code + "]";
    }
}
