package dev.smkit.spring.boot.test.internal;

import dev.smkit.emulator.internal.PreloadFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * A secret to have in the emulator before a test context starts, from the annotation or from a file in the
 * emulator's {@code --preload} format. Put through the API, as an application would see it created.
 */
final class PreloadedSecret {
    private final String name;
    private final String string;
    private final byte[] binary;
    private final String description;
    private final Map<String, String> tags;

    private PreloadedSecret(String name, String string, byte[] binary, String description, Map<String, String> tags) {
        this.name = name;
        this.string = string;
        this.binary = binary;
        this.description = description;
        this.tags = tags;
    }

    static PreloadedSecret ofString(String name, String value) {
        return new PreloadedSecret(name, value, null, null, Map.of());
    }

    /** Reads {@code location}; errors name the resource, the entry and the key, never a value. */
    static List<PreloadedSecret> readFile(String location) {
        Resource resource = new DefaultResourceLoader().getResource(location);
        String text;
        try {
            text = resource.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read secretsFile '" + location + "'", e);
        }
        return PreloadFile.parse(text, "secretsFile '" + location + "'").stream()
                .map(entry -> new PreloadedSecret(entry.name, entry.secretString, entry.secretBinary,
                        entry.description, entry.tags))
                .toList();
    }

    /** Creates the secret, or gives it this value as a new current version unless it already holds it. */
    void putInto(SecretsManagerClient client) {
        SdkBytes bytes = binary == null ? null : SdkBytes.fromByteArray(binary);
        try {
            client.createSecret(r -> r.name(name).secretString(string).secretBinary(bytes).description(description)
                    .tags(tags.entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                            .toList()));
        } catch (ResourceExistsException exists) {
            if (string == null && binary == null) {
                return; // an entry without a value: the secret exists, which is all it asks
            }
            GetSecretValueResponse current = client.getSecretValue(r -> r.secretId(name));
            boolean same = binary == null ? string.equals(current.secretString())
                    : current.secretBinary() != null && Arrays.equals(binary, current.secretBinary().asByteArray());
            if (!same) {
                client.putSecretValue(r -> r.secretId(name).secretString(string).secretBinary(bytes));
            }
        }
    }
}
