package dev.smkit.jdbc.testing;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/** Minimal JSON object writer for secret values in tests (flat objects of strings and numbers). */
public final class SecretJson {

    private final Map<String, Object> fields = new LinkedHashMap<>();

    private SecretJson() {
    }

    public static SecretJson object() {
        return new SecretJson();
    }

    public SecretJson with(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    public Object get(String key) {
        return fields.get(key);
    }

    public SecretJson without(String key) {
        fields.remove(key);
        return this;
    }

    public String toJson() {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, Object> field : fields.entrySet()) {
            if (out.length() > 1) {
                out.append(',');
            }
            quote(out, field.getKey()).append(':');
            Object value = field.getValue();
            if (value instanceof Number || value instanceof Boolean || value == null) {
                out.append(value);
            } else {
                quote(out, value.toString());
            }
        }
        return out.append('}').toString();
    }

    /** A flat JSON object's string, number, boolean and null fields, in order, ready to be changed and rewritten. */
    public static SecretJson parse(String json) {
        SecretJson parsed = new SecretJson();
        JsonNodeParser.create().parse(json).asObject().forEach((key, node) -> {
            if (node.isString()) {
                parsed.with(key, node.asString());
            } else if (node.isNumber()) {
                parsed.with(key, new BigDecimal(node.asNumber()));
            } else if (node.isBoolean()) {
                parsed.with(key, node.asBoolean());
            } else if (node.isNull()) {
                parsed.with(key, null);
            } else {
                throw new IllegalArgumentException("nested JSON is not supported in test secrets (key " + key + ")");
            }
        });
        return parsed;
    }

    /** Reads a top-level string field of a flat JSON object written by this class or the emulator. */
    public static String field(String json, String key) {
        JsonNode node = JsonNodeParser.create().parse(json).field(key).orElse(null);
        return node == null || node.isNull() ? null : node.isString() ? node.asString() : node.asNumber();
    }

    private static StringBuilder quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"');
    }
}
