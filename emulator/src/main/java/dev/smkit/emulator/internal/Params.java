package dev.smkit.emulator.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * Typed, validated access to the members of a JSON 1.1 request body. Type mismatches are SerializationException and
 * model constraint violations are ValidationException, as AWS answers them; messages never echo values.
 */
public final class Params {
    static final int MAX_VALUE_BYTES = 65_536;
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]+");
    private static final JsonNodeParser PARSER = JsonNodeParser.builder().removeErrorLocations(true).build();

    private final Map<String, JsonNode> members;

    Params(Map<String, JsonNode> members) {
        this.members = members;
    }

    /** Parses a request body; an empty body counts as {@code {}}. */
    public static Params parse(byte[] body) {
        if (body.length == 0) {
            return new Params(Collections.emptyMap());
        }
        JsonNode root;
        try {
            root = PARSER.parse(body);
        } catch (RuntimeException e) {
            throw ApiException.serialization("The request body is not valid JSON.");
        }
        if (root == null || !root.isObject()) { // the parser yields null for a body of only white space
            throw ApiException.serialization("The request body must be a JSON object.");
        }
        return new Params(root.asObject());
    }

    /** The raw members, for model validation. */
    Map<String, JsonNode> members() {
        return members;
    }

    private JsonNode node(String member) {
        JsonNode node = members.get(member);
        return node == null || node.isNull() ? null : node;
    }

    public boolean has(String member) {
        return node(member) != null;
    }

    public String string(String member) {
        JsonNode node = node(member);
        if (node == null) {
            return null;
        }
        if (!node.isString()) {
            throw ApiException.serialization("Member " + member + " must be a JSON string.");
        }
        return node.asString();
    }

    public String string(String member, int minLength, int maxLength) {
        String value = string(member);
        if (value != null) {
            checkLength(member, value.length(), minLength, maxLength);
        }
        return value;
    }

    public String requiredString(String member, int minLength, int maxLength) {
        String value = string(member, minLength, maxLength);
        if (value == null) {
            throw missing(member);
        }
        return value;
    }

    static ApiException missing(String member) {
        return ApiException.validation("1 validation error detected: Value null at '"
                + Character.toLowerCase(member.charAt(0)) + member.substring(1)
                + "' failed to satisfy constraint: Member must not be null");
    }

    static void checkLength(String member, int length, int minLength, int maxLength) {
        if (length < minLength) {
            throw ApiException.constraint(member, "Member must have length greater than or equal to " + minLength);
        }
        if (length > maxLength) {
            throw ApiException.constraint(member, "Member must have length less than or equal to " + maxLength);
        }
    }

    public Long longValue(String member) {
        JsonNode node = node(member);
        if (node == null) {
            return null;
        }
        if (!node.isNumber()) {
            throw ApiException.serialization("Member " + member + " must be a JSON number.");
        }
        try {
            return Long.parseLong(node.asNumber());
        } catch (NumberFormatException e) {
            throw ApiException.serialization("Member " + member + " must be an integer.");
        }
    }

    public Long longValue(String member, long min, long max) {
        Long value = longValue(member);
        if (value != null && value < min) {
            throw ApiException.constraint(member, "Member must have value greater than or equal to " + min);
        }
        if (value != null && value > max) {
            throw ApiException.constraint(member, "Member must have value less than or equal to " + max);
        }
        return value;
    }

    public boolean bool(String member, boolean defaultValue) {
        JsonNode node = node(member);
        if (node == null) {
            return defaultValue;
        }
        if (!node.isBoolean()) {
            throw ApiException.serialization("Member " + member + " must be a JSON boolean.");
        }
        return node.asBoolean();
    }

    /** A list of strings, or null when absent; each element checked against the element length limits. */
    public List<String> strings(String member, int minSize, int maxSize, int minLength, int maxLength) {
        List<Params.Element> elements = list(member, minSize, maxSize);
        if (elements == null) {
            return null;
        }
        List<String> values = new ArrayList<>(elements.size());
        for (Element element : elements) {
            if (!element.node.isString()) {
                throw ApiException.serialization("Elements of " + member + " must be JSON strings.");
            }
            String value = element.node.asString();
            checkLength(member + ".member", value.length(), minLength, maxLength);
            values.add(value);
        }
        return values;
    }

    /** A list of objects, or null when absent. */
    public List<Params> objects(String member, int minSize, int maxSize) {
        List<Params.Element> elements = list(member, minSize, maxSize);
        if (elements == null) {
            return null;
        }
        List<Params> values = new ArrayList<>(elements.size());
        for (Element element : elements) {
            if (!element.node.isObject()) {
                throw ApiException.serialization("Elements of " + member + " must be JSON objects.");
            }
            values.add(new Params(element.node.asObject()));
        }
        return values;
    }

    public Params object(String member) {
        JsonNode node = node(member);
        if (node == null) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiException.serialization("Member " + member + " must be a JSON object.");
        }
        return new Params(node.asObject());
    }

    private List<Element> list(String member, int minSize, int maxSize) {
        JsonNode node = node(member);
        if (node == null) {
            return null;
        }
        if (!node.isArray()) {
            throw ApiException.serialization("Member " + member + " must be a JSON array.");
        }
        List<JsonNode> array = node.asArray();
        if (array.size() < minSize) {
            throw ApiException.constraint(member, "Member must have length greater than or equal to " + minSize);
        }
        if (array.size() > maxSize) {
            throw ApiException.constraint(member, "Member must have length less than or equal to " + maxSize);
        }
        List<Element> elements = new ArrayList<>(array.size());
        for (JsonNode element : array) {
            elements.add(new Element(element));
        }
        return elements;
    }

    private static final class Element {
        final JsonNode node;

        Element(JsonNode node) {
            this.node = node;
        }
    }

    /** SecretId: a name (checked against the name rule) or an ARN (not checked). */
    public String secretId() {
        String id = requiredString("SecretId", 1, 2048);
        checkNameUnlessArn(id);
        return id;
    }

    static void checkNameUnlessArn(String id) {
        if (!id.startsWith("arn:") && !SECRET_NAME.matcher(id).matches()) {
            throw invalidName();
        }
    }

    static void checkName(String name) {
        if (!SECRET_NAME.matcher(name).matches()) {
            throw invalidName();
        }
    }

    private static ApiException invalidName() {
        return ApiException.validation(
                "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!");
    }

    /** SecretString/SecretBinary of Create, Put and Update: at most one, 1 to 65,536 bytes. Null when neither is given. */
    public SecretValue secretValue() {
        String string = string("SecretString");
        byte[] binary = binary("SecretBinary");
        if (string != null && binary != null) {
            throw ApiException.invalidParameter(
                    "You can't specify both a binary secret value and a string secret value in the same secret.");
        }
        if (string != null) {
            checkLength("SecretString", string.getBytes(StandardCharsets.UTF_8).length, 1, MAX_VALUE_BYTES);
            return SecretValue.ofString(string);
        }
        if (binary != null) {
            checkLength("SecretBinary", binary.length, 1, MAX_VALUE_BYTES);
            return SecretValue.ofBinary(binary);
        }
        return null;
    }

    private byte[] binary(String member) {
        String encoded = string(member);
        if (encoded == null) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw ApiException.serialization("Member " + member + " must be standard base64.");
        }
    }

    /** ClientRequestToken: 32-64 characters; required when a value is written (the SDK always fills it). */
    public String clientRequestToken(boolean required) {
        String token = string("ClientRequestToken", 32, 64);
        if (token == null && required) {
            throw ApiException.invalidRequest("You must provide a ClientRequestToken value. We recommend a UUID-type value.");
        }
        return token;
    }
}
