package dev.smkit.samples.cache;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import dev.smkit.emulator.SecretsManagerEmulator;
import java.time.Duration;

/**
 * A cache with a custom {@link SecretCacheConfiguration}: a 15-minute TTL, room for 100 secrets, the
 * {@code AWSCURRENT} stage spelled out, and an {@link AesGcmCacheHook} so cached values stay encrypted in memory.
 */
public final class EncryptedCacheSample {

    private EncryptedCacheSample() {
    }

    /** The configuration of this sample around an existing client and hook. */
    public static SecretCacheConfiguration configuration(
            software.amazon.awssdk.services.secretsmanager.SecretsManagerClient client, AesGcmCacheHook hook) {
        return new SecretCacheConfiguration()
                .withClient(client)
                .withCacheItemTTL(Duration.ofMinutes(15))
                .withMaxCacheSize(100)
                .withVersionStage("AWSCURRENT")
                .withCacheHook(hook);
    }

    public static void main(String[] args) {
        try (SecretsManagerEmulator emulator = SecretsManagerEmulator.start()) {
            emulator.client().createSecret(r -> r.name("payments/signing-key").secretString("s3cr3t-signing-key"));
            AesGcmCacheHook hook = new AesGcmCacheHook();
            try (SecretCache cache = new SecretCache(configuration(emulator.client(), hook))) {
                for (int i = 0; i < 3; i++) {
                    String key = cache.getSecretString("payments/signing-key");
                    System.out.println("read a signing key of " + key.length() + " characters");
                }
                System.out.println("decryptions: " + hook.decryptions()
                        + ", GetSecretValue calls: " + emulator.callCount("GetSecretValue"));
            }
        }
    }
}
