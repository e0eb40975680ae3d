package dev.smkit.samples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The exit statuses of {@code main}, in a child JVM since main ends its JVM with System.exit. */
class RotationDemoMainTest {

    private static final class Result {
        final int status;
        final String out;
        final String err;

        Result(int status, String out, String err) {
            this.status = status;
            this.out = out;
            this.err = err;
        }
    }

    private static Result runMain(String... args) throws IOException, InterruptedException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-cp",
                System.getProperty("java.class.path"), RotationDemo.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("main finished").isTrue();
        return new Result(process.exitValue(),
                new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    @Test
    void badOptionsExitWithTwoAndSayWhy() throws Exception {
        Result result = runMain("--threads", "0");
        assertThat(result.status).isEqualTo(2);
        assertThat(result.err).contains("--threads must be a whole number from 1 to 256, got '0'");
        assertThat(result.out).isEmpty();
    }

    @Test
    void helpExitsWithZeroAndPrintsTheOptions() throws Exception {
        Result result = runMain("--help");
        assertThat(result.status).isZero();
        assertThat(result.out).contains("--duration", "--threads", "--rotate-every", "--strategy", "--engine");
    }
}
