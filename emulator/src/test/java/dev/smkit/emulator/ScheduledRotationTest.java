package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smkit.emulator.junit.EmulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/** Scheduled rotations start when the emulator clock reaches NextRotationDate: tests move the clock instead of waiting. */
class ScheduledRotationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant START = Instant.parse("2026-03-01T10:15:30Z");
    private static final MutableClock CLOCK = new MutableClock(START);

    @RegisterExtension
    static EmulatorExtension extension = new EmulatorExtension(SecretsManagerEmulator.builder().clock(CLOCK)
            .verifySignatures(false));

    private SecretsManagerEmulator emulator;
    private SecretsManagerClient client;
    private final List<RotationOutcome> outcomes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        CLOCK.set(START);
        emulator = extension.emulator();
        client = emulator.client();
        client.createSecret(r -> r.name("db").secretString("old-password"));
        emulator.addRotationListener(new RotationListener() {
            @Override
            public void onStep(String secretId, String versionId, RotationStep step, StepPhase phase) {
            }

            @Override
            public void onOutcome(RotationOutcome outcome) {
                outcomes.add(outcome);
            }
        });
    }

    private DescribeSecretResponse describe() {
        return client.describeSecret(r -> r.secretId("db"));
    }

    @Test
    void movingTheClockPastNextRotationDateRunsExactlyOneRotation() {
        ScriptedRotation rotation = new ScriptedRotation();
        emulator.registerRotation("db", rotation);
        client.rotateSecret(r -> r.secretId("db").rotateImmediately(false)
                .rotationRules(rules -> rules.automaticallyAfterDays(1L)));
        assertThat(describe().nextRotationDate()).isEqualTo(Instant.parse("2026-03-02T23:59:59Z"));

        CLOCK.set(Instant.parse("2026-03-02T23:59:58Z"));
        assertThat(emulator.runDueRotations()).isZero();
        CLOCK.set(Instant.parse("2026-03-02T23:59:59Z"));
        assertThat(emulator.runDueRotations()).isEqualTo(1);
        assertThat(emulator.runDueRotations()).isZero();

        RotationOutcome outcome = emulator.awaitRotation("db", WAIT);
        assertThat(outcome.succeeded()).isTrue();
        assertThat(outcome.scheduled()).isTrue();
        assertThat(outcome.startedAt()).isEqualTo(Instant.parse("2026-03-02T23:59:59Z"));
        assertThat(rotation.steps).containsExactly(RotationStep.values());
        DescribeSecretResponse described = describe();
        assertThat(described.lastRotatedDate()).isEqualTo(Instant.parse("2026-03-02T23:59:59Z"));
        assertThat(described.nextRotationDate()).isEqualTo(Instant.parse("2026-03-03T23:59:59Z"));
        assertThat(described.versionIdsToStages().get(outcome.versionId())).containsExactly("AWSCURRENT");

        // 40 days later: one rotation, not one per missed window
        CLOCK.advance(Duration.ofDays(40));
        assertThat(emulator.runDueRotations()).isEqualTo(1);
        assertThat(emulator.awaitRotation("db", WAIT).succeeded()).isTrue();
        assertThat(emulator.runDueRotations()).isZero();
        assertThat(outcomes).hasSize(2);
        assertThat(rotation.steps).hasSize(8);
        assertThat(describe().nextRotationDate()).isEqualTo(Instant.parse("2026-04-12T23:59:59Z"));
    }

    @Test
    void anyRequestNoticesThatTheClockMoved() {
        emulator.registerRotation("db", new ScriptedRotation());
        client.rotateSecret(r -> r.secretId("db").rotateImmediately(false)
                .rotationRules(rules -> rules.scheduleExpression("cron(0 16 1,15 * ? *)").duration("2h")));
        assertThat(describe().nextRotationDate()).isEqualTo(Instant.parse("2026-03-01T17:59:59Z"));

        CLOCK.set(Instant.parse("2026-03-01T18:00:00Z"));
        client.listSecrets(); // any request starts the due rotation before it is answered

        RotationOutcome outcome = emulator.awaitRotation("db", WAIT);
        assertThat(outcome.scheduled()).isTrue();
        assertThat(outcome.succeeded()).isTrue();
        assertThat(describe().nextRotationDate()).isEqualTo(Instant.parse("2026-03-15T17:59:59Z"));
        assertThat(emulator.runDueRotations()).isZero();
        assertThat(outcomes).hasSize(1);
    }

    @Test
    void synchronousModeRunsTheDueRotationInsideRunDueRotations() {
        MutableClock clock = new MutableClock(START);
        try (SecretsManagerEmulator sync = SecretsManagerEmulator.builder().clock(clock).verifySignatures(false)
                .rotationMode(RotationMode.SYNCHRONOUS).start()) {
            sync.client().createSecret(r -> r.name("db").secretString("old"));
            ScriptedRotation rotation = new ScriptedRotation();
            sync.registerRotation("db", rotation);
            sync.client().rotateSecret(r -> r.secretId("db").rotateImmediately(false)
                    .rotationRules(rules -> rules.scheduleExpression("rate(4 hours)")));
            clock.advance(Duration.ofHours(5));

            assertThat(sync.runDueRotations()).isEqualTo(1);

            assertThat(rotation.steps).containsExactly(RotationStep.values()); // already done
            assertThat(sync.awaitRotation("db", Duration.ZERO).scheduled()).isTrue();
            assertThat(sync.client().describeSecret(r -> r.secretId("db")).nextRotationDate())
                    .isEqualTo(Instant.parse("2026-03-01T19:59:59Z"));
        }
    }

    @Test
    void aDueRotationThatCannotStartIsSkippedNotRetried() {
        ScriptedRotation failing = new ScriptedRotation().failIn(RotationStep.SET_SECRET, new IllegalStateException());
        emulator.registerRotation("db", failing);
        client.rotateSecret(r -> r.secretId("db").rotateImmediately(false)
                .rotationRules(rules -> rules.automaticallyAfterDays(1L)));
        CLOCK.advance(Duration.ofDays(2));
        assertThat(emulator.runDueRotations()).isEqualTo(1);
        assertThat(emulator.awaitRotation("db", WAIT).status()).isEqualTo(RotationOutcome.Status.FAILED);

        // the failed rotation left AWSPENDING; NextRotationDate stays in the past, as AWS shows after a failure
        assertThat(describe().nextRotationDate()).isBefore(CLOCK.instant());
        CLOCK.advance(Duration.ofDays(2));
        assertThat(emulator.runDueRotations()).isZero();
        assertThat(outcomes).hasSize(1);
        assertThat(emulator.rotationFailures()).hasSize(1);
    }

    @Test
    void cancelRotateSecretStopsTheSchedule() {
        ScriptedRotation rotation = new ScriptedRotation();
        emulator.registerRotation("db", rotation);
        client.rotateSecret(r -> r.secretId("db").rotateImmediately(false)
                .rotationRules(rules -> rules.scheduleExpression("rate(1 day)")));
        client.cancelRotateSecret(r -> r.secretId("db"));

        CLOCK.advance(Duration.ofDays(3));
        assertThat(emulator.runDueRotations()).isZero();
        assertThat(rotation.steps).isEmpty();
        assertThat(describe().nextRotationDate()).isNull();

        client.rotateSecret(r -> r.secretId("db").rotateImmediately(false));
        assertThat(describe().nextRotationDate()).isEqualTo(Instant.parse("2026-03-05T23:59:59Z"));
    }
}
