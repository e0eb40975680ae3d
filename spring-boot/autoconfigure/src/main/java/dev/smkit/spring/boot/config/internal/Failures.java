package dev.smkit.spring.boot.config.internal;

import com.amazonaws.secretsmanager.sql.internal.SecretsManagerFailures;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * What went wrong reading a secret. A service error is told by its error code; other failures (the cache's, the SDK
 * client's, a binary secret) by their message, which never holds a value: the only text that could, the JSON
 * parser's, never leaves {@link SecretPropertySource}.
 */
final class Failures {

    private Failures() {
    }

    static String describe(RuntimeException failure) {
        if (failure instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return "Secrets Manager answered " + SecretsManagerFailures.describe(failure);
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
