package dev.smkit.samples.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.secretsmanager.caching.SecretCache;
import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.samples.ConsoleCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SecretHandlerTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    @Test
    void warmHandlerCallsSecretsManagerOnceForManyInvocations() {
        emulator.client().createSecret(r -> r.name("api").secretString("{\"endpoint\":\"https://e\",\"apiKey\":\"k\"}"));
        try (SecretCache cache = new SecretCache(emulator.client())) {
            SecretHandler handler = new SecretHandler(cache);
            for (int i = 0; i < 5; i++) {
                assertThat(handler.handleRequest("api", null)).isEqualTo("calling https://e");
            }
        }
        assertThat(emulator.emulator().callCount("DescribeSecret")).isEqualTo(1);
        assertThat(emulator.emulator().callCount("GetSecretValue")).isEqualTo(1);
    }

    @Test
    void missingKeyIsNamedWithoutEchoingTheValue() {
        emulator.client().createSecret(r -> r.name("api").secretString("{\"endpoint\":\"https://e\"}"));
        try (SecretCache cache = new SecretCache(emulator.client())) {
            assertThatThrownBy(() -> new SecretHandler(cache).handleRequest("api", null))
                    .hasMessage("secret api has no JSON key 'apiKey'");
        }
    }

    @Test
    void mainPrintsTheEndpointAndTwoApiCalls() {
        String out = ConsoleCapture.run(() -> SecretHandler.main(new String[0]));
        assertThat(out).contains("invocation 3: calling https://partner.example.com")
                .contains("DescribeSecret=1").contains("GetSecretValue=1")
                .doesNotContain("k-123456");
    }
}
