package dev.smkit.emulator.internal;

/** Reads for the emulator's side doors (the Agent endpoint): no API call, same lookup and version choice. */
public final class SecretReads {
    private SecretReads() {
    }

    /**
     * GetSecretValue as the Agent serialises it: ARN, Name, VersionId, SecretString or SecretBinary, VersionStages,
     * CreatedDate (epoch seconds). Throws {@link ApiException} as GetSecretValue would.
     */
    public static byte[] agentValue(SecretStore store, String secretId, String versionId, String versionStage) {
        Params.checkNameUnlessArn(secretId);
        return store.locked(secretId, secret -> {
            if (secret.isDeleted()) {
                throw ApiException.markedForDeletion();
            }
            SecretVersion version = SecretOperations.select(secret, versionId, versionStage);
            JsonOut out = JsonOut.object().field("ARN", secret.arn).field("Name", secret.name)
                    .field("VersionId", version.id);
            version.value.writeTo(out);
            return out.strings("VersionStages", secret.stagesOf(version.id)).field("CreatedDate", version.createdDate)
                    .toBytes();
        });
    }
}
