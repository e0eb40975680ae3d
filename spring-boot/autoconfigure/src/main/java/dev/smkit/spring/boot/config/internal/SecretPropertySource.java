package dev.smkit.spring.boot.config.internal;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretVersion;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.boot.env.PropertySourceInfo;
import org.springframework.core.env.EnumerablePropertySource;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * The properties of one version of an imported secret. A JSON object's keys become properties (nested objects joined
 * with dots, arrays as {@code [i]}, values as text, null as empty text); any other value, JSON or not, is one property
 * under the plain key. Immutable: a new version replaces the whole source.
 *
 * <p>{@link #toString()} prints names only: Spring's own {@code PropertySource.toString()} prints every value when its
 * logger is at DEBUG, and the source object ({@link ImportedSecret}) holds no value either.
 */
public final class SecretPropertySource extends EnumerablePropertySource<ImportedSecret> implements PropertySourceInfo {
    private final String versionId;
    private final Map<String, String> properties;

    private SecretPropertySource(ImportedSecret secret, String versionId, Map<String, String> properties) {
        super(secret.propertySourceName(), secret);
        this.versionId = versionId;
        this.properties = Collections.unmodifiableMap(properties);
    }

    /**
     * Reads the secret's current version through {@code cache}.
     *
     * @throws RuntimeException what the cache throws (the SDK's exceptions as they are), or
     *         {@link IllegalStateException} for a binary secret
     */
    static SecretPropertySource read(SecretCache cache, ImportedSecret secret) {
        SecretVersion version = cache.getSecretVersion(secret.secretId());
        String text = version.getSecretString();
        if (text == null) {
            throw new IllegalStateException("Secret '" + secret.secretId() + "' (version " + version.getVersionId()
                    + ") holds a binary value; the smkit: config import reads string secrets only");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        JsonNode json = jsonObjectOrNull(text);
        if (json == null) {
            properties.put(secret.prefix() + secret.plainKey(), text);
        } else {
            flatten(secret.prefix(), json, properties);
        }
        return new SecretPropertySource(secret, version.getVersionId(), properties);
    }

    private static JsonNode jsonObjectOrNull(String text) {
        try {
            JsonNode node = JsonNode.parser().parse(text);
            return node != null && node.isObject() ? node : null;
        } catch (RuntimeException notJson) {
            // Plain text (a password, a token); the parser's message may quote it, so it goes nowhere.
            return null;
        }
    }

    private static void flatten(String name, JsonNode node, Map<String, String> properties) {
        if (node.isObject()) {
            String parent = name.isEmpty() || name.endsWith(".") ? name : name + ".";
            node.asObject().forEach((key, child) -> flatten(parent + key, child, properties));
        } else if (node.isArray()) {
            int index = 0;
            for (JsonNode element : node.asArray()) {
                flatten(name + "[" + index++ + "]", element, properties);
            }
        } else if (node.isNull()) {
            properties.put(name, "");
        } else if (node.isString()) {
            properties.put(name, node.asString());
        } else if (node.isNumber()) {
            properties.put(name, node.asNumber());
        } else if (node.isBoolean()) {
            properties.put(name, String.valueOf(node.asBoolean()));
        }
    }

    String secretId() {
        return getSource().secretId();
    }

    String versionId() {
        return versionId;
    }

    /** Names whose value differs between this version and {@code next}, counting added and removed names. */
    Set<String> changedNames(SecretPropertySource next) {
        Set<String> changed = new HashSet<>();
        properties.forEach((name, value) -> {
            if (!Objects.equals(value, next.properties.get(name))) {
                changed.add(name);
            }
        });
        next.properties.keySet().stream().filter(name -> !properties.containsKey(name)).forEach(changed::add);
        return changed;
    }

    @Override
    public Object getProperty(String name) {
        return properties.get(name);
    }

    @Override
    public boolean containsProperty(String name) {
        return properties.containsKey(name);
    }

    @Override
    public String[] getPropertyNames() {
        return properties.keySet().toArray(new String[0]);
    }

    @Override
    public boolean isImmutable() {
        return true;
    }

    @Override
    public String toString() {
        return "SecretPropertySource{name=" + getName() + ", versionId=" + versionId + ", propertyNames="
                + properties.keySet() + '}';
    }
}
