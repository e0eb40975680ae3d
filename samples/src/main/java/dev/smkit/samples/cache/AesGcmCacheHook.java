package dev.smkit.samples.cache;

import com.amazonaws.secretsmanager.caching.SecretCacheHook;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * A {@link SecretCacheHook} that keeps secret values encrypted with AES-256-GCM while they sit in the cache, so a
 * heap dump shows ciphertext only. The key is generated per hook instance and never leaves memory.
 *
 * <p>The cache hands the hook a {@code GetSecretValueResponse} for each version it fetches (the hook encrypts its
 * {@code SecretString}/{@code SecretBinary} and returns a {@link Sealed} holder without them) and a
 * {@code DescribeSecretResponse} after each version check (metadata only: stored as is).
 */
public final class AesGcmCacheHook implements SecretCacheHook {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong decryptions = new AtomicLong();

    public AesGcmCacheHook() {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            this.key = generator.generateKey();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256 is not available in this JVM", e);
        }
    }

    @Override
    public Object put(Object o) {
        if (!(o instanceof GetSecretValueResponse)) {
            return o;
        }
        GetSecretValueResponse response = (GetSecretValueResponse) o;
        byte[] string = response.secretString() == null ? null : response.secretString().getBytes(StandardCharsets.UTF_8);
        byte[] binary = response.secretBinary() == null ? null : response.secretBinary().asByteArray();
        return new Sealed(response.toBuilder().secretString(null).secretBinary(null).build(),
                encrypt(string), encrypt(binary));
    }

    @Override
    public Object get(Object cachedObject) {
        if (!(cachedObject instanceof Sealed)) {
            return cachedObject;
        }
        Sealed sealed = (Sealed) cachedObject;
        decryptions.incrementAndGet();
        byte[] string = decrypt(sealed.secretString);
        byte[] binary = decrypt(sealed.secretBinary);
        return sealed.withoutValues.toBuilder()
                .secretString(string == null ? null : new String(string, StandardCharsets.UTF_8))
                .secretBinary(binary == null ? null : SdkBytes.fromByteArray(binary))
                .build();
    }

    /** How many times a cached value was decrypted for a reader. */
    public long decryptions() {
        return decryptions.get();
    }

    private byte[] encrypt(byte[] plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(plain);
            return ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not encrypt a cached secret value: " + e.getClass().getName());
        }
    }

    private byte[] decrypt(byte[] ivAndCiphertext) {
        if (ivAndCiphertext == null) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, ivAndCiphertext, 0, IV_BYTES));
            return cipher.doFinal(ivAndCiphertext, IV_BYTES, ivAndCiphertext.length - IV_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not decrypt a cached secret value: " + e.getClass().getName());
        }
    }

    /** What the cache stores for a version: the response without its values, plus the values' ciphertext. */
    public static final class Sealed {
        private final GetSecretValueResponse withoutValues;
        private final byte[] secretString;
        private final byte[] secretBinary;

        Sealed(GetSecretValueResponse withoutValues, byte[] secretString, byte[] secretBinary) {
            this.withoutValues = withoutValues;
            this.secretString = secretString;
            this.secretBinary = secretBinary;
        }

        /** IV followed by ciphertext and tag of the {@code SecretString}, {@code null} if the version has none. */
        public byte[] encryptedSecretString() {
            return secretString == null ? null : secretString.clone();
        }

        @Override
        public String toString() {
            return "Sealed{versionId=" + withoutValues.versionId() + ", stages=" + withoutValues.versionStages() + "}";
        }
    }
}
