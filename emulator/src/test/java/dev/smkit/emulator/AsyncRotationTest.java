package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smkit.emulator.RotationOutcome.Status;
import dev.smkit.emulator.junit.EmulatorExtension;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.RotateSecretResponse;

/** The default mode: RotateSecret answers at once and the steps run on a rotation thread, as AWS runs a Lambda. */
class AsyncRotationTest {
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

    private Map<String, List<String>> stages() {
        return client.describeSecret(r -> r.secretId("db")).versionIdsToStages();
    }

    @Test
    void asynchronousIsTheDefault() {
        assertThat(emulator.rotationMode()).isEqualTo(RotationMode.ASYNCHRONOUS);
    }

    @Test
    void rotateSecretAnswersBeforeSetSecretRuns() throws Exception {
        ScriptedRotation rotation = new ScriptedRotation().blockIn(RotationStep.CREATE_SECRET);
        emulator.registerRotation("db", rotation);

        RotateSecretResponse response = client.rotateSecret(r -> r.secretId("db"));

        // createSecret is held until released below, so the answer came before setSecret could run
        assertThat(response.versionId()).isNotNull();
        assertThat(rotation.awaitEntered(RotationStep.CREATE_SECRET)).isTrue();
        assertThat(rotation.steps).containsExactly(RotationStep.CREATE_SECRET);
        assertThat(stages()).containsOnly(Map.entry(v1, List.of("AWSCURRENT")));
        assertThatThrownBy(() -> client.rotateSecret(r -> r.secretId("db")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("previous rotation isn't complete");

        rotation.release(RotationStep.CREATE_SECRET);
        RotationOutcome outcome = emulator.awaitRotation("db", WAIT);

        assertThat(outcome.status()).isEqualTo(Status.SUCCEEDED);
        assertThat(outcome.versionId()).isEqualTo(response.versionId());
        assertThat(outcome.scheduled()).isFalse();
        assertThat(outcome.failure()).isEmpty();
        assertThat(rotation.steps).containsExactly(RotationStep.values());
        assertThat(stages()).containsOnly(Map.entry(v1, List.of("AWSPREVIOUS")),
                Map.entry(response.versionId(), List.of("AWSCURRENT")));
        assertThat(client.describeSecret(r -> r.secretId("db")).lastRotatedDate()).isNotNull();
        assertThat(rotation.threads).hasSize(4).allSatisfy(thread -> {
            assertThat(thread.getName()).matches("smkit-emulator-\\d+-rotation-\\d+");
            assertThat(thread.isDaemon()).isTrue();
        });
        // the steps' store access is not counted as API calls
        assertThat(emulator.callCount("GetSecretValue")).isZero();
    }

    @Test
    void listenerSeesEveryStepInOrderThenTheOutcome() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        emulator.addRotationListener(new RotationListener() {
            @Override
            public void onStep(String secretId, String versionId, RotationStep step, StepPhase phase) {
                events.add(secretId + " " + step + " " + phase);
            }

            @Override
            public void onOutcome(RotationOutcome outcome) {
                events.add(outcome.secretId() + " " + outcome.status());
            }
        });
        emulator.registerRotation("db", new ScriptedRotation());

        String token = client.rotateSecret(r -> r.secretId("db")).versionId();
        assertThat(emulator.awaitRotation("db", token, WAIT).succeeded()).isTrue();

        assertThat(events).containsExactly(
                "db createSecret STARTED", "db createSecret FINISHED",
                "db setSecret STARTED", "db setSecret FINISHED",
                "db testSecret STARTED", "db testSecret FINISHED",
                "db finishSecret STARTED", "db finishSecret FINISHED",
                "db SUCCEEDED");
    }

    @Test
    void aListenerThatThrowsDoesNotDisturbTheRotation() {
        emulator.addRotationListener((secret, version, step, phase) -> {
            throw new IllegalStateException("listener bug");
        });
        emulator.registerRotation("db", new ScriptedRotation());
        client.rotateSecret(r -> r.secretId("db"));
        assertThat(emulator.awaitRotation("db", WAIT).succeeded()).isTrue();
    }

    @Test
    void awaitReturnsAFailureWithoutThrowing() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        emulator.addRotationListener((secret, version, step, phase) -> events.add(step + " " + phase));
        emulator.registerRotation("db", new ScriptedRotation().failIn(RotationStep.SET_SECRET,
                new IllegalStateException("database refused the new password")));

        String token = client.rotateSecret(r -> r.secretId("db")).versionId();
        RotationOutcome outcome = emulator.awaitRotation("db", WAIT);

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(outcome.failure()).hasValueSatisfying(failure -> {
            assertThat(failure.secretId()).isEqualTo("db");
            assertThat(failure.token()).isEqualTo(token);
            assertThat(failure.step()).isEqualTo("setSecret");
            assertThat(failure.exceptionClass()).isEqualTo(IllegalStateException.class.getName());
        });
        assertThat(emulator.rotationFailures()).singleElement()
                .satisfies(failure -> assertThat(failure.step()).isEqualTo("setSecret"));
        assertThat(events).endsWith("setSecret STARTED", "setSecret FAILED");
        assertThat(stages()).containsOnly(Map.entry(v1, List.of("AWSCURRENT")), Map.entry(token, List.of("AWSPENDING")));
        assertThat(client.describeSecret(r -> r.secretId("db")).lastRotatedDate()).isNull();
        // As the guide says: AWSPENDING on a version other than AWSCURRENT means a rotation is still in progress.
        assertThatThrownBy(() -> client.rotateSecret(r -> r.secretId("db")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("previous rotation isn't complete");
    }

    @Test
    void finishSecretThatDoesNotMoveCurrentIsAFailure() {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        emulator.addRotationListener((secret, version, step, phase) -> events.add(step + " " + phase));
        emulator.registerRotation("db", new ScriptedRotation().withoutFinishing());
        client.rotateSecret(r -> r.secretId("db"));

        RotationOutcome outcome = emulator.awaitRotation("db", WAIT);

        assertThat(outcome.failure()).hasValueSatisfying(failure -> {
            assertThat(failure.step()).isEqualTo("finishSecret");
            assertThat(failure.exceptionClass()).isEqualTo(IllegalStateException.class.getName());
        });
        assertThat(events).endsWith("finishSecret STARTED", "finishSecret FAILED");
    }

    @Test
    void awaitTimesOutWithAClearMessageAndTheRotationGoesOn() throws Exception {
        ScriptedRotation rotation = new ScriptedRotation().blockIn(RotationStep.TEST_SECRET);
        emulator.registerRotation("db", rotation);
        String token = client.rotateSecret(r -> r.secretId("db")).versionId();
        assertThat(rotation.awaitEntered(RotationStep.TEST_SECRET)).isTrue();

        assertThatThrownBy(() -> emulator.awaitRotation("db", Duration.ofMillis(50)))
                .isInstanceOfSatisfying(RotationTimeoutException.class, e -> {
                    assertThat(e.secretId()).isEqualTo("db");
                    assertThat(e.versionId()).isEqualTo(token);
                    assertThat(e.timeout()).isEqualTo(Duration.ofMillis(50));
                    assertThat(e).hasMessageContaining("running testSecret").hasMessageContaining(token);
                });

        rotation.release(RotationStep.TEST_SECRET);
        assertThat(emulator.awaitRotation("db", token, WAIT).succeeded()).isTrue();
    }

    @Test
    void awaitingWhatNeverStartedIsAnError() {
        assertThatThrownBy(() -> emulator.awaitRotation("db", WAIT)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No rotation of secret db");
        emulator.registerRotation("db", new ScriptedRotation());
        client.rotateSecret(r -> r.secretId("db"));
        String arn = client.describeSecret(r -> r.secretId("db")).arn();
        assertThat(emulator.awaitRotation(arn, WAIT).succeeded()).isTrue();
        assertThatThrownBy(() -> emulator.awaitRotation("db", "f".repeat(32), WAIT))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("f".repeat(32));
    }

    static Stream<Throwable> everythingAStepMayThrow() {
        return Stream.of(new IllegalStateException("runtime"), new IOException("checked"), new AssertionError("assert"),
                new NoClassDefFoundError("com/example/Missing"), new ExceptionInInitializerError("static init"),
                new LinkageError("linkage"), new Error("plain error"), new OddThrowable());
    }

    /** Neither an Exception nor an Error. */
    static final class OddThrowable extends Throwable {
        private static final long serialVersionUID = 1L;
    }

    @ParameterizedTest
    @MethodSource("everythingAStepMayThrow")
    void anyThrowableFailsTheRotationAndTheEmulatorStaysHealthy(Throwable thrown) {
        emulator.registerRotation("db", new ScriptedRotation().failIn(RotationStep.TEST_SECRET, thrown));
        String token = client.rotateSecret(r -> r.secretId("db")).versionId();

        RotationOutcome outcome = emulator.awaitRotation("db", WAIT);

        assertThat(outcome.status()).isEqualTo(Status.FAILED);
        assertThat(emulator.rotationFailures()).singleElement().satisfies(failure -> {
            assertThat(failure.step()).isEqualTo("testSecret");
            assertThat(failure.exceptionClass()).isEqualTo(thrown.getClass().getName());
        });
        assertThat(stages()).containsOnly(Map.entry(v1, List.of("AWSCURRENT")), Map.entry(token, List.of("AWSPENDING")));
        assertHealthyAfterStaleRotation(token);
    }

    @Test
    void virtualMachineErrorIsRecordedThenRethrownOnTheRotationThread() {
        emulator.registerRotation("db", new ScriptedRotation().failIn(RotationStep.SET_SECRET, new StackOverflowError()));
        String token = client.rotateSecret(r -> r.secretId("db")).versionId();

        RotationOutcome outcome = emulator.awaitRotation("db", WAIT);

        assertThat(outcome.failure()).hasValueSatisfying(failure ->
                assertThat(failure.exceptionClass()).isEqualTo(StackOverflowError.class.getName()));
        assertHealthyAfterStaleRotation(token);
    }

    /** The server answers, other secrets rotate, and this one rotates again once the stale AWSPENDING is removed. */
    private void assertHealthyAfterStaleRotation(String staleToken) {
        client.createSecret(r -> r.name("other").secretString("x"));
        emulator.registerRotation("other", new ScriptedRotation());
        client.rotateSecret(r -> r.secretId("other"));
        assertThat(emulator.awaitRotation("other", WAIT).succeeded()).isTrue();

        assertThatThrownBy(() -> client.rotateSecret(r -> r.secretId("db")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("previous rotation isn't complete");
        client.updateSecretVersionStage(r -> r.secretId("db").versionStage("AWSPENDING").removeFromVersionId(staleToken));
        emulator.registerRotation("db", new ScriptedRotation());
        String token = client.rotateSecret(r -> r.secretId("db")).versionId();
        assertThat(emulator.awaitRotation("db", WAIT).succeeded()).isTrue();
        assertThat(stages()).containsOnly(Map.entry(v1, List.of("AWSPREVIOUS")), Map.entry(token, List.of("AWSCURRENT")));
    }

    @Test
    void aFailureBeforeAnyPendingVersionLeavesNothingBehind() {
        emulator.registerRotation("db", new ScriptedRotation().failIn(RotationStep.CREATE_SECRET,
                new NoClassDefFoundError("com/example/Driver")));
        client.rotateSecret(r -> r.secretId("db"));
        assertThat(emulator.awaitRotation("db", WAIT).status()).isEqualTo(Status.FAILED);
        assertThat(stages()).containsOnly(Map.entry(v1, List.of("AWSCURRENT")));

        emulator.registerRotation("db", new ScriptedRotation());
        client.rotateSecret(r -> r.secretId("db"));
        assertThat(emulator.awaitRotation("db", WAIT).succeeded()).isTrue();
    }

    @Test
    void aRetriedRequestForTheRunningRotationGetsTheSameAnswer() throws Exception {
        ScriptedRotation rotation = new ScriptedRotation().blockIn(RotationStep.SET_SECRET);
        emulator.registerRotation("db", rotation);
        String token = "0123456789abcdef0123456789abcdef";
        client.rotateSecret(r -> r.secretId("db").clientRequestToken(token));
        assertThat(rotation.awaitEntered(RotationStep.SET_SECRET)).isTrue();

        assertThat(client.rotateSecret(r -> r.secretId("db").clientRequestToken(token)).versionId()).isEqualTo(token);

        rotation.release(RotationStep.SET_SECRET);
        assertThat(emulator.awaitRotation("db", WAIT).succeeded()).isTrue();
        assertThat(rotation.steps).containsExactly(RotationStep.values());
    }

    @Test
    void closeCancelsARotationWaitingOutADelay() throws Exception {
        try (SecretsManagerEmulator own = SecretsManagerEmulator.builder()
                .rotationStepDelays(StepDelays.none().with(RotationStep.FINISH_SECRET, Duration.ofHours(1))).start()) {
            own.client().createSecret(r -> r.name("db").secretString("old"));
            CountDownLatch parked = new CountDownLatch(1);
            own.addRotationListener((secret, version, step, phase) -> {
                if (step == RotationStep.TEST_SECRET && phase == StepPhase.FINISHED) {
                    parked.countDown();
                }
            });
            ScriptedRotation rotation = new ScriptedRotation();
            own.registerRotation("db", rotation);
            own.client().rotateSecret(r -> r.secretId("db"));
            assertThat(parked.await(30, TimeUnit.SECONDS)).isTrue();

            own.close();

            assertThat(own.awaitRotation("db", WAIT).status()).isEqualTo(Status.CANCELLED);
            assertThat(rotation.steps).doesNotContain(RotationStep.FINISH_SECRET);
            assertThat(own.rotationFailures()).isEmpty();
        }
    }

    @Test
    void resetCancelsAndForgetsRotationsInFlight() throws Exception {
        CountDownLatch parked = new CountDownLatch(1);
        emulator.addRotationListener((secret, version, step, phase) -> {
            if (step == RotationStep.SET_SECRET && phase == StepPhase.FINISHED) {
                parked.countDown();
            }
        });
        ScriptedRotation old = new ScriptedRotation();
        emulator.registerRotation("db", old, StepDelays.parse("testSecret=1h"));
        client.rotateSecret(r -> r.secretId("db"));
        assertThat(parked.await(30, TimeUnit.SECONDS)).isTrue();

        emulator.reset();

        assertThatThrownBy(() -> emulator.awaitRotation("db", WAIT)).isInstanceOf(IllegalStateException.class);
        client.createSecret(r -> r.name("db").secretString("new-life"));
        ScriptedRotation fresh = new ScriptedRotation();
        emulator.registerRotation("db", fresh);
        client.rotateSecret(r -> r.secretId("db"));
        assertThat(emulator.awaitRotation("db", WAIT).succeeded()).isTrue();
        assertThat(fresh.steps).containsExactly(RotationStep.values());
        assertThat(old.steps).containsExactly(RotationStep.CREATE_SECRET, RotationStep.SET_SECRET);
        assertThat(emulator.rotationFailures()).isEmpty();
    }
}
