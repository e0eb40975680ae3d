package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smkit.emulator.junit.EmulatorExtension;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.RotateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** {@link RotationMode#SYNCHRONOUS}: the steps run inside RotateSecret, which answers 400 naming a failed step. */
class SynchronousRotationTest {
    @RegisterExtension
    static EmulatorExtension extension = new EmulatorExtension(SecretsManagerEmulator.builder()
            .rotationMode(RotationMode.SYNCHRONOUS));

    private SecretsManagerEmulator emulator;
    private SecretsManagerClient client;
    private String v1;

    @BeforeEach
    void setUp() {
        emulator = extension.emulator();
        client = emulator.client();
        v1 = client.createSecret(r -> r.name("db").secretString("old-password")).versionId();
    }

    /** A rotation function that records its steps and, on request, fails one of them. */
    static class RecordingRotation implements RotationFunction {
        final List<String> steps = new ArrayList<>();
        final String failingStep;
        final boolean finish;
        String currentSeenInCreate;

        RecordingRotation(String failingStep, boolean finish) {
            this.failingStep = failingStep;
            this.finish = finish;
        }

        private void step(String name) {
            steps.add(name);
            if (name.equals(failingStep)) {
                throw new IllegalStateException("database refused the new password");
            }
        }

        @Override
        public void createSecret(RotationContext context) {
            step("createSecret");
            currentSeenInCreate = context.currentSecretString();
            if (context.pendingSecretString().isEmpty()) {
                context.putPendingSecretString(context.randomPassword());
            }
        }

        @Override
        public void setSecret(RotationContext context) {
            step("setSecret");
        }

        @Override
        public void testSecret(RotationContext context) {
            step("testSecret");
            assertThat(context.pendingSecretString()).isPresent();
        }

        @Override
        public void finishSecret(RotationContext context) {
            step("finishSecret");
            if (finish) {
                context.finish();
            }
        }
    }

    @Test
    void successfulRotationPromotesThePendingVersion() {
        RecordingRotation rotation = new RecordingRotation(null, true);
        emulator.registerRotation("db", rotation);
        emulator.resetCallCounts();

        RotateSecretResponse rotated = client.rotateSecret(r -> r.secretId("db")
                .rotationRules(rules -> rules.automaticallyAfterDays(30L)));

        assertThat(rotation.steps).containsExactly("createSecret", "setSecret", "testSecret", "finishSecret");
        // the steps' store access is not counted as API calls
        assertThat(emulator.callCounts()).containsOnly(Map.entry("RotateSecret", 1L));
        assertThat(rotation.currentSeenInCreate).isEqualTo("old-password");
        String token = rotated.versionId();
        assertThat(client.getSecretValue(r -> r.secretId("db")).secretString())
                .hasSize(32).doesNotContain("\"", "'", "\\").isNotEqualTo("old-password");
        DescribeSecretResponse described = client.describeSecret(r -> r.secretId("db"));
        assertThat(described.versionIdsToStages())
                .containsOnly(Map.entry(v1, List.of("AWSPREVIOUS")), Map.entry(token, List.of("AWSCURRENT")));
        assertThat(described.rotationEnabled()).isTrue();
        assertThat(described.lastRotatedDate()).isNotNull();
        // the window opens at midnight UTC 30 days after the rotation's day and lasts the whole day
        assertThat(described.nextRotationDate()).isEqualTo(described.lastRotatedDate().truncatedTo(ChronoUnit.DAYS)
                .plus(Duration.ofDays(31)).minusSeconds(1));
        assertThat(described.rotationRules().automaticallyAfterDays()).isEqualTo(30L);
        assertThat(emulator.rotationFailures()).isEmpty();
        assertThat(emulator.awaitRotation("db", Duration.ZERO).succeeded()).isTrue();
    }

    @Test
    void stepsRunInTheRequestThreadAfterTheirDelays() {
        List<String> threads = new ArrayList<>();
        emulator.registerRotation("db", new RecordingRotation(null, true) {
            @Override
            public void setSecret(RotationContext context) {
                super.setSecret(context);
                threads.add(Thread.currentThread().getName());
            }
        }, StepDelays.parse("setSecret=1ms,finishSecret=1ms"));
        List<String> events = new ArrayList<>();
        emulator.addRotationListener((secret, version, step, phase) -> events.add(step + " " + phase));

        client.rotateSecret(r -> r.secretId("db"));

        // done when RotateSecret answered: no waiting needed
        assertThat(events).hasSize(8).endsWith("finishSecret FINISHED");
        assertThat(threads).singleElement().satisfies(name -> assertThat(name).contains("-http-"));
    }

    @Test
    void failedStepKeepsPendingAndBlocksTheNextRotation() {
        emulator.registerRotation(client.describeSecret(r -> r.secretId("db")).arn(), new RecordingRotation("setSecret", true));

        assertThatThrownBy(() -> client.rotateSecret(r -> r.secretId("db")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("setSecret")
                            .doesNotContain("database refused");
                });

        assertThat(emulator.rotationFailures()).singleElement().satisfies(failure -> {
            assertThat(failure.secretId()).isEqualTo("db");
            assertThat(failure.step()).isEqualTo("setSecret");
            assertThat(failure.exceptionClass()).isEqualTo(IllegalStateException.class.getName());
        });
        String token = emulator.rotationFailures().get(0).token();
        assertThat(client.getSecretValue(r -> r.secretId("db")).secretString()).isEqualTo("old-password");
        assertThat(client.describeSecret(r -> r.secretId("db")).versionIdsToStages())
                .containsOnly(Map.entry(v1, List.of("AWSCURRENT")), Map.entry(token, List.of("AWSPENDING")));
        assertThat(client.describeSecret(r -> r.secretId("db")).lastRotatedDate()).isNull();

        assertThatThrownBy(() -> client.rotateSecret(r -> r.secretId("db")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("previous rotation");
    }

    @Test
    void finishStepThatDoesNotMoveCurrentIsAFailure() {
        emulator.registerRotation("db", new RecordingRotation(null, false));
        assertThatThrownBy(() -> client.rotateSecret(r -> r.secretId("db")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("finishSecret");
        assertThat(emulator.rotationFailures()).singleElement().satisfies(failure -> {
            assertThat(failure.step()).isEqualTo("finishSecret");
            assertThat(failure.exceptionClass()).isEqualTo(IllegalStateException.class.getName());
        });
    }

    @Test
    void withoutAFunctionItAnswersAsAwsWithoutALambda() {
        assertThatThrownBy(() -> client.rotateSecret(r -> r.secretId("db")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("No Lambda rotation function ARN is associated with this secret.");
        assertThatThrownBy(() -> client.rotateSecret(r -> r.secretId("db")
                .rotationLambdaARN("arn:aws:lambda:us-east-1:000000000000:function:rotate")))
                .isInstanceOfSatisfying(SecretsManagerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                    assertThat(e.statusCode()).isEqualTo(400);
                });
        assertThat(client.describeSecret(r -> r.secretId("db")).rotationEnabled()).isNull();
    }

    @Test
    void rotateImmediatelyFalseOnlyConfiguresRotation() {
        RecordingRotation rotation = new RecordingRotation(null, true);
        emulator.registerRotation("db", rotation);
        RotateSecretResponse response = client.rotateSecret(r -> r.secretId("db").rotateImmediately(false)
                .rotationRules(rules -> rules.automaticallyAfterDays(7L)));
        assertThat(response.versionId()).isNull();
        assertThat(rotation.steps).isEmpty();
        assertThat(client.describeSecret(r -> r.secretId("db")).rotationEnabled()).isTrue();
    }

    @Test
    void removingTheStalePendingLabelAllowsANewRotation() {
        emulator.registerRotation("db", new RecordingRotation("testSecret", true));
        assertThatThrownBy(() -> client.rotateSecret(r -> r.secretId("db"))).isInstanceOf(InvalidRequestException.class);
        String stale = emulator.rotationFailures().get(0).token();

        client.updateSecretVersionStage(r -> r.secretId("db").versionStage("AWSPENDING").removeFromVersionId(stale));
        emulator.registerRotation("db", new RecordingRotation(null, true));
        String token = client.rotateSecret(r -> r.secretId("db")).versionId();

        assertThat(token).isNotEqualTo(stale);
        assertThat(client.describeSecret(r -> r.secretId("db")).versionIdsToStages())
                .containsOnly(Map.entry(v1, List.of("AWSPREVIOUS")), Map.entry(token, List.of("AWSCURRENT")));
    }
}
