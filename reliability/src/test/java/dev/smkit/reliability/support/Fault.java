package dev.smkit.reliability.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smkit.emulator.InjectedError;
import java.time.Duration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.model.InternalServiceErrorException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * The faults of the matrix: what is injected, and the SDK exception type a first load fails with. "Storms" and
 * "bursts" last until {@link #off}: far more failures are queued than any scenario consumes.
 */
public enum Fault {
    /** 2 s latency on every operation, more than the 500 ms attempt timeout of {@link SharedEmulator#timedClient()}. */
    SLOW_SERVICE(SdkClientException.class, null),
    INTERNAL_ERROR_BURST(InternalServiceErrorException.class, "InternalServiceError"),
    /**
     * The SDK backs off throttling errors for longer than the other retryable ones (legacy mode: 500 ms base), so
     * within a 1.5 s call timeout the call may end as ApiCallTimeoutException instead of the ThrottlingException.
     */
    THROTTLING_STORM(SecretsManagerException.class, "ThrottlingException"),
    CONNECTION_RESETS(SdkClientException.class, null),
    ENDPOINT_UNREACHABLE(SdkClientException.class, null);

    private static final int STORM = 100_000;

    public final Class<? extends SdkException> firstLoadFailure;
    /** The AWS error code of a service error, null for client-side failures. */
    public final String errorCode;

    Fault(Class<? extends SdkException> firstLoadFailure, String errorCode) {
        this.firstLoadFailure = firstLoadFailure;
        this.errorCode = errorCode;
    }

    /** Checks the exception a first load failed with (after the SDK's retries, within the call timeout). */
    public void assertFirstLoadFailure(Throwable thrown) {
        if (this == THROTTLING_STORM && thrown instanceof ApiCallTimeoutException) {
            return;
        }
        assertThat(thrown).isInstanceOf(firstLoadFailure);
        if (errorCode != null) {
            assertThat(((AwsServiceException) thrown).awsErrorDetails().errorCode()).isEqualTo(errorCode);
        }
    }

    public void on(EndpointSwitch endpoint) {
        switch (this) {
            case SLOW_SERVICE:
                SharedEmulator.get().faults().latency("*", Duration.ofSeconds(2));
                break;
            case INTERNAL_ERROR_BURST:
                SharedEmulator.get().faults().failNext("*", STORM, InjectedError.internalServiceError());
                break;
            case THROTTLING_STORM:
                SharedEmulator.get().faults().failNext("*", STORM, InjectedError.throttling());
                break;
            case CONNECTION_RESETS:
                SharedEmulator.get().faults().resetConnectionNext("*", STORM);
                break;
            case ENDPOINT_UNREACHABLE:
                endpoint.unreachable(true);
                break;
            default:
                throw new AssertionError(this);
        }
    }

    public void off(EndpointSwitch endpoint) {
        SharedEmulator.get().faults().clear();
        endpoint.unreachable(false);
    }
}
