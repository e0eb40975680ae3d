package dev.smkit.c3p0.internal;

import com.amazonaws.secretsmanager.caching.SecretVersion;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The JSON fields of one secret version that a pool needs. Parsed once per version (callers memoize by version ID).
 * {@link #toString()} never shows the password.
 */
public final class SecretCredentials {

    private final String secretId;
    private final String versionId;
    private final Map<String, JsonNode> fields;

    private SecretCredentials(String secretId, String versionId, Map<String, JsonNode> fields) {
        this.secretId = secretId;
        this.versionId = versionId;
        this.fields = fields;
    }

    /** @throws IllegalArgumentException naming the secret ID (never the content) when the version is not a JSON object */
    public static SecretCredentials parse(SecretVersion version) {
        String text = version.getSecretString();
        if (text == null) {
            throw new IllegalArgumentException("Secret '" + version.getSecretId()
                    + "' has no SecretString (binary-only secrets cannot hold database credentials)");
        }
        JsonNode root;
        try {
            root = JsonNode.parser().parse(text);
        } catch (RuntimeException e) {
            // The parser's message quotes the input, which is the secret value: report only where the problem is.
            throw new IllegalArgumentException("Secret '" + version.getSecretId() + "' (version " + version.getVersionId()
                    + ") is not valid JSON");
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("Secret '" + version.getSecretId() + "' (version " + version.getVersionId()
                    + ") is not a JSON object");
        }
        return new SecretCredentials(version.getSecretId(), version.getVersionId(), root.asObject());
    }

    public String versionId() {
        return versionId;
    }

    /** A string or number field, if present and not null. */
    public Optional<String> optional(String key) {
        JsonNode node = fields.get(key);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (node.isString()) {
            return Optional.of(node.asString());
        }
        if (node.isNumber()) {
            return Optional.of(node.asNumber());
        }
        throw new IllegalArgumentException("Secret '" + secretId + "': JSON key '" + key + "' must be a string");
    }

    /** @throws IllegalArgumentException naming the key and the secret ID when it is absent or empty */
    public String required(String key) {
        String value = optional(key).orElse("");
        if (value.isEmpty()) {
            throw new IllegalArgumentException("Secret '" + secretId + "' has no JSON key '" + key + "'");
        }
        return value;
    }

    @Override
    public String toString() {
        return "SecretCredentials[secretId=" + secretId + ", versionId=" + versionId + ", keys=" + fields.keySet() + "]";
    }
}
