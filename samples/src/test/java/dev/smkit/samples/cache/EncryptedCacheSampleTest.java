package dev.smkit.samples.cache;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.caching.SecretCache;
import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.samples.ConsoleCapture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

class EncryptedCacheSampleTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    @Test
    void valuesReadThroughTheHookAreTheOriginals() {
        emulator.client().createSecret(r -> r.name("text").secretString("plain-text-value"));
        emulator.client().createSecret(r -> r.name("bytes").secretBinary(SdkBytes.fromByteArray(new byte[] {1, 2, 3})));
        AesGcmCacheHook hook = new AesGcmCacheHook();
        try (SecretCache cache = new SecretCache(EncryptedCacheSample.configuration(emulator.client(), hook))) {
            assertThat(cache.getSecretString("text")).isEqualTo("plain-text-value");
            assertThat(cache.getSecretString("text")).isEqualTo("plain-text-value");
            byte[] binary = new byte[3];
            cache.getSecretBinary("bytes").get(binary);
            assertThat(binary).containsExactly(1, 2, 3);
        }
        assertThat(hook.decryptions()).isGreaterThanOrEqualTo(3);
        assertThat(emulator.emulator().callCount("GetSecretValue")).isEqualTo(2);
    }

    @Test
    void storedObjectHoldsCiphertextOnly() {
        AesGcmCacheHook hook = new AesGcmCacheHook();
        GetSecretValueResponse response = GetSecretValueResponse.builder().name("s").versionId("v1")
                .secretString("plain-text-value").createdDate(Instant.EPOCH).build();

        Object stored = hook.put(response);

        assertThat(stored).isInstanceOf(AesGcmCacheHook.Sealed.class);
        assertThat(stored.toString()).doesNotContain("plain-text-value");
        byte[] ciphertext = ((AesGcmCacheHook.Sealed) stored).encryptedSecretString();
        assertThat(new String(ciphertext, StandardCharsets.ISO_8859_1)).doesNotContain("plain-text-value");
        assertThat(hook.get(stored)).isEqualTo(response);
        // A fresh IV per put: the same value never encrypts to the same bytes twice.
        assertThat(((AesGcmCacheHook.Sealed) hook.put(response)).encryptedSecretString()).isNotEqualTo(ciphertext);
    }

    @Test
    void mainReadsTheKeyOnceFromSecretsManager() {
        String out = ConsoleCapture.run(() -> EncryptedCacheSample.main(new String[0]));
        assertThat(out).contains("read a signing key of 18 characters").contains("GetSecretValue calls: 1")
                .doesNotContain("s3cr3t");
    }
}
