package dev.smkit.emulator.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smkit.emulator.SecretsManagerEmulator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegisteredExtensionTest {
    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension(SecretsManagerEmulator.builder().region("eu-west-1")
            .accountId("123456789012"));

    @Test
    void usesTheBuilderConfiguration() {
        String arn = emulator.client().createSecret(r -> r.name("x").secretString("v")).arn();
        assertThat(arn).startsWith("arn:aws:secretsmanager:eu-west-1:123456789012:secret:x-");
        assertThat(emulator.emulator().region()).isEqualTo("eu-west-1");
    }
}
