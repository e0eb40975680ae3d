package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** {@code java -jar target/smkit-emulator-standalone.jar}, run by failsafe after the jar is built. */
class StandaloneJarIT {

    @Test
    void shadedJarServesPreloadedSecrets(@TempDir Path dir) throws Exception {
        Path jar = Paths.get(System.getProperty("standalone.jar", "target/smkit-emulator-standalone.jar"));
        assertThat(jar).exists();
        Path preload = dir.resolve("secrets.json");
        Files.writeString(preload, "[{\"name\":\"from-jar\",\"secretString\":\"jar-value\"}]");
        Process process = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--port", "0", "--preload", preload.toString()).start();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return stdout.readLine();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            assertThat(line).matches("smkit-emulator listening on http://127\\.0\\.0\\.1:\\d+");
            try (SecretsManagerClient client = SecretsManagerClient.builder()
                    .endpointOverride(URI.create(line.substring(line.indexOf("http://"))))
                    .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .build()) {
                assertThat(client.getSecretValue(r -> r.secretId("from-jar")).secretString()).isEqualTo("jar-value");
            }
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Only HTTP: the control API, the Agent port and a raw JSON request; stdout holds one line, stderr nothing. */
    @Test
    void drivenOnlyOverHttpWithCleanStdoutAndStderr(@TempDir Path dir) throws Exception {
        Path jar = Paths.get(System.getProperty("standalone.jar", "target/smkit-emulator-standalone.jar"));
        Path preload = dir.resolve("secrets.json");
        Files.writeString(preload, "[{\"name\":\"svc/api\",\"secretString\":\"api-key\"}]");
        Path stderrFile = dir.resolve("stderr.txt");
        Process process = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--port", "0", "--agent-port", "0", "--agent-token", "t0k",
                "--no-verify-signatures", "--preload", preload.toString())
                .redirectError(stderrFile.toFile()).start();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return stdout.readLine();
                } catch (java.io.IOException e) {
                    throw new IllegalStateException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            assertThat(line).matches("smkit-emulator listening on http://127\\.0\\.0\\.1:\\d+ agent http://127\\.0\\.0\\.1:\\d+");
            String[] words = line.split(" ");
            URI endpoint = URI.create(words[3]);
            URI agent = URI.create(words[5]);
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                    .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
            var health = http.send(java.net.http.HttpRequest.newBuilder(endpoint.resolve("/_smkit/health")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(health.body()).contains("\"status\":\"ok\"");
            var value = http.send(java.net.http.HttpRequest.newBuilder(agent.resolve("/v1/svc/api"))
                    .header("X-Aws-Parameters-Secrets-Token", "t0k").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(value.body()).contains("\"SecretString\":\"api-key\"");
            var created = RawHttp.json(endpoint, "CreateSecret",
                    "{\"Name\":\"raw\",\"SecretString\":\"v\",\"ClientRequestToken\":\"" + "c".repeat(32) + "\"}");
            assertThat(created.statusCode()).isEqualTo(200);
            var calls = http.send(java.net.http.HttpRequest.newBuilder(endpoint.resolve("/_smkit/calls")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(calls.body()).isEqualTo("{\"CreateSecret\":1}");
            var reset = http.send(java.net.http.HttpRequest.newBuilder(endpoint.resolve("/_smkit/reset"))
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(reset.statusCode()).isEqualTo(200);
            var gone = http.send(java.net.http.HttpRequest.newBuilder(agent.resolve("/v1/svc/api"))
                    .header("X-Aws-Parameters-Secrets-Token", "t0k").build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(gone.body()).contains("ResourceNotFoundException");
            process.toHandle().destroy(); // SIGTERM, leaving our end of the pipes open to read them to the end
            process.waitFor(10, TimeUnit.SECONDS);
            assertThat(stdout.readLine()).isNull(); // nothing but the listening line
            assertThat(Files.readString(stderrFile)).doesNotContain("SLF4J").isEmpty();
        } finally {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
