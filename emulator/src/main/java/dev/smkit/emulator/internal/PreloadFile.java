package dev.smkit.emulator.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The standalone jar's {@code --preload} file: a JSON array of secrets, each
 * {@code {"name": "...", "secretString": "..." | "secretBinary": "<base64>", "description": "...", "tags": {"k": "v"}}}.
 * Errors name the file, the entry index and the key; never a value.
 */
public final class PreloadFile {
    private static final Set<String> KEYS = Set.of("name", "secretString", "secretBinary", "description", "tags");

    private PreloadFile() {
    }

    /** Loads every secret of {@code file} into {@code store}; returns how many. */
    public static int load(Path file, SecretStore store) throws IOException {
        int index = 0;
        for (Entry entry : parse(Files.readString(file, StandardCharsets.UTF_8), file.toString())) {
            SecretValue value = entry.secretString != null ? SecretValue.ofString(entry.secretString)
                    : entry.secretBinary != null ? SecretValue.ofBinary(entry.secretBinary) : null;
            try {
                store.preload(entry.name, value, entry.description, entry.tags);
            } catch (ApiException e) {
                throw new IllegalArgumentException(source(file.toString(), index) + " (" + entry.name + "): "
                        + e.getMessage());
            }
            index++;
        }
        return index;
    }

    /**
     * The entries of a file in this format, validated; {@code source} names the file in errors. Also read by the
     * Spring Boot test support, which creates the entries through the API instead.
     */
    public static List<Entry> parse(String json, String source) {
        JsonNode root;
        try {
            root = JsonNode.parser().parse(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + " is not valid JSON");
        }
        if (root == null) { // the parser gives null for a file of only white space
            throw new IllegalArgumentException(source + " is empty (only white space); it must hold a JSON array of "
                    + "secrets");
        }
        if (!root.isArray()) {
            throw new IllegalArgumentException(source + " must hold a JSON array of secrets");
        }
        List<Entry> entries = new ArrayList<>();
        for (JsonNode node : root.asArray()) {
            entries.add(entry(node, source(source, entries.size())));
        }
        return entries;
    }

    private static String source(String source, int index) {
        return source + " entry " + index;
    }

    private static Entry entry(JsonNode entry, String where) {
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
        if (name == null) {
            throw new IllegalArgumentException(where + " needs a \"name\"");
        }
        String string = text(fields, "secretString", where);
        String binary = text(fields, "secretBinary", where);
        if (string != null && binary != null) {
            throw new IllegalArgumentException(where + " (" + name + ") has both secretString and secretBinary");
        }
        byte[] bytes = null;
        if (binary != null) {
            try {
                bytes = Base64.getDecoder().decode(binary);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + " (" + name + ") secretBinary is not standard base64");
            }
        }
        return new Entry(name, string, bytes, text(fields, "description", where), tags(fields, where));
    }

    /** One secret of the file; a secret with neither value has no version. */
    public static final class Entry {
        public final String name;
        public final String secretString;
        public final byte[] secretBinary;
        public final String description;
        public final Map<String, String> tags;

        Entry(String name, String secretString, byte[] secretBinary, String description, Map<String, String> tags) {
            this.name = name;
            this.secretString = secretString;
            this.secretBinary = secretBinary;
            this.description = description;
            this.tags = Collections.unmodifiableMap(tags);
        }

        @Override
        public String toString() {
            return "PreloadFile.Entry[" + name + "]";   // never the value
        }
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

    private static Map<String, String> tags(Map<String, JsonNode> fields, String where) {
        Map<String, String> tags = new LinkedHashMap<>();
        JsonNode node = fields.get("tags");
        if (node == null || node.isNull()) {
            return tags;
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + " key 'tags' must be an object of key to value");
        }
        for (Map.Entry<String, JsonNode> tag : node.asObject().entrySet()) {
            if (!tag.getValue().isString()) {
                throw new IllegalArgumentException(where + " tag '" + tag.getKey() + "' must have a string value");
            }
            tags.put(tag.getKey(), tag.getValue().asString());
        }
        return tags;
    }
}
