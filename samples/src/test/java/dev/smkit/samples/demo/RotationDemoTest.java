package dev.smkit.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo as the build runs it: short, but with real rotations of a real database password under load. */
class RotationDemoTest {

    @Test
    void postgresMixedRotationsUnderLoadWithoutAFailure(@TempDir Path reportDir) throws Exception {
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        DemoOptions options = DemoOptions.parse("--duration", "8s", "--threads", "4", "--rotate-every", "2s",
                "--strategy", "mixed", "--report-dir", reportDir.toString());

        DemoReport report = RotationDemo.run(options, new PrintStream(console, true, StandardCharsets.UTF_8), false);

        String out = console.toString(StandardCharsets.UTF_8);
        System.out.print(out);
        assertThat(report.queriesFailed()).as("failed queries").isZero();
        assertThat(report.queriesOk()).isGreaterThan(100);
        assertThat(report.rotationsSucceeded()).isEqualTo(3);
        assertThat(report.rotations).extracting(r -> r.strategy).containsExactly("single", "alternating", "single");
        assertThat(report.apiCalls()).containsEntry("RotateSecret", 3L);
        // The pool reconnects after every rotation, yet Secrets Manager is asked per rotation, not per connection:
        // the initial load plus at most a forced check and a new version per rotation.
        assertThat(report.physicalConnects()).as("initial fill plus reconnects after each rotation")
                .isGreaterThanOrEqualTo(4 + 3);
        assertThat(report.apiCalls().getOrDefault("DescribeSecret", 0L)).isLessThanOrEqualTo(1 + 3);
        assertThat(report.apiCalls().getOrDefault("GetSecretValue", 0L)).isLessThanOrEqualTo(1 + 2 * 3);
        assertThat(report.cacheHitRatio()).isGreaterThan(0.5);
        assertThat(report.exitStatus()).isZero();

        // Plain (non-terminal) progress: one line every 5 s, no carriage returns.
        assertThat(out).contains("[  5s/8s]").contains("[  8s/8s]").doesNotContain("\r");
        assertThat(out).contains("| Secrets Manager API calls", "latency p99", "hit ratio",
                "Result: OK, " + report.queriesOk() + " queries and 3 rotations without a single failure.");
        Path timeline = reportDir.resolve(RotationDemo.TIMELINE_FILE);
        assertThat(out).contains("Timeline: " + timeline.toAbsolutePath().normalize());
        assertThat(Files.readString(timeline)).contains("class=\"rotation\"").contains("no failures");
    }

    @Test
    void mariadbEngineWithAlternatingUsers(@TempDir Path reportDir) throws Exception {
        DemoOptions options = DemoOptions.parse("--engine", "mariadb", "--duration", "5s", "--threads", "3",
                "--rotate-every", "2s", "--strategy", "alternating", "--report-dir", reportDir.toString());

        DemoReport report = RotationDemo.run(options, new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), false);

        assertThat(report.queriesFailed()).as("failed queries").isZero();
        assertThat(report.queriesOk()).isPositive();
        assertThat(report.rotations).extracting(r -> r.strategy).containsExactly("alternating", "alternating");
        assertThat(report.rotationsSucceeded()).isEqualTo(2);
        assertThat(report.exitStatus()).isZero();
    }
}
