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
}
