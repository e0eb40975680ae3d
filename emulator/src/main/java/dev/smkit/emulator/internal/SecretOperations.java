package dev.smkit.emulator.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The operations that read or write one secret. Each method is an {@link Operation}. */
final class SecretOperations {
    private final SecretStore store;
    private final RotationRunner rotations;
    private final ReplicationOperations replication;

    SecretOperations(SecretStore store, RotationRunner rotations, ReplicationOperations replication) {
        this.store = store;
        this.rotations = rotations;
        this.replication = replication;
    }

    byte[] createSecret(Params params) {
        String name = params.requiredString("Name", 1, 512);
        Params.checkName(name);
        SecretValue value = params.secretValue();
        String token = params.clientRequestToken(value != null);
        String description = params.string("Description", 0, 2048);
        String kmsKeyId = params.string("KmsKeyId", 0, 2048);
        String type = params.string("Type", 0, 256);
        Map<String, String> tags = Tags.parse(params.objects("Tags", 0, Integer.MAX_VALUE));
        Tags.checkQuota(tags.size());
        List<String[]> replicaRegions = ReplicationOperations.parseRegions(params, "AddReplicaRegions", store.region());
        boolean forceOverwrite = params.bool("ForceOverwriteReplicaSecret", false);
        while (true) {
            Instant now = store.now();
            Secret fresh = new Secret(name, store.newArn(name), now);
            fresh.description = description;
            fresh.kmsKeyId = kmsKeyId;
            fresh.type = type;
            fresh.tags.putAll(tags);
            String versionId = null;
            if (value != null) {
                versionId = token;
                fresh.addVersion(new SecretVersion(versionId, value, now, kmsKeyId), null);
            }
            Secret holder;
            synchronized (fresh) { // replicas are made under the new primary's monitor, before anyone can write it
                holder = store.putIfAbsent(fresh);
                if (holder == fresh) {
                    if (replicaRegions != null) {
                        replication.addReplicas(fresh, replicaRegions, forceOverwrite);
                    }
                    JsonOut out = JsonOut.object().field("ARN", fresh.arn).field("Name", name)
                            .field("VersionId", versionId);
                    ReplicationOperations.writeStatus(out, fresh, store.regions());
                    return out.toBytes();
                }
            }
            synchronized (holder) {
                if (holder.removed || store.expireIfDue(holder)) {
                    continue; // force-deleted meanwhile, or its recovery window lapsed: the name is free again
                }
                if (holder.isDeleted()) {
                    throw ApiException.invalidRequest(
                            "You can't create this secret because a secret with this name is already scheduled for deletion.");
                }
                // A retried CreateSecret (same token, same value) succeeds without a change, as the idempotency token promises.
                SecretVersion existing = token == null ? null : holder.versions.get(token);
                if (existing != null && existing.value.equals(value)) {
                    return JsonOut.object().field("ARN", holder.arn).field("Name", name).field("VersionId", token).toBytes();
                }
                throw ApiException.resourceExists("The operation failed because the secret " + name + " already exists.");
            }
        }
    }

    byte[] getSecretValue(Params params) {
        String secretId = params.secretId();
        String versionId = params.string("VersionId", 32, 64);
        String versionStage = params.string("VersionStage", 1, 256);
        return store.locked(secretId, secret -> {
            if (secret.isDeleted()) {
                throw ApiException.markedForDeletion();
            }
            SecretVersion version = select(secret, versionId, versionStage);
            markAccessed(secret, version);
            JsonOut out = JsonOut.object().field("ARN", secret.arn).field("Name", secret.name).field("VersionId", version.id);
            version.value.writeTo(out);
            return out.strings("VersionStages", secret.stagesOf(version.id))
                    .field("CreatedDate", version.createdDate).toBytes();
        });
    }

    /** GetSecretValue's version choice; also used by BatchGetSecretValue (AWSCURRENT). */
    static SecretVersion select(Secret secret, String versionId, String versionStage) {
        if (versionId != null) {
            SecretVersion version = secret.versions.get(versionId);
            if (version == null) {
                throw ApiException.notFound("Secrets Manager can't find the specified secret value for VersionId: " + versionId);
            }
            if (versionStage != null && !versionId.equals(secret.versionWith(versionStage))) {
                throw ApiException.invalidRequest(
                        "You provided a VersionStage that is not associated to the provided VersionId.");
            }
            return version;
        }
        String stage = versionStage == null ? Secret.CURRENT : versionStage;
        String id = secret.versionWith(stage);
        if (id == null) {
            throw ApiException.notFound("Secrets Manager can't find the specified secret value for staging label: " + stage);
        }
        return secret.versions.get(id);
    }

    /** AWS records reads with day precision. */
    void markAccessed(Secret secret, SecretVersion version) {
        Instant day = store.now().truncatedTo(ChronoUnit.DAYS);
        secret.lastAccessedDate = day;
        version.lastAccessedDate = day;
    }

    byte[] describeSecret(Params params) {
        String secretId = params.secretId();
        return store.locked(secretId, secret -> {
            JsonOut out = JsonOut.object();
            Descriptions.write(out, secret, "VersionIdsToStages", store.regions());
            return out.toBytes();
        });
    }

    byte[] putSecretValue(Params params) {
        String secretId = params.secretId();
        String token = params.clientRequestToken(true);
        SecretValue value = params.secretValue();
        if (value == null) {
            throw ApiException.invalidRequest("You must provide either SecretString or SecretBinary.");
        }
        List<String> stages = params.strings("VersionStages", 1, 20, 1, 256);
        return store.locked(secretId, secret -> {
            ReplicationOperations.requireWritable(secret);
            if (secret.isDeleted()) {
                throw ApiException.markedForDeletion();
            }
            writeManually(secret, token, value, stages);
            return JsonOut.object().field("ARN", secret.arn).field("Name", secret.name).field("VersionId", token)
                    .strings("VersionStages", secret.stagesOf(token)).toBytes();
        });
    }

    /**
     * Stores {@code value} as version {@code token}. The same token with the same value is a no-op (a retry); with another
     * value it is an error. Returns whether a version was added.
     */
    static boolean writeVersion(Secret secret, String token, SecretValue value, List<String> stages, Instant now) {
        SecretVersion existing = secret.versions.get(token);
        if (existing != null) {
            if (existing.value.equals(value)) {
                return false;
            }
            throw ApiException.resourceExists("You can't use ClientRequestToken " + token
                    + " because that value is already in use for a version of secret " + secret.arn + ".");
        }
        secret.addVersion(new SecretVersion(token, value, now, secret.kmsKeyId), stages);
        return true;
    }

    /**
     * A PutSecretValue/UpdateSecret write. AWS counts a new AWSCURRENT value written while rotation is on as a rotation
     * when it computes the next rotation date, so the schedule restarts from now.
     */
    private void writeManually(Secret secret, String token, SecretValue value, List<String> stages) {
        Instant now = store.now();
        if (writeVersion(secret, token, value, stages, now) && secret.rotationEnabled
                && token.equals(secret.versionWith(Secret.CURRENT))) {
            rotations.schedule(secret, now);
        }
    }

    byte[] updateSecret(Params params) {
        String secretId = params.secretId();
        SecretValue value = params.secretValue();
        String token = params.clientRequestToken(value != null);
        String description = params.string("Description", 0, 2048);
        String kmsKeyId = params.string("KmsKeyId", 0, 2048);
        String type = params.string("Type", 0, 256);
        return store.locked(secretId, secret -> {
            ReplicationOperations.requireWritable(secret);
            if (secret.isDeleted()) {
                throw ApiException.markedForDeletion();
            }
            if (kmsKeyId != null) {
                secret.kmsKeyId = kmsKeyId; // before the write: the new version is encrypted with the new key
            }
            if (value != null) {
                writeManually(secret, token, value, null);
            }
            if (description != null) {
                secret.description = description;
            }
            if (type != null) {
                secret.type = type;
            }
            secret.lastChangedDate = store.now();
            // VersionId only when a version was made, as AWS answers a description-only update.
            return JsonOut.object().field("ARN", secret.arn).field("Name", secret.name)
                    .field("VersionId", value != null ? token : null).toBytes();
        });
    }

    byte[] updateSecretVersionStage(Params params) {
        String secretId = params.secretId();
        String stage = params.requiredString("VersionStage", 1, 256);
        String removeFrom = params.string("RemoveFromVersionId", 32, 64);
        String moveTo = params.string("MoveToVersionId", 32, 64);
        return store.locked(secretId, secret -> {
            ReplicationOperations.requireWritable(secret);
            if (secret.isDeleted()) {
                throw ApiException.markedForDeletion();
            }
            moveStage(secret, stage, removeFrom, moveTo);
            secret.lastChangedDate = store.now();
            return JsonOut.object().field("ARN", secret.arn).field("Name", secret.name).toBytes();
        });
    }

    static void moveStage(Secret secret, String stage, String removeFrom, String moveTo) {
        if (removeFrom == null && moveTo == null) {
            throw ApiException.invalidParameter("You must specify RemoveFromVersionId, MoveToVersionId or both.");
        }
        for (String id : new String[] {removeFrom, moveTo}) {
            if (id != null && !secret.versions.containsKey(id)) {
                throw ApiException.invalidParameter("Not a valid version: " + id);
            }
        }
        String holder = secret.versionWith(stage);
        if (removeFrom != null && !removeFrom.equals(holder)) {
            throw ApiException.invalidParameter(holder == null
                    ? "Staging label " + stage + " is not attached to any version, so RemoveFromVersionId "
                            + removeFrom + " cannot hold it; leave RemoveFromVersionId out."
                    : "Staging label " + stage + " is attached to version " + holder + ", not to version " + removeFrom
                            + " given in RemoveFromVersionId.");
        }
        if (holder != null && !holder.equals(moveTo) && !holder.equals(removeFrom)) {
            throw ApiException.invalidParameter("The parameter RemoveFromVersionId can't be empty. Staging label " + stage
                    + " is currently attached to version " + holder
                    + ", so you must explicitly reference that version in RemoveFromVersionId.");
        }
        if (moveTo == null) {
            if (stage.equals(Secret.CURRENT)) {
                throw ApiException.invalidParameter(
                        "You can't remove the staging label AWSCURRENT without moving it to another version.");
            }
            secret.detach(stage);
        } else {
            secret.attach(stage, moveTo, false);
        }
    }

    byte[] deleteSecret(Params params) {
        String secretId = params.secretId();
        Long window = params.longValue("RecoveryWindowInDays");
        boolean force = params.bool("ForceDeleteWithoutRecovery", false);
        if (force && window != null) {
            throw ApiException.invalidParameter(
                    "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
        }
        if (window != null && (window < 7 || window > 30)) {
            throw ApiException.invalidParameter("The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
        }
        try {
            return store.locked(secretId, secret -> {
                ReplicationOperations.requireWritable(secret);
                if (!secret.replicas.isEmpty()) {
                    throw ApiException.invalidRequest("You can't delete secret " + secret.name
                            + " while it is replicated to " + ReplicationOperations.regionList(secret.replicas)
                            + ". Remove the replicas first with RemoveRegionsFromReplication.");
                }
                Instant now = store.now();
                if (force) {
                    store.remove(secret);
                    return JsonOut.object().field("ARN", secret.arn).field("Name", secret.name)
                            .field("DeletionDate", now).toBytes();
                }
                if (secret.isDeleted()) {
                    throw ApiException.invalidRequest(
                            "You tried to perform the operation on a secret that's currently marked deleted.");
                }
                secret.deletedDate = now;
                secret.deletionDate = now.plus(Duration.ofDays(window == null ? 30 : window));
                secret.lastChangedDate = now;
                return JsonOut.object().field("ARN", secret.arn).field("Name", secret.name)
                        .field("DeletionDate", secret.deletionDate).toBytes();
            });
        } catch (ApiException notFound) {
            if (!force || !notFound.code().equals("ResourceNotFoundException")) {
                throw notFound;
            }
            // AWS answers a forced delete of an unknown secret as if it had existed.
            String name = secretId.startsWith("arn:") ? secretId.substring(secretId.lastIndexOf(':') + 1) : secretId;
            String arn = secretId.startsWith("arn:") ? secretId : store.newArn(name);
            return JsonOut.object().field("ARN", arn).field("Name", name).field("DeletionDate", store.now()).toBytes();
        }
    }

    byte[] restoreSecret(Params params) {
        String secretId = params.secretId();
        return store.locked(secretId, secret -> {
            ReplicationOperations.requireWritable(secret);
            secret.deletedDate = null;
            secret.deletionDate = null;
            secret.lastChangedDate = store.now();
            return JsonOut.object().field("ARN", secret.arn).field("Name", secret.name).toBytes();
        });
    }

    byte[] tagResource(Params params) {
        String secretId = params.secretId();
        List<Params> tagList = params.objects("Tags", 0, Integer.MAX_VALUE);
        if (tagList == null) {
            throw Params.missing("Tags");
        }
        Map<String, String> tags = Tags.parse(tagList);
        return store.locked(secretId, secret -> {
            ReplicationOperations.requireWritable(secret);
            if (secret.isDeleted()) {
                throw ApiException.markedForDeletion();
            }
            Map<String, String> merged = new java.util.HashMap<>(secret.tags);
            merged.putAll(tags);
            Tags.checkQuota(merged.size());
            secret.tags.putAll(tags);
            secret.lastChangedDate = store.now();
            return JsonOut.empty();
        });
    }

    byte[] untagResource(Params params) {
        String secretId = params.secretId();
        List<String> keys = params.strings("TagKeys", 0, Integer.MAX_VALUE, 1, 128);
        if (keys == null) {
            throw Params.missing("TagKeys");
        }
        return store.locked(secretId, secret -> {
            ReplicationOperations.requireWritable(secret);
            if (secret.isDeleted()) {
                throw ApiException.markedForDeletion();
            }
            secret.tags.keySet().removeAll(keys);
            secret.lastChangedDate = store.now();
            return JsonOut.empty();
        });
    }

    /** A fresh token for callers that did not send one (raw HTTP clients on operations where AWS makes one up). */
    static String newToken() {
        return UUID.randomUUID().toString();
    }
}
