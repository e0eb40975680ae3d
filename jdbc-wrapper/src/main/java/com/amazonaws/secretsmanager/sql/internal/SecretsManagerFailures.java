package com.amazonaws.secretsmanager.sql.internal;

import java.sql.SQLException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Secrets Manager failures as SQLExceptions whose SQLState says what to do: {@code 08001} ("could not connect, try
 * again") when Secrets Manager is unreachable, throttling or failing on its side (5xx); {@code 28000} ("invalid
 * authorization") when it refuses for good (secret not found, access denied, KMS). The SDK exception is the cause;
 * its message names no secret value.
 */
public final class SecretsManagerFailures {

    /** SQLState for "try again later". */
    public static final String TRANSIENT = "08001";
    /** SQLState for "Secrets Manager refused; a retry will not help". */
    public static final String REFUSED = "28000";

    private SecretsManagerFailures() {
    }

    /** Whether retrying later may help: no response, throttling or a server-side (5xx) error. */
    public static boolean isTransient(RuntimeException e) {
        if (e instanceof AwsServiceException) {
            AwsServiceException service = (AwsServiceException) e;
            return service.isThrottlingException() || service.statusCode() >= 500;
        }
        return true; // SdkClientException (unreachable, timeouts) and anything unexpected
    }

    /** A short description for messages: the service's error code and HTTP status, or the client exception's class. */
    public static String describe(RuntimeException e) {
        if (e instanceof AwsServiceException) {
            AwsServiceException service = (AwsServiceException) e;
            String code = service.awsErrorDetails() != null ? service.awsErrorDetails().errorCode() : null;
            return (code != null ? code : e.getClass().getSimpleName()) + " (HTTP " + service.statusCode() + ")";
        }
        return e.getClass().getSimpleName();
    }

    /** The SQLState for a Secrets Manager failure. */
    public static String sqlState(RuntimeException e) {
        return isTransient(e) ? TRANSIENT : REFUSED;
    }

    /** A failed read of {@code secretId} as an SQLException with the SDK exception as its cause. */
    public static SQLException readFailure(String secretId, RuntimeException e) {
        if (e instanceof ResourceNotFoundException) {
            return new SQLException("Secret '" + secretId + "' was not found in Secrets Manager (check the name or ARN, "
                    + "the region and the AWS account)", REFUSED, e);
        }
        if (e instanceof AwsServiceException) {
            return isTransient(e)
                    ? new SQLException("Secrets Manager could not return secret '" + secretId + "' right now: "
                            + describe(e) + "; try again later", TRANSIENT, e)
                    : new SQLException("Secrets Manager refused to return secret '" + secretId + "': " + describe(e),
                            REFUSED, e);
        }
        if (e instanceof SdkClientException) {
            return new SQLException("Secrets Manager could not be reached for secret '" + secretId + "': "
                    + e.getMessage(), TRANSIENT, e);
        }
        return new SQLException("Could not read secret '" + secretId + "': " + e.getMessage(), TRANSIENT, e);
    }
}
