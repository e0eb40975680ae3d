package dev.smkit.emulator.internal;

import java.util.Map;

/** The operation table: X-Amz-Target operation name → handler. */
final class Operations {
    interface Operation {
        byte[] handle(Params params);
    }

    private final Map<String, Operation> table;

    Operations(SecretStore store, RotationRegistry rotations) {
        SecretOperations secrets = new SecretOperations(store);
        ListOperations lists = new ListOperations(store, secrets);
        RotationOperations rotation = new RotationOperations(store, secrets, rotations);
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
                Map.entry("GetRandomPassword", PasswordGenerator::getRandomPassword));
    }

    Operation get(String name) {
        return table.get(name);
    }
}
