package dev.smkit.samples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import dev.smkit.emulator.InjectedError;
import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.emulator.junit.EmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * What to copy into your own project: a JUnit 5 test of code that reads Secrets Manager, run against the emulator
 * with the real AWS SDK. Needs {@code dev.smkit:smkit-emulator} (test scope) and JUnit 5.
 */
class EmulatorExtensionExampleTest {

    // One emulator for the class, emptied before each test.
    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    @Test
    void codeUnderTestReadsTheSecret() {
        emulator.client().createSecret(r -> r.name("app/config").secretString("{\"featureX\":true}"));

        try (SecretCache cache = new SecretCache(emulator.client())) {
            assertThat(cache.getSecretString("app/config")).isEqualTo("{\"featureX\":true}");
            assertThat(cache.getSecretString("app/config")).isEqualTo("{\"featureX\":true}");
        }
        // The second read came from memory.
        assertThat(emulator.emulator().callCount("GetSecretValue")).isEqualTo(1);
    }

    @Test
    void eachTestStartsEmpty(SecretsManagerClient client) {
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("app/config")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aNewVersionIsPickedUpByRefreshNow() throws InterruptedException {
        emulator.client().createSecret(r -> r.name("app/token").secretString("v1"));
        try (SecretCache cache = new SecretCache(emulator.client())) {
            assertThat(cache.getSecretString("app/token")).isEqualTo("v1");

            emulator.client().putSecretValue(r -> r.secretId("app/token").secretString("v2"));

            assertThat(cache.getSecretString("app/token")).isEqualTo("v1");   // still within the TTL
            assertThat(cache.refreshNow("app/token")).isTrue();
            assertThat(cache.getSecretString("app/token")).isEqualTo("v2");
        }
    }

    @Test
    void anOutageKeepsServingTheLastGoodValue(SecretsManagerEmulator server) throws InterruptedException {
        server.client().createSecret(r -> r.name("app/token").secretString("v1"));
        // A client without SDK retries, so each injected fault is one failed call.
        try (SecretsManagerClient client = server.clientBuilder()
                     .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                     .build();
             SecretCache cache = new SecretCache(new SecretCacheConfiguration().withClient(client))) {
            assertThat(cache.getSecretString("app/token")).isEqualTo("v1");

            server.faults().failNext("*", 10, InjectedError.internalServiceError());

            assertThat(cache.refreshNow("app/token")).isFalse();
            assertThat(cache.getSecretString("app/token")).isEqualTo("v1");
            assertThat(server.callCount("DescribeSecret")).isEqualTo(2);
        }
    }
}
