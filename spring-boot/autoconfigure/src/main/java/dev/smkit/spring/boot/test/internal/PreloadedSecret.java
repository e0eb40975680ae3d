package dev.smkit.spring.boot.test.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.core.io.Resource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/**
 * A secret to have in the emulator before a test context starts, from the annotation or from a file in the
 * emulator's {@code --preload} format. Put through the API, as an application would see it created.
 */
final class PreloadedSecret {
    private static final Set<String> KEYS = Set.of("name", "secretString", "secretBinary", "description", "tags");

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
        JsonNode root;
        try {
            root = JsonNode.parser().parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("secretsFile '" + location + "' is not valid JSON");
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("secretsFile '" + location + "' must hold a JSON array of secrets");
        }
        List<PreloadedSecret> secrets = new ArrayList<>();
        for (JsonNode entry : root.asArray()) {
            secrets.add(entry(entry, "secretsFile '" + location + "' entry " + secrets.size()));
        }
        return secrets;
    }

    private static PreloadedSecret entry(JsonNode entry, String where) {
        if (!entry.isObject()) {
            throw new IllegalArgumentException(where + " must be a JSON object");
        }
        Map<String, JsonNode> fields = entry.asObject();
        for (String key : fields.keySet()) {
            if (!KEYS.contains(key)) {
                throw new IllegalArgumentException(where + " has unknown key '" + key + "' (allowed: " + KEYS + ")");
            }
        }
        String name = text(fields, "name", where);
        String string = text(fields, "secretString", where);
        String binary = text(fields, "secretBinary", where);
        if (name == null) {
            throw new IllegalArgumentException(where + " needs a \"name\"");
        }
        if ((string == null) == (binary == null)) {
            throw new IllegalArgumentException(where + " (" + name + ") needs exactly one of secretString and "
                    + "secretBinary");
        }
        byte[] bytes = null;
        if (binary != null) {
            try {
                bytes = Base64.getDecoder().decode(binary);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " (" + name + ") secretBinary is not standard base64");
            }
        }
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode tagNode = fields.get("tags");
        if (tagNode != null && !tagNode.isNull()) {
            if (!tagNode.isObject()) {
                throw new IllegalArgumentException(where + " key 'tags' must be an object of key to value");
            }
            tagNode.asObject().forEach((key, value) -> {
                if (!value.isString()) {
                    throw new IllegalArgumentException(where + " tag '" + key + "' must have a string value");
                }
                tags.put(key, value.asString());
            });
        }
        return new PreloadedSecret(name, string, bytes, text(fields, "description", where), tags);
    }

    private static String text(Map<String, JsonNode> fields, String key, String where) {
        JsonNode node = fields.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new IllegalArgumentException(where + " key '" + key + "' must be a string");
        }
        return node.asString();
    }

    /** Creates the secret, or gives it this value as a new current version unless it already holds it. */
    void putInto(SecretsManagerClient client) {
        SdkBytes bytes = binary == null ? null : SdkBytes.fromByteArray(binary);
        try {
            client.createSecret(r -> r.name(name).secretString(string).secretBinary(bytes).description(description)
                    .tags(tags.entrySet().stream().map(t -> Tag.builder().key(t.getKey()).value(t.getValue()).build())
                            .toList()));
        } catch (ResourceExistsException exists) {
            GetSecretValueResponse current = client.getSecretValue(r -> r.secretId(name));
            boolean same = binary == null ? string.equals(current.secretString())
                    : current.secretBinary() != null && Arrays.equals(binary, current.secretBinary().asByteArray());
            if (!same) {
                client.putSecretValue(r -> r.secretId(name).secretString(string).secretBinary(bytes));
            }
        }
    }
}
