package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smkit.emulator.RotationOutcome.Status;
import dev.smkit.emulator.junit.EmulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CancelRotateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;

/** Step delays hold a rotation between two steps; CancelRotateSecret ends it there. */
class StepDelaysTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static EmulatorExtension extension = new EmulatorExtension();

    private SecretsManagerEmulator emulator;
    private SecretsManagerClient client;
    private String v1;

    @BeforeEach
    void setUp() {
        emulator = extension.emulator();
        client = emulator.client();
        v1 = client.createSecret(r -> r.name("db").secretString("old-password")).versionId();
    }

    @Test
    void parsesTheCommandLineSyntax() {
        StepDelays delays = StepDelays.parse("createSecret=0s, setSecret=1s,testSecret=500ms,finish_secret=2m");
        assertThat(delays.delayBefore(RotationStep.CREATE_SECRET)).isZero();
        assertThat(delays.delayBefore(RotationStep.SET_SECRET)).isEqualTo(Duration.ofSeconds(1));
        assertThat(delays.delayBefore(RotationStep.TEST_SECRET)).isEqualTo(Duration.ofMillis(500));
        assertThat(delays.delayBefore(RotationStep.FINISH_SECRET)).isEqualTo(Duration.ofMinutes(2));
        assertThat(delays).isEqualTo(StepDelays.none().with(RotationStep.SET_SECRET, Duration.ofSeconds(1))
                .with(RotationStep.TEST_SECRET, Duration.ofMillis(500))
                .with(RotationStep.FINISH_SECRET, Duration.ofMinutes(2)));
        assertThat(StepDelays.parse(delays.toString())).isEqualTo(delays);
        assertThat(StepDelays.parse("finishSecret=1h").delayBefore(RotationStep.FINISH_SECRET)).hasHours(1);
        assertThat(StepDelays.parse(" ").isNone()).isTrue();
        assertThat(StepDelays.none().with(RotationStep.SET_SECRET, Duration.ZERO).isNone()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"setSecret", "setSecret=", "setSecret=1", "setSecret=-1s", "setSecret=1.5s", "setSecret=1d",
        "rotate=1s", "setSecret=1s,setSecret=2s", "setSecret=1s,", "setSecret=1s;testSecret=1s"})
    void refusesMalformedDelays(String text) {
        assertThatThrownBy(() -> StepDelays.parse(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rotation step");
    }

    @Test
    void aDelayBeforeFinishSecretHoldsTheSingleUserWindowOpen() throws Exception {
        CountDownLatch parked = new CountDownLatch(1);
        emulator.addRotationListener((secret, version, step, phase) -> {
            if (step == RotationStep.TEST_SECRET && phase == StepPhase.FINISHED) {
                parked.countDown();
            }
        });
        ScriptedRotation rotation = new ScriptedRotation();
        emulator.registerRotation("db", rotation, StepDelays.none().with(RotationStep.FINISH_SECRET, Duration.ofHours(1)));
        String token = client.rotateSecret(r -> r.secretId("db")).versionId();
        assertThat(parked.await(30, TimeUnit.SECONDS)).isTrue();

        // The window: setSecret and testSecret ran, finishSecret waits. Clients still get the old AWSCURRENT, and the
        // new value is already readable as AWSPENDING.
        DescribeSecretResponse described = client.describeSecret(r -> r.secretId("db"));
        assertThat(described.versionIdsToStages())
                .containsOnly(Map.entry(v1, List.of("AWSCURRENT")), Map.entry(token, List.of("AWSPENDING")));
        assertThat(described.rotationEnabled()).isTrue();
        assertThat(client.getSecretValue(r -> r.secretId("db")).secretString()).isEqualTo("old-password");
        assertThat(client.getSecretValue(r -> r.secretId("db").versionStage("AWSPENDING")).versionId()).isEqualTo(token);
        assertThatThrownBy(() -> emulator.awaitRotation("db", Duration.ZERO))
                .isInstanceOf(RotationTimeoutException.class).hasMessageContaining("before finishSecret");

        CancelRotateSecretResponse cancelled = client.cancelRotateSecret(r -> r.secretId("db"));

        assertThat(cancelled.versionId()).isEqualTo(token);
        assertThat(cancelled.name()).isEqualTo("db");
        assertThat(emulator.awaitRotation("db", WAIT).status()).isEqualTo(Status.CANCELLED);
        assertThat(rotation.steps).doesNotContain(RotationStep.FINISH_SECRET);
        assertThat(emulator.rotationFailures()).isEmpty();
        // As AWS documents: cancelling leaves the labels as they are, so AWSPENDING must be cleaned up by hand.
        DescribeSecretResponse after = client.describeSecret(r -> r.secretId("db"));
        assertThat(after.versionIdsToStages())
                .containsOnly(Map.entry(v1, List.of("AWSCURRENT")), Map.entry(token, List.of("AWSPENDING")));
        assertThat(after.rotationEnabled()).isFalse();
        assertThat(after.nextRotationDate()).isNull();
        assertThatThrownBy(() -> client.rotateSecret(r -> r.secretId("db")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("previous rotation isn't complete");

        client.updateSecretVersionStage(r -> r.secretId("db").versionStage("AWSPENDING").removeFromVersionId(token));
        emulator.registerRotation("db", new ScriptedRotation());
        client.rotateSecret(r -> r.secretId("db"));
        assertThat(emulator.awaitRotation("db", WAIT).succeeded()).isTrue();
        assertThat(client.describeSecret(r -> r.secretId("db")).rotationEnabled()).isTrue();
    }

    @Test
    void aStepRunningWhenCancelledCanNoLongerChangeTheSecret() throws Exception {
        ScriptedRotation rotation = new ScriptedRotation().blockIn(RotationStep.CREATE_SECRET);
        emulator.registerRotation("db", rotation);
        String token = client.rotateSecret(r -> r.secretId("db")).versionId();
        assertThat(rotation.awaitEntered(RotationStep.CREATE_SECRET)).isTrue();

        assertThat(client.cancelRotateSecret(r -> r.secretId("db")).versionId()).isEqualTo(token);
        rotation.release(RotationStep.CREATE_SECRET); // it now tries to store the pending value

        assertThat(emulator.awaitRotation("db", WAIT).status()).isEqualTo(Status.CANCELLED);
        assertThat(client.describeSecret(r -> r.secretId("db")).versionIdsToStages())
                .containsOnly(Map.entry(v1, List.of("AWSCURRENT")));
        assertThat(rotation.steps).containsExactly(RotationStep.CREATE_SECRET);
        // nothing pending was left behind, so rotation can be turned on again at once
        emulator.registerRotation("db", new ScriptedRotation());
        client.rotateSecret(r -> r.secretId("db"));
        assertThat(emulator.awaitRotation("db", WAIT).succeeded()).isTrue();
    }

    @Test
    void cancelRotateSecretKeepsTheConfigurationAndTurnsRotationOff() {
        emulator.registerRotation("db", new ScriptedRotation());
        client.rotateSecret(r -> r.secretId("db").rotationRules(rules -> rules.automaticallyAfterDays(10L)));
        assertThat(emulator.awaitRotation("db", WAIT).succeeded()).isTrue();
        assertThat(client.describeSecret(r -> r.secretId("db")).nextRotationDate()).isNotNull();

        CancelRotateSecretResponse response = client.cancelRotateSecret(r -> r.secretId("db"));

        assertThat(response.versionId()).isNull(); // nothing was in progress
        DescribeSecretResponse described = client.describeSecret(r -> r.secretId("db"));
        assertThat(described.rotationEnabled()).isFalse();
        assertThat(described.nextRotationDate()).isNull();
        assertThat(described.rotationRules().automaticallyAfterDays()).isEqualTo(10L);
        assertThat(described.lastRotatedDate()).isNotNull();
        // a second cancel is harmless; RotateSecret without rules turns rotation on again with the kept rules
        client.cancelRotateSecret(r -> r.secretId("db"));
        client.rotateSecret(r -> r.secretId("db").rotateImmediately(false));
        assertThat(client.describeSecret(r -> r.secretId("db")).nextRotationDate()).isNotNull();
    }

    @Test
    void cancelRotateSecretNeedsARotationConfiguration() {
        assertThatThrownBy(() -> client.cancelRotateSecret(r -> r.secretId("db")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("Lambda function ARN");
        client.deleteSecret(r -> r.secretId("db"));
        assertThatThrownBy(() -> client.cancelRotateSecret(r -> r.secretId("db")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("marked for deletion");
    }

    @Test
    void emulatorWideDelaysApplyUnlessTheRegistrationHasItsOwn() throws Exception {
        try (SecretsManagerEmulator own = SecretsManagerEmulator.builder()
                .rotationStepDelays(StepDelays.parse("setSecret=1h")).start()) {
            own.client().createSecret(r -> r.name("slow").secretString("a"));
            own.client().createSecret(r -> r.name("fast").secretString("b"));
            CountDownLatch slowCreated = new CountDownLatch(1);
            own.addRotationListener((secret, version, step, phase) -> {
                if (secret.equals("slow") && step == RotationStep.CREATE_SECRET && phase == StepPhase.FINISHED) {
                    slowCreated.countDown();
                }
            });
            own.registerRotation("slow", new ScriptedRotation());
            own.registerRotation("fast", new ScriptedRotation(), StepDelays.none());
            own.client().rotateSecret(r -> r.secretId("slow"));
            own.client().rotateSecret(r -> r.secretId("fast"));

            assertThat(own.awaitRotation("fast", WAIT).succeeded()).isTrue();
            assertThat(slowCreated.await(30, TimeUnit.SECONDS)).isTrue();
            assertThatThrownBy(() -> own.awaitRotation("slow", Duration.ZERO))
                    .isInstanceOf(RotationTimeoutException.class).hasMessageContaining("before setSecret");
        }
    }
}
