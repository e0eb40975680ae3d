package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;

/** Runs {@link Main} in a child JVM, as {@code java -jar smkit-emulator-standalone.jar} does. */
class StandaloneMainTest {

    private static Process launch(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).start();
    }

    private static String firstLine(Process process) throws Exception {
        BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        return CompletableFuture.supplyAsync(() -> {
            try {
                return stdout.readLine();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).get(60, TimeUnit.SECONDS);
    }

    @Test
    void servesPreloadedSecretsOnThePrintedEndpoint(@TempDir Path dir) throws Exception {
        Path preload = dir.resolve("secrets.json");
        Files.writeString(preload, "[{\"name\":\"db/app\",\"secretString\":\"{\\\"password\\\":\\\"pw\\\"}\","
                + "\"description\":\"app db\",\"tags\":{\"env\":\"dev\"}},"
                + "{\"name\":\"blob\",\"secretBinary\":\"AAEC/w==\"}]");
        Process process = launch("--port", "0", "--access-key", "AKIDSTANDALONE", "--secret-key", "sk",
                "--region", "eu-central-1", "--preload", preload.toString());
        try {
            String line = firstLine(process);
            assertThat(line).matches("smkit-emulator listening on http://127\\.0\\.0\\.1:\\d+");
            URI endpoint = URI.create(line.substring(line.indexOf("http://")));
            try (SecretsManagerClient client = SecretsManagerClient.builder().endpointOverride(endpoint)
                    .region(Region.of("eu-central-1")).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSTANDALONE", "sk")))
                    .build()) {
                assertThat(client.getSecretValue(r -> r.secretId("db/app")).secretString())
                        .isEqualTo("{\"password\":\"pw\"}");
                assertThat(client.getSecretValue(r -> r.secretId("blob")).secretBinary().asByteArray())
                        .containsExactly(0, 1, 2, 0xff);
                DescribeSecretResponse described = client.describeSecret(r -> r.secretId("db/app"));
                assertThat(described.arn()).startsWith("arn:aws:secretsmanager:eu-central-1:000000000000:secret:db/app-");
                assertThat(described.description()).isEqualTo("app db");
                assertThat(described.tags()).singleElement().satisfies(t -> assertThat(t.value()).isEqualTo("dev"));
            }
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void badFlagPrintsUsageAndExitsWith2() throws Exception {
        Process process = launch("--prot", "1");
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(stderr).contains("unknown option --prot").contains("Usage:");
    }

    @Test
    void rotationFlagsConfigureTheEmulator() {
        Main.Options options = Main.parse(new String[] {"--port", "0", "--rotation-mode", "synchronous",
            "--rotation-step-delays", "createSecret=0s,setSecret=1s,testSecret=500ms,finishSecret=2s"});
        assertThat(options.builder.rotationMode()).isEqualTo(RotationMode.SYNCHRONOUS);
        assertThat(options.builder.rotationStepDelays()).isEqualTo(StepDelays.none()
                .with(RotationStep.SET_SECRET, Duration.ofSeconds(1))
                .with(RotationStep.TEST_SECRET, Duration.ofMillis(500))
                .with(RotationStep.FINISH_SECRET, Duration.ofSeconds(2)));
        Main.Options defaults = Main.parse(new String[0]);
        assertThat(defaults.builder.rotationMode()).isEqualTo(RotationMode.ASYNCHRONOUS);
        assertThat(defaults.builder.rotationStepDelays().isNone()).isTrue();
        assertThat(Main.parse(new String[] {"--rotation-mode", "async"}).builder.rotationMode())
                .isEqualTo(RotationMode.ASYNCHRONOUS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--rotation-step-delays                                   | --rotation-step-delays needs a value",
        "--rotation-step-delays setSecret=1                       | --rotation-step-delays: the delay before rotation step setSecret",
        "--rotation-step-delays setSecret=1s,nextSecret=1s        | --rotation-step-delays: unknown rotation step 'nextSecret'",
        "--rotation-step-delays setSecret=1s,setSecret=2s         | more than one delay",
        "--rotation-step-delays setSecret:1s                      | must look like step=time",
        "--rotation-mode                                          | --rotation-mode needs a value",
        "--rotation-mode later                                    | --rotation-mode must be asynchronous or synchronous, got later",
    })
    void badRotationFlagsExitWith2AndSayWhy(String args, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int status = Main.run(args.trim().split(" +"), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("smkit-emulator: ").contains(message.trim())
                .contains("Usage:").contains("--rotation-step-delays <step=time,...>");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void invalidPreloadFileIsRefusedWithItsLocation(@TempDir Path dir) throws Exception {
        Path preload = dir.resolve("bad.json");
        Files.writeString(preload, "[{\"name\":\"ok\",\"secretString\":\"hidden-value\",\"colour\":\"red\"}]");
        Process process = launch("--port", "0", "--preload", preload.toString());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        String stderr = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(stderr).contains("entry 0").contains("colour").doesNotContain("hidden-value");
    }

    @Test
    void logLevelAndAgentFlagsAreChecked() {
        assertThat(Main.parse(new String[] {"--log-level", "debug", "--agent-port", "0", "--agent-token", "t"}).help)
                .isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Main.parse(new String[] {"--log-level", "loud"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--log-level");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Main.parse(new String[] {"--agent-port", "x"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
