package dev.smkit.emulator.internal;

import java.util.List;
import java.util.Map;

/** The DescribeSecret / ListSecrets entry fields of a secret (caller holds its monitor). */
final class Descriptions {
    private Descriptions() {
    }

    /** {@code versionMapName} is VersionIdsToStages for DescribeSecret and SecretVersionsToStages for ListSecrets. */
    static void write(JsonOut out, Secret secret, String versionMapName, Regions regions) {
        out.field("ARN", secret.arn).field("Name", secret.name).field("Type", secret.type)
                .field("Description", secret.description).field("KmsKeyId", secret.kmsKeyId);
        if (secret.rotationEnabled) {
            out.field("RotationEnabled", true);
        } else if (secret.rotationConfigured) {
            out.field("RotationEnabled", false); // rotation was configured, then cancelled
        }
        out.field("RotationLambdaARN", secret.rotationLambdaArn);
        Secret.RotationRules rules = secret.rotationRules;
        if (rules != null) {
            out.beginObject("RotationRules");
            if (rules.automaticallyAfterDays != null) {
                out.field("AutomaticallyAfterDays", rules.automaticallyAfterDays.longValue());
            }
            out.field("Duration", rules.duration).field("ScheduleExpression", rules.scheduleExpression).endObject();
        }
        out.field("LastRotatedDate", secret.lastRotatedDate).field("LastChangedDate", secret.lastChangedDate)
                .field("LastAccessedDate", secret.lastAccessedDate).field("DeletedDate", secret.deletedDate)
                .field("NextRotationDate", secret.nextRotationDate);
        Tags.write(out, secret.tags);
        Map<String, List<String>> stages = secret.versionIdsToStages();
        if (!stages.isEmpty()) {
            out.beginObject(versionMapName);
            for (Map.Entry<String, List<String>> entry : stages.entrySet()) {
                out.strings(entry.getKey(), entry.getValue());
            }
            out.endObject();
        }
        out.field("CreatedDate", secret.createdDate).field("PrimaryRegion", secret.primaryRegion());
        ReplicationOperations.writeStatus(out, secret, regions);
    }
}
