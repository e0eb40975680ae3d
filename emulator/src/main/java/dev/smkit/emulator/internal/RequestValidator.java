package dev.smkit.emulator.internal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Checks a request against its operation's input shape in the {@link ServiceModel}, as AWS's front end does before the
 * service runs: a member of the wrong JSON type is a SerializationException; every violated constraint (required,
 * length, range, pattern, enum) is collected into one ValidationException in AWS's wording:
 * {@code 2 validation errors detected: Value 'x' at 'filters.1.member.key' failed to satisfy constraint: ...; Value ...}.
 * Member paths are lower-camel, list elements {@code .<n>.member}; sensitive members show no value.
 */
final class RequestValidator {
    private final ServiceModel model;

    RequestValidator(ServiceModel model) {
        this.model = model;
    }

    void validate(String operation, Params params) {
        ServiceModel.Shape input = model.input(operation);
        if (input == null) {
            return;
        }
        List<String> violations = new ArrayList<>();
        structure(input, params.members(), "", violations);
        if (!violations.isEmpty()) {
            int n = violations.size();
            throw ApiException.validation(n + " validation error" + (n == 1 ? "" : "s") + " detected: "
                    + String.join("; ", violations));
        }
    }

    private void structure(ServiceModel.Shape shape, Map<String, JsonNode> members, String path, List<String> out) {
        for (String required : shape.required) {
            JsonNode node = members.get(required);
            if (node == null || node.isNull()) {
                out.add("Value null at '" + path + lowerCamel(required) + "' failed to satisfy constraint: "
                        + "Member must not be null");
            }
        }
        for (Map.Entry<String, String> member : shape.members.entrySet()) {
            JsonNode node = members.get(member.getKey());
            if (node != null && !node.isNull()) {
                value(model.shape(member.getValue()), node, path + lowerCamel(member.getKey()), member.getKey(), out);
            }
        }
    }

    private void value(ServiceModel.Shape shape, JsonNode node, String path, String memberName, List<String> out) {
        if (shape == null) {
            return;
        }
        switch (shape.type) {
            case "structure":
                if (!node.isObject()) {
                    throw mismatch(memberName, "a JSON object");
                }
                structure(shape, node.asObject(), path + ".", out);
                break;
            case "list":
                if (!node.isArray()) {
                    throw mismatch(memberName, "a JSON array");
                }
                List<JsonNode> elements = node.asArray();
                length(shape, elements.size(), render(node), path, out);
                ServiceModel.Shape element = model.shape(shape.member);
                for (int i = 0; i < elements.size(); i++) {
                    JsonNode item = elements.get(i);
                    if (item != null && !item.isNull()) {
                        value(element, item, path + "." + (i + 1) + ".member", memberName, out);
                    }
                }
                break;
            case "string":
                if (!node.isString()) {
                    throw mismatch(memberName, "a JSON string");
                }
                String text = node.asString();
                String shown = shape.sensitive ? null : text;
                length(shape, text.length(), shown, path, out);
                if (shape.compiled != null && !shape.compiled.matcher(text).matches()) {
                    out.add(describe(shown, path) + "Member must satisfy regular expression pattern: " + shape.pattern);
                }
                if (!shape.enumValues.isEmpty() && !shape.enumValues.contains(text)) {
                    out.add(describe(shown, path) + "Member must satisfy enum value set: " + shape.enumValues);
                }
                break;
            case "blob":
                if (!node.isString()) {
                    throw mismatch(memberName, "a base64 JSON string");
                }
                int bytes;
                try {
                    bytes = Base64.getDecoder().decode(node.asString()).length;
                } catch (IllegalArgumentException e) {
                    throw ApiException.serialization("Member " + memberName + " must be standard base64.");
                }
                length(shape, bytes, shape.sensitive ? null : node.asString(), path, out);
                break;
            case "integer":
            case "long":
                if (!node.isNumber()) {
                    throw mismatch(memberName, "a JSON number");
                }
                long number;
                try {
                    number = Long.parseLong(node.asNumber());
                } catch (NumberFormatException e) {
                    throw ApiException.serialization("Member " + memberName + " must be an integer.");
                }
                String rendered = shape.sensitive ? null : Long.toString(number);
                if (shape.min != null && number < shape.min) {
                    out.add(describe(rendered, path) + "Member must have value greater than or equal to " + shape.min);
                }
                if (shape.max != null && number > shape.max) {
                    out.add(describe(rendered, path) + "Member must have value less than or equal to " + shape.max);
                }
                break;
            case "boolean":
                if (!node.isBoolean()) {
                    throw mismatch(memberName, "a JSON boolean");
                }
                break;
            case "timestamp":
                if (!node.isNumber()) {
                    throw mismatch(memberName, "a JSON number (epoch seconds)");
                }
                break;
            default:
                break;
        }
    }

    private static void length(ServiceModel.Shape shape, int length, String shown, String path, List<String> out) {
        if (shape.min != null && length < shape.min) {
            out.add(describe(shown, path) + "Member must have length greater than or equal to " + shape.min);
        }
        if (shape.max != null && length > shape.max) {
            out.add(describe(shown, path) + "Member must have length less than or equal to " + shape.max);
        }
    }

    private static String describe(String shown, String path) {
        return (shown == null ? "Value" : "Value '" + shown + "'") + " at '" + path + "' failed to satisfy constraint: ";
    }

    /** Lists shown as AWS shows them: [a, b]; nested objects as their JSON. */
    private static String render(JsonNode node) {
        if (node.isString()) {
            return node.asString();
        }
        if (node.isArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonNode element : node.asArray()) {
                parts.add(render(element));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        if (node.isNumber()) {
            return node.asNumber();
        }
        if (node.isBoolean()) {
            return Boolean.toString(node.asBoolean());
        }
        if (node.isObject()) {
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, JsonNode> field : node.asObject().entrySet()) {
                parts.add(field.getKey() + "=" + render(field.getValue()));
            }
            return "{" + String.join(", ", parts) + "}";
        }
        return "null";
    }

    private static ApiException mismatch(String member, String expected) {
        return ApiException.serialization("Member " + member + " must be " + expected + ".");
    }

    static String lowerCamel(String member) {
        return Character.toLowerCase(member.charAt(0)) + member.substring(1);
    }

}
