package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smkit.emulator.junit.EmulatorExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.InternalServiceErrorException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

class FaultsTest {
    @RegisterExtension
    static EmulatorExtension extension = new EmulatorExtension();

    private SecretsManagerEmulator emulator;
    private SecretsManagerClient noRetries;

    @BeforeEach
    void setUp() {
        emulator = extension.emulator();
        noRetries = emulator.clientBuilder().overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        emulator.client().createSecret(r -> r.name("s").secretString("v"));
        emulator.resetCallCounts();
    }

    @AfterEach
    void tearDown() {
        noRetries.close();
    }

    @Test
    void failNextFailsExactlyThatManyCallsThenSucceeds() {
        emulator.faults().failNext("GetSecretValue", 2, InjectedError.internalServiceError());
        // the SDK's default retries absorb two 500s
        assertThat(emulator.client().getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("v");
        assertThat(emulator.callCount("GetSecretValue")).isEqualTo(3);

        emulator.faults().failNext("GetSecretValue", 1, InjectedError.internalServiceError());
        assertThatThrownBy(() -> noRetries.getSecretValue(r -> r.secretId("s")))
                .isInstanceOfSatisfying(InternalServiceErrorException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
        assertThat(noRetries.getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("v");
        // other operations are untouched
        assertThat(emulator.callCounts()).containsOnlyKeys("GetSecretValue");
    }

    @Test
    void anOutageOfAnyLengthCostsNoMemoryAndQueuedErrorsComeOutInOrder() {
        // "Fail until cleared" is a huge count; it must not build a queue of that many entries.
        emulator.faults().failNext("DescribeSecret", 1, InjectedError.throttling())
                .failNext("DescribeSecret", Integer.MAX_VALUE, InjectedError.internalServiceError())
                .resetConnectionNext("GetSecretValue", Integer.MAX_VALUE)
                .resetConnectionNext("GetSecretValue", Integer.MAX_VALUE);

        assertThatThrownBy(() -> noRetries.describeSecret(r -> r.secretId("s")))
                .isInstanceOfSatisfying(SecretsManagerException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException"));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> noRetries.describeSecret(r -> r.secretId("s")))
                    .isInstanceOf(InternalServiceErrorException.class);
        }
        emulator.faults().clear();
        assertThat(noRetries.describeSecret(r -> r.secretId("s")).name()).isEqualTo("s");
    }

    @Test
    void wildcardAndThrottlingApplyToAnyOperation() {
        emulator.faults().failNext("*", 1, InjectedError.throttling());
        assertThatThrownBy(() -> noRetries.describeSecret(r -> r.secretId("s")))
                .isInstanceOfSatisfying(SecretsManagerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
        assertThat(noRetries.describeSecret(r -> r.secretId("s")).name()).isEqualTo("s");
    }

    @Test
    void latencyDelaysAnswersUntilCleared() {
        // Only the delayed call uses the short timeout, so a slow machine cannot fail the undelayed ones.
        SecretsManagerClient impatient = emulator.clientBuilder().overrideConfiguration(o -> o
                .retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallAttemptTimeout(Duration.ofSeconds(1))).build();
        try (impatient) {
            emulator.faults().latency("GetSecretValue", Duration.ofSeconds(4));
            assertThatThrownBy(() -> impatient.getSecretValue(r -> r.secretId("s")))
                    .isInstanceOf(ApiCallAttemptTimeoutException.class);
            // another operation is not delayed
            assertThat(noRetries.describeSecret(r -> r.secretId("s")).name()).isEqualTo("s");
            emulator.faults().latency("GetSecretValue", Duration.ZERO);
            assertThat(noRetries.getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("v");
        }
    }

    @Test
    void resetConnectionGivesTheSdkAnIoError() {
        emulator.faults().resetConnectionNext("GetSecretValue", 1);
        assertThatThrownBy(() -> noRetries.getSecretValue(r -> r.secretId("s")))
                .isInstanceOf(SdkClientException.class).hasRootCauseInstanceOf(IOException.class);
        assertThat(noRetries.getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("v");

        emulator.faults().resetConnectionNext("GetSecretValue", 1);
        emulator.resetCallCounts();
        assertThat(emulator.client().getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("v");
        assertThat(emulator.callCount("GetSecretValue")).isEqualTo(2); // the SDK retried the dropped attempt
    }

    @Test
    void pauseHoldsRequestsUntilResume() throws Exception {
        emulator.faults().pause();
        CompletableFuture<String> value =
                CompletableFuture.supplyAsync(() -> noRetries.getSecretValue(r -> r.secretId("s")).secretString());
        awaitCondition(() -> emulator.callCount("GetSecretValue") == 1);
        assertThatThrownBy(() -> value.get(200, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
        emulator.faults().resume();
        assertThat(value.get(10, TimeUnit.SECONDS)).isEqualTo("v");
    }

    @Test
    void clearRemovesEveryFault() {
        emulator.faults().failNext("*", 5, InjectedError.internalServiceError()).resetConnectionNext("*", 5)
                .latency("*", Duration.ofSeconds(5));
        emulator.faults().pause();
        emulator.faults().clear();
        assertThat(noRetries.getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("v");
    }

    @Test
    void faultArgumentsAreValidated() {
        assertThatThrownBy(() -> emulator.faults().failNext("GetSecretValue", 0, InjectedError.throttling()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("times");
        assertThatThrownBy(() -> emulator.faults().latency("", Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("operation");
        assertThatThrownBy(() -> InjectedError.of(200, "X", "m")).isInstanceOf(IllegalArgumentException.class);
    }

    /** Waits for server-side state (not for time): the paused request has arrived. */
    static void awaitCondition(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(2));
        }
    }
}
