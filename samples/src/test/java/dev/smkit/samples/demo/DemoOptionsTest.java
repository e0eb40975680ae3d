package dev.smkit.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smkit.samples.demo.DemoOptions.Strategy;
import java.nio.file.Paths;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DemoOptionsTest {

    @Test
    void defaultsMatchTheReadme() {
        DemoOptions options = DemoOptions.parse();
        assertThat(options.duration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.threads()).isEqualTo(8);
        assertThat(options.rotateEvery()).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.strategy()).isEqualTo(Strategy.MIXED);
        assertThat(options.engine()).isEqualTo(DemoEngine.POSTGRES);
        assertThat(options.plannedRotations()).isEqualTo(5);
    }

    @Test
    void bothOptionFormsAndAllUnitsAreRead() {
        DemoOptions options = DemoOptions.parse("--duration=2m", "--threads", "16", "--rotate-every", "1500ms",
                "--strategy", "Alternating", "--engine=mariadb", "--report-dir", "/tmp/x");
        assertThat(options.duration()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.threads()).isEqualTo(16);
        assertThat(options.rotateEvery()).isEqualTo(Duration.ofMillis(1500));
        assertThat(options.strategy()).isEqualTo(Strategy.ALTERNATING);
        assertThat(options.engine()).isEqualTo(DemoEngine.MARIADB);
        assertThat(options.reportDir()).isEqualTo(Paths.get("/tmp/x"));
        assertThat(DemoOptions.parse("--duration", "8").duration()).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void rotationsFitStrictlyInsideTheRun() {
        assertThat(DemoOptions.parse("--duration", "8s", "--rotate-every", "2s").plannedRotations()).isEqualTo(3);
        assertThat(DemoOptions.parse("--duration", "9s", "--rotate-every", "2s").plannedRotations()).isEqualTo(4);
    }

    @Test
    void mixedStartsWithSingleUserThenAlternates() {
        assertThat(Strategy.MIXED.forRotation(0)).isEqualTo(Strategy.SINGLE);
        assertThat(Strategy.MIXED.forRotation(1)).isEqualTo(Strategy.ALTERNATING);
        assertThat(Strategy.MIXED.forRotation(2)).isEqualTo(Strategy.SINGLE);
        assertThat(Strategy.ALTERNATING.forRotation(0)).isEqualTo(Strategy.ALTERNATING);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> DemoOptions.parse("--speed", "3")).hasMessageStartingWith("unknown option '--speed'");
        assertThatThrownBy(() -> DemoOptions.parse("--duration", "soon"))
                .hasMessage("--duration must be a time such as 500ms, 30s or 2m, got 'soon'");
        assertThatThrownBy(() -> DemoOptions.parse("--threads", "0"))
                .hasMessage("--threads must be a whole number from 1 to 256, got '0'");
        assertThatThrownBy(() -> DemoOptions.parse("--strategy", "random"))
                .hasMessage("--strategy must be one of single, alternating, mixed, got 'random'");
        assertThatThrownBy(() -> DemoOptions.parse("--engine", "oracle"))
                .hasMessage("--engine must be one of postgres, mariadb, got 'oracle'");
        assertThatThrownBy(() -> DemoOptions.parse("--duration", "10s", "--rotate-every", "10s"))
                .hasMessage("--rotate-every must be more than 0 and less than --duration (10s), got 10s");
        assertThatThrownBy(() -> DemoOptions.parse("--threads")).hasMessageStartingWith("--threads needs a value");
        assertThatThrownBy(() -> DemoOptions.parse("--duration", "500ms", "--rotate-every", "100ms"))
                .hasMessage("--duration must be at least 1s, got 500ms");
    }

    @Test
    void helpIsAUsageExceptionThatAsksForHelp() {
        assertThatThrownBy(() -> DemoOptions.parse("--help"))
                .isInstanceOfSatisfying(DemoOptions.UsageException.class, e -> {
                    assertThat(e.helpRequested()).isTrue();
                    assertThat(e.getMessage()).contains("--rotate-every", "--strategy", "--engine");
                });
    }
}
