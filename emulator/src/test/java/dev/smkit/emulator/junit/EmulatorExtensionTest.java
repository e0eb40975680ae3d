package dev.smkit.emulator.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smkit.emulator.SecretsManagerEmulator;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

@ExtendWith(EmulatorExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EmulatorExtensionTest {
    private static SecretsManagerEmulator firstSeen;

    @Test
    @Order(1)
    void injectsEmulatorAndClient(SecretsManagerEmulator emulator, SecretsManagerClient client) {
        firstSeen = emulator;
        assertThat(client).isSameAs(emulator.client());
        client.createSecret(r -> r.name("left-over").secretString("v"));
        emulator.faults().pause();
    }

    @Test
    @Order(2)
    void sameEmulatorButStateIsResetBeforeEachTest(SecretsManagerEmulator emulator, SecretsManagerClient client) {
        assertThat(emulator).isSameAs(firstSeen);
        // the pause set by the previous test is gone too, or this call would hang
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("left-over")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(emulator.callCounts()).containsOnlyKeys("GetSecretValue");
    }

    @Nested
    class NestedTests {
        @Test
        void nestedClassesShareTheOuterEmulator(SecretsManagerEmulator emulator) {
            assertThat(emulator.endpoint().getHost()).isEqualTo("127.0.0.1");
            if (firstSeen != null) {
                assertThat(emulator).isSameAs(firstSeen);
            }
        }
    }
}
