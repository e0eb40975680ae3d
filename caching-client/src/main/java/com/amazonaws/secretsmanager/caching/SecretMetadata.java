package com.amazonaws.secretsmanager.caching;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** What the last DescribeSecret said about a cached secret. Holds no secret value. */
public final class SecretMetadata {

    private final String secretId;
    private final DescribeSecretResponse describe;
    private final Map<String, List<String>> versionIdsToStages;
    private final Map<String, String> tags;

    SecretMetadata(String secretId, DescribeSecretResponse describe) {
        this.secretId = secretId;
        this.describe = describe;
        this.versionIdsToStages = Collections.unmodifiableMap(new LinkedHashMap<>(describe.versionIdsToStages()));
        Map<String, String> tagMap = new LinkedHashMap<>();
        for (Tag tag : describe.tags()) {
            tagMap.put(tag.key(), tag.value());
        }
        this.tags = Collections.unmodifiableMap(tagMap);
    }

    /** The secret ID as the application passed it to the cache. */
    public String getSecretId() {
        return secretId;
    }

    public String getArn() {
        return describe.arn();
    }

    public String getName() {
        return describe.name();
    }

    public String getDescription() {
        return describe.description();
    }

    public String getKmsKeyId() {
        return describe.kmsKeyId();
    }

    /** Version ID to the stages it carries, as DescribeSecret listed them. */
    public Map<String, List<String>> getVersionIdsToStages() {
        return versionIdsToStages;
    }

    /** The version carrying {@code versionStage}, or null if none does. */
    public String getVersionIdForStage(String versionStage) {
        for (Map.Entry<String, List<String>> version : versionIdsToStages.entrySet()) {
            if (version.getValue() != null && version.getValue().contains(versionStage)) {
                return version.getKey();
            }
        }
        return null;
    }

    public Map<String, String> getTags() {
        return tags;
    }

    public Instant getCreatedDate() {
        return describe.createdDate();
    }

    public Instant getLastChangedDate() {
        return describe.lastChangedDate();
    }

    public Instant getLastAccessedDate() {
        return describe.lastAccessedDate();
    }

    public Instant getLastRotatedDate() {
        return describe.lastRotatedDate();
    }

    public Instant getNextRotationDate() {
        return describe.nextRotationDate();
    }

    public Instant getDeletedDate() {
        return describe.deletedDate();
    }

    /** Null when DescribeSecret did not say. */
    public Boolean getRotationEnabled() {
        return describe.rotationEnabled();
    }

    public String getRotationLambdaArn() {
        return describe.rotationLambdaARN();
    }

    @Override
    public String toString() {
        return "SecretMetadata{secretId=" + secretId + ", arn=" + getArn() + ", versionIdsToStages="
                + versionIdsToStages + '}';
    }
}
