package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.smkit.emulator.junit.EmulatorExtension;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** DEBUG logging of every request, failures included, must never show a secret value. */
class NoSecretsInLogsTest {
    private static final String VALUE = "pa55-w0rd-that-must-never-be-logged";

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    private final Logger logger = (Logger) LoggerFactory.getLogger("dev.smkit.emulator");
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private Level previousLevel;

    @BeforeEach
    void capture() {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        events.start();
        logger.addAppender(events);
    }

    @AfterEach
    void release() {
        logger.detachAppender(events);
        logger.setLevel(previousLevel);
    }

    @Test
    void valuesStayOutOfLogsAndRotationFailures() {
        SecretsManagerClient client = emulator.client();
        client.createSecret(r -> r.name("s").secretString(VALUE));
        client.getSecretValue(r -> r.secretId("s"));
        client.putSecretValue(r -> r.secretId("s").secretString(VALUE + "-2"));
        client.batchGetSecretValue(r -> r.secretIdList("s"));
        emulator.emulator().registerRotation("s", new RotationFunction() {
            @Override
            public void createSecret(RotationContext context) {
                context.putPendingSecretString(VALUE + "-3");
            }

            @Override
            public void setSecret(RotationContext context) {
                throw new IllegalStateException("cannot set " + context.pendingSecretString().orElseThrow());
            }

            @Override
            public void testSecret(RotationContext context) {
            }

            @Override
            public void finishSecret(RotationContext context) {
                context.finish();
            }
        });
        client.rotateSecret(r -> r.secretId("s"));
        RotationOutcome outcome = emulator.emulator().awaitRotation("s", Duration.ofSeconds(30));
        assertThat(outcome.status()).isEqualTo(RotationOutcome.Status.FAILED);
        assertThat(outcome.toString()).doesNotContain(VALUE);

        assertThat(events.list).isNotEmpty().allSatisfy(event -> {
            assertThat(event.getFormattedMessage()).doesNotContain(VALUE);
            assertThat(event.getThrowableProxy()).isNull();
        });
        assertThat(events.list).anySatisfy(event -> assertThat(event.getFormattedMessage()).contains("GetSecretValue -> 200"));
        assertThat(emulator.emulator().rotationFailures().toString()).doesNotContain(VALUE);
        assertThat(events.list).anySatisfy(event -> assertThat(event.getFormattedMessage())
                .contains("failed in step setSecret").contains(IllegalStateException.class.getName()));
    }

    @Test
    void synchronousRotationFailureAnswerCarriesNoValue() {
        try (SecretsManagerEmulator sync = SecretsManagerEmulator.builder().rotationMode(RotationMode.SYNCHRONOUS)
                .start()) {
            sync.client().createSecret(r -> r.name("s").secretString(VALUE));
            sync.registerRotation("s", new ScriptedRotation().failIn(RotationStep.TEST_SECRET,
                    new AssertionError("expected " + VALUE)));
            assertThatThrownBy(() -> sync.client().rotateSecret(r -> r.secretId("s"))).message()
                    .contains("testSecret").doesNotContain(VALUE);
        }
        assertThat(events.list).allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(VALUE));
    }
}
