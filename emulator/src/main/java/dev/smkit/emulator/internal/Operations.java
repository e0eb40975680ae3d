package dev.smkit.emulator.internal;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The operation table of one region: X-Amz-Target operation name → handler. */
final class Operations {
    interface Operation {
        byte[] handle(Params params);
    }

    /** Every operation of the Secrets Manager API (the SDK's service model has these 23). */
    static final Set<String> NAMES;

    static {
        Set<String> names = new TreeSet<>();
        for (String name : new String[] {"BatchGetSecretValue", "CancelRotateSecret", "CreateSecret",
            "DeleteResourcePolicy", "DeleteSecret", "DescribeSecret", "GetRandomPassword", "GetResourcePolicy",
            "GetSecretValue", "ListSecretVersionIds", "ListSecrets", "PutResourcePolicy", "PutSecretValue",
            "RemoveRegionsFromReplication", "ReplicateSecretToRegions", "RestoreSecret", "RotateSecret",
            "StopReplicationToReplica", "TagResource", "UntagResource", "UpdateSecret", "UpdateSecretVersionStage",
            "ValidateResourcePolicy"}) {
            names.add(name);
        }
        NAMES = java.util.Collections.unmodifiableSet(names);
    }

    private final Map<String, Operation> table;

    Operations(SecretStore store, RotationRegistry registry, RotationRunner runner) {
        ReplicationOperations replication = new ReplicationOperations(store);
        SecretOperations secrets = new SecretOperations(store, runner, replication);
        ListOperations lists = new ListOperations(store, secrets);
        RotationOperations rotation = new RotationOperations(store, registry, runner);
        PolicyOperations policies = new PolicyOperations(store);
        table = Map.ofEntries(
                Map.entry("CreateSecret", secrets::createSecret),
                Map.entry("GetSecretValue", secrets::getSecretValue),
                Map.entry("DescribeSecret", secrets::describeSecret),
                Map.entry("PutSecretValue", secrets::putSecretValue),
                Map.entry("UpdateSecret", secrets::updateSecret),
                Map.entry("UpdateSecretVersionStage", secrets::updateSecretVersionStage),
                Map.entry("DeleteSecret", secrets::deleteSecret),
                Map.entry("RestoreSecret", secrets::restoreSecret),
                Map.entry("TagResource", secrets::tagResource),
                Map.entry("UntagResource", secrets::untagResource),
                Map.entry("BatchGetSecretValue", lists::batchGetSecretValue),
                Map.entry("ListSecrets", lists::listSecrets),
                Map.entry("ListSecretVersionIds", lists::listSecretVersionIds),
                Map.entry("RotateSecret", rotation::rotateSecret),
                Map.entry("CancelRotateSecret", rotation::cancelRotateSecret),
                Map.entry("GetRandomPassword", PasswordGenerator::getRandomPassword),
                Map.entry("GetResourcePolicy", policies::getResourcePolicy),
                Map.entry("PutResourcePolicy", policies::putResourcePolicy),
                Map.entry("DeleteResourcePolicy", policies::deleteResourcePolicy),
                Map.entry("ValidateResourcePolicy", policies::validateResourcePolicy),
                Map.entry("ReplicateSecretToRegions", replication::replicateSecretToRegions),
                Map.entry("RemoveRegionsFromReplication", replication::removeRegionsFromReplication),
                Map.entry("StopReplicationToReplica", replication::stopReplicationToReplica));
        if (!table.keySet().equals(NAMES)) {
            throw new IllegalStateException("Operation table and NAMES disagree");
        }
    }

    /** The operation names the emulator implements. */
    public static Set<String> names() {
        return NAMES;
    }

    Operation get(String name) {
        return table.get(name);
    }
}
