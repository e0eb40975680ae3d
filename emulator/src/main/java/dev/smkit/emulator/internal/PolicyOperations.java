package dev.smkit.emulator.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * Resource policies: Get, Put, Delete and ValidateResourcePolicy. Policies are stored as given and replicated with the
 * secret. Validation checks JSON syntax and the IAM policy structure; "broad access" is a statement that allows a
 * principal of {@code *} (or {@code {"AWS": "*"}}) without a Condition.
 */
final class PolicyOperations {
    static final int MAX_POLICY_LENGTH = 20_480;
    private static final JsonNodeParser PARSER = JsonNodeParser.builder().removeErrorLocations(true).build();
    private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Principal", "NotPrincipal", "Action",
            "NotAction", "Resource", "NotResource", "Condition");
    private static final Set<String> POLICY_KEYS = Set.of("Version", "Id", "Statement");

    private final SecretStore store;

    PolicyOperations(SecretStore store) {
        this.store = store;
    }

    byte[] getResourcePolicy(Params params) {
        String secretId = params.secretId();
        return store.locked(secretId, secret -> JsonOut.object().field("ARN", secret.arn).field("Name", secret.name)
                .field("ResourcePolicy", secret.resourcePolicy).toBytes());
    }

    byte[] putResourcePolicy(Params params) {
        String secretId = params.secretId();
        String policy = params.requiredString("ResourcePolicy", 1, MAX_POLICY_LENGTH);
        boolean blockPublic = params.bool("BlockPublicPolicy", false);
        Check check = check(policy);
        if (check.malformed != null) {
            throw ApiException.of(400, "MalformedPolicyDocumentException", check.malformed);
        }
        if (!check.structureErrors.isEmpty()) {
            throw ApiException.of(400, "MalformedPolicyDocumentException", check.structureErrors.get(0));
        }
        if (blockPublic && check.broadAccess) {
            throw ApiException.of(400, "PublicPolicyException",
                    "This resource policy would give public access to the secret: a statement allows Principal * "
                            + "without a Condition.");
        }
        return store.locked(secretId, secret -> {
            ReplicationOperations.requireWritable(secret);
            if (secret.isDeleted()) {
                throw ApiException.markedForDeletion();
            }
            secret.resourcePolicy = policy;
            secret.lastChangedDate = store.now();
            return JsonOut.object().field("ARN", secret.arn).field("Name", secret.name).toBytes();
        });
    }

    byte[] deleteResourcePolicy(Params params) {
        String secretId = params.secretId();
        return store.locked(secretId, secret -> {
            ReplicationOperations.requireWritable(secret);
            if (secret.isDeleted()) {
                throw ApiException.markedForDeletion();
            }
            secret.resourcePolicy = null;
            secret.lastChangedDate = store.now();
            return JsonOut.object().field("ARN", secret.arn).field("Name", secret.name).toBytes();
        });
    }

    /** SecretId is optional; when given the secret must exist. */
    byte[] validateResourcePolicy(Params params) {
        String secretId = params.string("SecretId", 1, 2048);
        String policy = params.requiredString("ResourcePolicy", 1, MAX_POLICY_LENGTH);
        if (secretId != null) {
            Params.checkNameUnlessArn(secretId);
            store.locked(secretId, secret -> null);
        }
        Check check = check(policy);
        if (check.malformed != null) {
            throw ApiException.of(400, "MalformedPolicyDocumentException", check.malformed);
        }
        List<String[]> errors = new ArrayList<>();
        for (String error : check.structureErrors) {
            errors.add(new String[] {"POLICY_STRUCTURE", error});
        }
        if (check.broadAccess) {
            errors.add(new String[] {"BROAD_ACCESS",
                "A statement allows Principal * without a Condition: the policy grants public access to the secret."});
        }
        JsonOut out = JsonOut.object().field("PolicyValidationPassed", errors.isEmpty());
        if (!errors.isEmpty()) {
            out.beginArray("ValidationErrors");
            for (String[] error : errors) {
                out.beginObject().field("CheckName", error[0]).field("ErrorMessage", error[1]).endObject();
            }
            out.endArray();
        }
        return out.toBytes();
    }

    /** What a policy check found. */
    static final class Check {
        String malformed;
        final List<String> structureErrors = new ArrayList<>();
        boolean broadAccess;
    }

    static Check check(String policy) {
        Check check = new Check();
        JsonNode root;
        try {
            root = PARSER.parse(policy);
        } catch (RuntimeException e) {
            check.malformed = "This resource policy contains a syntax error: it is not valid JSON.";
            return check;
        }
        if (root == null || !root.isObject()) {
            check.malformed = "This resource policy contains a syntax error: it must be a JSON object.";
            return check;
        }
        Map<String, JsonNode> fields = root.asObject();
        for (String key : fields.keySet()) {
            if (!POLICY_KEYS.contains(key)) {
                check.structureErrors.add("Unknown policy element " + key + ".");
            }
        }
        JsonNode version = fields.get("Version");
        if (version != null && !(version.isString()
                && (version.asString().equals("2012-10-17") || version.asString().equals("2008-10-17")))) {
            check.structureErrors.add("Version must be 2012-10-17 or 2008-10-17.");
        }
        JsonNode statement = fields.get("Statement");
        List<JsonNode> statements = new ArrayList<>();
        if (statement == null) {
            check.structureErrors.add("The policy has no Statement.");
        } else if (statement.isObject()) {
            statements.add(statement);
        } else if (statement.isArray() && !statement.asArray().isEmpty()) {
            statements.addAll(statement.asArray());
        } else {
            check.structureErrors.add("Statement must be an object or a non-empty array of objects.");
        }
        int index = 0;
        for (JsonNode node : statements) {
            index++;
            if (!node.isObject()) {
                check.structureErrors.add("Statement " + index + " must be an object.");
                continue;
            }
            checkStatement(node.asObject(), index, check);
        }
        return check;
    }

    private static void checkStatement(Map<String, JsonNode> statement, int index, Check check) {
        String where = "Statement " + index + ": ";
        for (String key : statement.keySet()) {
            if (!STATEMENT_KEYS.contains(key)) {
                check.structureErrors.add(where + "unknown element " + key + ".");
            }
        }
        JsonNode effect = statement.get("Effect");
        if (effect == null || !effect.isString()
                || !(effect.asString().equals("Allow") || effect.asString().equals("Deny"))) {
            check.structureErrors.add(where + "Effect must be Allow or Deny.");
        }
        if (statement.containsKey("Action") == statement.containsKey("NotAction")) {
            check.structureErrors.add(where + "exactly one of Action and NotAction is required.");
        }
        if (statement.containsKey("Principal") == statement.containsKey("NotPrincipal")) {
            check.structureErrors.add(where + "a resource policy statement needs exactly one of Principal and "
                    + "NotPrincipal.");
        }
        if (statement.containsKey("Resource") && statement.containsKey("NotResource")) {
            check.structureErrors.add(where + "Resource and NotResource cannot both be given.");
        }
        for (String key : new String[] {"Action", "NotAction", "Resource", "NotResource"}) {
            JsonNode node = statement.get(key);
            if (node != null && !isStringOrStrings(node)) {
                check.structureErrors.add(where + key + " must be a string or an array of strings.");
            }
        }
        JsonNode condition = statement.get("Condition");
        if (condition != null && !condition.isObject()) {
            check.structureErrors.add(where + "Condition must be an object.");
        }
        boolean allows = effect != null && effect.isString() && effect.asString().equals("Allow");
        boolean unconditioned = condition == null || (condition.isObject() && condition.asObject().isEmpty());
        JsonNode principal = statement.get("Principal");
        if (allows && unconditioned && ((principal != null && isWildcard(principal))
                || statement.containsKey("NotPrincipal"))) {
            check.broadAccess = true;
        }
    }

    private static boolean isWildcard(JsonNode principal) {
        if (principal.isString()) {
            return principal.asString().equals("*");
        }
        if (principal.isObject()) {
            JsonNode aws = principal.asObject().get("AWS");
            if (aws == null) {
                return false;
            }
            if (aws.isString()) {
                return aws.asString().equals("*");
            }
            if (aws.isArray()) {
                for (JsonNode element : aws.asArray()) {
                    if (element.isString() && element.asString().equals("*")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static boolean isStringOrStrings(JsonNode node) {
        if (node.isString()) {
            return true;
        }
        if (!node.isArray()) {
            return false;
        }
        for (JsonNode element : node.asArray()) {
            if (!element.isString()) {
                return false;
            }
        }
        return true;
    }
}
