package dev.smkit.c3p0;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smkit.jdbc.testing.SuiteRepeater;
import org.junit.jupiter.api.Test;

/**
 * This module's rotation suite, repeated {@value SuiteRepeater#REPEATS_PROPERTY} times (default 20) on a busy machine.
 * Not part of {@code mvn verify} (the name matches no Surefire default pattern): run it with the
 * {@code field-conditions} profile before claiming a rotation or concurrency fix.
 */
class RotationSuiteRepeated {

    @Test
    void everyRepetitionPasses() throws Exception {
        SuiteRepeater.Outcome outcome = SuiteRepeater.run(SecretsManagerC3p0Test.class);
        assertThat(outcome.failures).as("failures in %d repetitions", outcome.repetitions).isEmpty();
        assertThat(outcome.testsRun).isPositive();
    }
}
