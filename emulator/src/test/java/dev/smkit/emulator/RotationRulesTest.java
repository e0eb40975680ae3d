package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.smkit.emulator.junit.EmulatorExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.RotateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.RotationRulesType;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** RotationRules validation, RotateImmediately=false and the NextRotationDate rule (see the emulator README). */
class RotationRulesTest {
    /** A Sunday. */
    private static final Instant START = Instant.parse("2026-03-01T10:15:30.250Z");
    private static final MutableClock CLOCK = new MutableClock(START);

    @RegisterExtension
    static EmulatorExtension extension = new EmulatorExtension(SecretsManagerEmulator.builder().clock(CLOCK)
            .verifySignatures(false));

    private SecretsManagerEmulator emulator;
    private SecretsManagerClient client;
    private ScriptedRotation rotation;

    @BeforeEach
    void setUp() {
        CLOCK.set(START);
        emulator = extension.emulator();
        client = emulator.client();
        client.createSecret(r -> r.name("db").secretString("old-password"));
        rotation = new ScriptedRotation();
        emulator.registerRotation("db", rotation);
    }

    private static RotationRulesType rules(Long days, String expression, String duration) {
        return RotationRulesType.builder().automaticallyAfterDays(days).scheduleExpression(expression)
                .duration(duration).build();
    }

    /** Configures rotation without rotating; returns the error code, or "OK". */
    private String configure(RotationRulesType rules) {
        SecretsManagerException error = catchThrowableOfType(() -> client.rotateSecret(r -> r.secretId("db")
                .rotateImmediately(false).rotationRules(rules)), SecretsManagerException.class);
        if (error == null) {
            return "OK";
        }
        assertThat(error.statusCode()).isEqualTo(400);
        return error.awsErrorDetails().errorCode();
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // rate(): hours (at least 4) or days (1 to 999), singular or plural
        "rate(4 hours)               | -   | OK",
        "rate(1 day)                 | -   | OK",
        "rate(10 days)               | 3h  | OK",
        "rate(999 days)              | -   | OK",
        "rate(1 days)                | 24h | OK",
        "rate(12 hours)              | 12h | OK",
        "rate(3 hours)               | -   | InvalidParameterException",
        "rate(0 days)                | -   | InvalidParameterException",
        "rate(1000 days)             | -   | InvalidParameterException",
        "rate(5 minutes)             | -   | InvalidParameterException",
        "rate(1 week)                | -   | InvalidParameterException",
        "rate(4hours)                | -   | InvalidParameterException",
        "rate(-1 days)               | -   | InvalidParameterException",
        "rate(4 hours)               | 5h  | InvalidParameterException",
        // the user guide's cron examples
        "cron(0 /8 * * ? *)          | -   | OK",
        "cron(0 8/8 * * ? *)         | -   | OK",
        "cron(0 2/10 * * ? *)        | -   | OK",
        "cron(0 10 * * ? *)          | -   | OK",
        "cron(0 18 ? * SAT *)        | -   | OK",
        "cron(0 8 1 * ? *)           | -   | OK",
        "cron(0 1 ? 1/3 SUN#1 *)     | -   | OK",
        "cron(0 17 L * ? *)          | -   | OK",
        "cron(0 8 ? * MON-FRI *)     | -   | OK",
        "cron(0 16 1,15 * ? *)       | 2h  | OK",
        "cron(0 0 ? * SUN#1 *)       | -   | OK",
        "cron(0 0 ? 1/11 2#1 *)      | -   | OK",
        "cron(0 4/12 * * ? *)        | 8h  | OK",
        // more that Secrets Manager accepts
        "cron(0 10 ? * SUNL *)       | -   | OK",
        "cron(0 0 ? * L *)           | -   | OK",
        "cron(0 12 1 JAN ? *)        | -   | OK",
        "cron(0 9 1-15 jan,jul ? *)  | -   | OK",
        "cron(0 21 * * ? *)          | 3h  | OK",
        // and what it refuses
        "cron(30 10 * * ? *)         | -   | InvalidParameterException",
        "cron(0 10 * * ? 2030)       | -   | InvalidParameterException",
        "cron(0 10 1 * MON *)        | -   | InvalidParameterException",
        "cron(0 10 ? * ? *)          | -   | InvalidParameterException",
        "cron(0 10 * * * *)          | -   | InvalidParameterException",
        "cron(0 10 * * ?)            | -   | InvalidParameterException",
        "cron(0 0/2 * * ? *)         | -   | InvalidParameterException",
        "cron(0 * * * ? *)           | -   | InvalidParameterException",
        "cron(0 0,22 * * ? *)        | -   | InvalidParameterException",
        "cron(0 0 30 2 ? *)          | -   | InvalidParameterException",
        "cron(0 0 29 2 ? *)          | -   | InvalidParameterException",
        "cron(0 0 1 13 ? *)          | -   | InvalidParameterException",
        "cron(0 0 ? * 8 *)           | -   | InvalidParameterException",
        "cron(0 25 * * ? *)          | -   | InvalidParameterException",
        "cron(0 0 0 * ? *)           | -   | InvalidParameterException",
        "cron(0 0 ? * MON#6 *)       | -   | InvalidParameterException",
        "cron(0 0 LW * ? *)          | -   | InvalidParameterException",
        "cron(0 23 * * ? *)          | 3h  | InvalidParameterException",
        "cron(0 /8 * * ? *)          | 9h  | InvalidParameterException",
        "every day                   | -   | InvalidParameterException",
        // Duration: 1h to 24h
        "rate(1 day)                 | 0h  | InvalidParameterException",
        "rate(1 day)                 | 25h | InvalidParameterException",
        // model constraints: ValidationException
        "rate(1 day)                 | 3   | ValidationException",
        "rate(1 day)                 | 100h| ValidationException",
        "rate(1 day)                 | 3x  | ValidationException",
        "rate(1 day)                 | h3  | ValidationException", // the model's pattern is [0-9]+h
        "rate(1 day) $               | -   | ValidationException",
    })
    void scheduleExpressionsAndDurations(String expression, String duration, String expected) {
        assertThat(configure(rules(null, expression.trim(), duration == null ? null : duration.trim())))
                .isEqualTo(expected.trim());
    }

    @ParameterizedTest(name = "AutomaticallyAfterDays={0} / {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        "1    | -   | OK",
        "1000 | -   | OK",
        "7    | 2h  | OK",
        "0    | -   | ValidationException",
        "1001 | -   | ValidationException",
        "7    | 25h | InvalidParameterException",
    })
    void automaticallyAfterDays(long days, String duration, String expected) {
        assertThat(configure(rules(days, null, duration))).isEqualTo(expected);
    }

    @Test
    void combinationsThatAreRefused() {
        assertThat(configure(rules(7L, "rate(7 days)", null))).isEqualTo("InvalidParameterException");
        assertThat(configure(rules(null, null, "2h"))).isEqualTo("InvalidParameterException");
        assertThat(configure(rules(null, "", null))).isEqualTo("ValidationException");
        assertThat(configure(rules(null, "cron(" + "0 ".repeat(130) + ")", null))).isEqualTo("ValidationException");
        // nothing was recorded by the refused calls
        assertThat(client.describeSecret(r -> r.secretId("db")).rotationEnabled()).isNull();
    }

    @Test
    void rotateImmediatelyFalseRecordsTheRulesAndRunsNothing() {
        RotateSecretResponse response = client.rotateSecret(r -> r.secretId("db").rotateImmediately(false)
                .rotationRules(rules -> rules.scheduleExpression("rate(10 days)").duration("3h")));

        assertThat(response.versionId()).isNull();
        assertThat(rotation.steps).isEmpty();
        assertThat(emulator.callCounts()).doesNotContainKey("GetSecretValue");
        DescribeSecretResponse described = client.describeSecret(r -> r.secretId("db"));
        assertThat(described.rotationEnabled()).isTrue();
        assertThat(described.lastRotatedDate()).isNull();
        assertThat(described.rotationRules().scheduleExpression()).isEqualTo("rate(10 days)");
        assertThat(described.rotationRules().duration()).isEqualTo("3h");
        assertThat(described.rotationRules().automaticallyAfterDays()).isNull();
        assertThat(described.nextRotationDate()).isEqualTo(Instant.parse("2026-03-11T02:59:59Z"));
        assertThat(described.versionIdsToStages()).hasSize(1);
    }

    @ParameterizedTest(name = "{0} / {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // from 2026-03-01T10:15:30Z, a Sunday
        "rate(1 day)             | -  | 2026-03-02T23:59:59Z",
        "rate(10 days)           | 3h | 2026-03-11T02:59:59Z",
        "rate(6 hours)           | -  | 2026-03-01T16:59:59Z",
        "rate(6 hours)           | 2h | 2026-03-01T17:59:59Z",
        "cron(0 16 1,15 * ? *)   | 2h | 2026-03-01T17:59:59Z",
        "cron(0 10 * * ? *)      | -  | 2026-03-02T23:59:59Z",
        "cron(0 8 ? * MON-FRI *) | -  | 2026-03-02T23:59:59Z",
        "cron(0 /8 * * ? *)      | -  | 2026-03-01T16:59:59Z",
        "cron(0 17 L * ? *)      | -  | 2026-03-31T23:59:59Z",
        "cron(0 1 ? 1/3 SUN#1 *) | -  | 2026-04-05T23:59:59Z",
        "cron(0 10 ? * SUNL *)   | -  | 2026-03-29T23:59:59Z",
    })
    void nextRotationDateIsTheEndOfTheNextWindow(String expression, String duration, String expected) {
        assertThat(configure(rules(null, expression, duration))).isEqualTo("OK");
        assertThat(client.describeSecret(r -> r.secretId("db")).nextRotationDate()).isEqualTo(Instant.parse(expected));
    }

    @Test
    void nextRotationDateCountsFromTheLastRotation() {
        client.rotateSecret(r -> r.secretId("db").rotationRules(rules -> rules.automaticallyAfterDays(30L)));
        assertThat(emulator.awaitRotation("db", Duration.ofSeconds(30)).succeeded()).isTrue();

        DescribeSecretResponse described = client.describeSecret(r -> r.secretId("db"));
        assertThat(described.lastRotatedDate()).isEqualTo(START);
        assertThat(described.nextRotationDate()).isEqualTo(Instant.parse("2026-03-31T23:59:59Z"));
        assertThat(described.rotationRules().automaticallyAfterDays()).isEqualTo(30L);
    }

    @Test
    void aNewCurrentValueCountsAsARotationForTheSchedule() {
        assertThat(configure(rules(5L, null, null))).isEqualTo("OK");
        assertThat(client.describeSecret(r -> r.secretId("db")).nextRotationDate())
                .isEqualTo(Instant.parse("2026-03-06T23:59:59Z"));
        CLOCK.advance(Duration.ofDays(2));

        client.putSecretValue(r -> r.secretId("db").secretString("staged").versionStages("MYLABEL"));
        assertThat(client.describeSecret(r -> r.secretId("db")).nextRotationDate())
                .isEqualTo(Instant.parse("2026-03-06T23:59:59Z"));
        client.putSecretValue(r -> r.secretId("db").secretString("changed by hand"));
        DescribeSecretResponse described = client.describeSecret(r -> r.secretId("db"));
        assertThat(described.nextRotationDate()).isEqualTo(Instant.parse("2026-03-08T23:59:59Z"));
        assertThat(described.lastRotatedDate()).isNull();
    }

    @Test
    void rotationWithoutRulesHasNoNextRotationDate() {
        client.rotateSecret(r -> r.secretId("db"));
        assertThat(emulator.awaitRotation("db", Duration.ofSeconds(30)).succeeded()).isTrue();
        DescribeSecretResponse described = client.describeSecret(r -> r.secretId("db"));
        assertThat(described.rotationEnabled()).isTrue();
        assertThat(described.nextRotationDate()).isNull();
        assertThat(described.rotationRules()).isNull();
    }
}
