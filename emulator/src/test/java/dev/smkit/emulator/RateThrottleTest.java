package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** {@code throttleAbove}: a per-second quota of the emulator's data clock, per region, as Secrets Manager enforces. */
class RateThrottleTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T10:00:00.250Z"));
    private static SecretsManagerEmulator emulator;
    private static SecretsManagerClient east;
    private static SecretsManagerClient west;

    @BeforeAll
    static void start() {
        emulator = SecretsManagerEmulator.builder().clock(CLOCK).start();
        east = emulator.clientBuilder("us-east-1")
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        west = emulator.clientBuilder("us-west-2")
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        east.createSecret(r -> r.name("quota").secretString("v"));
        west.createSecret(r -> r.name("quota").secretString("w"));
    }

    @AfterAll
    static void stop() {
        east.close();
        west.close();
        emulator.close();
    }

    @BeforeEach
    void clearFaults() {
        emulator.faults().clear();
    }

    @Test
    void callsPastTheQuotaOfOneSecondAreThrottledUntilTheNextSecond() {
        emulator.faults().throttleAbove("GetSecretValue", 3);

        for (int i = 0; i < 3; i++) {
            assertThat(east.getSecretValue(r -> r.secretId("quota")).secretString()).isEqualTo("v");
        }
        assertThrottled(() -> east.getSecretValue(r -> r.secretId("quota")));
        assertThrottled(() -> east.getSecretValue(r -> r.secretId("quota")));
        // other operations and other regions have their own counts
        assertThat(east.describeSecret(r -> r.secretId("quota")).name()).isEqualTo("quota");
        assertThat(west.getSecretValue(r -> r.secretId("quota")).secretString()).isEqualTo("w");

        CLOCK.advance(Duration.ofMillis(750));   // the next second of the data clock
        for (int i = 0; i < 3; i++) {
            assertThat(east.getSecretValue(r -> r.secretId("quota")).secretString()).isEqualTo("v");
        }
        assertThrottled(() -> east.getSecretValue(r -> r.secretId("quota")));
    }

    @Test
    void aRegionsOwnQuotaWinsAndClearRemovesIt() {
        emulator.faults().throttleAbove("*", 100);
        emulator.faults().region("us-west-2").throttleAbove("DescribeSecret", 1);
        CLOCK.advance(Duration.ofSeconds(1));

        west.describeSecret(r -> r.secretId("quota"));
        assertThrottled(() -> west.describeSecret(r -> r.secretId("quota")));
        for (int i = 0; i < 5; i++) {
            east.describeSecret(r -> r.secretId("quota"));
        }

        emulator.faults().region("us-west-2").clear();
        assertThat(west.describeSecret(r -> r.secretId("quota")).name()).isEqualTo("quota");
    }

    @Test
    void theSdksRetriesGetThroughOnceTheSecondTurns() throws Exception {
        emulator.faults().throttleAbove("GetSecretValue", 1);
        CLOCK.advance(Duration.ofSeconds(1));
        east.getSecretValue(r -> r.secretId("quota"));
        emulator.resetCallCounts();
        // the default client retries throttling with backoff; move the clock while it waits
        Thread mover = new Thread(() -> {
            try {
                while (emulator.callCount("GetSecretValue") < 2) {
                    Thread.sleep(5);
                }
                CLOCK.advance(Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        mover.start();
        assertThat(emulator.client("us-east-1").getSecretValue(r -> r.secretId("quota")).secretString()).isEqualTo("v");
        mover.join();
        assertThat(emulator.callCount("GetSecretValue")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void rejectsARateBelowOne() {
        assertThatThrownBy(() -> emulator.faults().throttleAbove("GetSecretValue", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callsPerSecond");
    }

    private static void assertThrottled(Supplier<?> call) {
        assertThatThrownBy(call::get).isInstanceOfSatisfying(SecretsManagerException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
        });
    }
}
