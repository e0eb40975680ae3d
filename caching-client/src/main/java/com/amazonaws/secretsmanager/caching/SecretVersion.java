package com.amazonaws.secretsmanager.caching;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * One immutable version of a secret as fetched from Secrets Manager. {@link #toString()} shows identifiers and
 * stages only, never the value.
 */
public final class SecretVersion {

    private final String secretId;
    private final String arn;
    private final String name;
    private final String versionId;
    private final List<String> versionStages;
    private final Instant createdDate;
    private final String secretString;
    private final ByteBuffer secretBinary;

    private SecretVersion(String secretId, String arn, String name, String versionId, List<String> versionStages,
            Instant createdDate, String secretString, ByteBuffer secretBinary) {
        this.secretId = secretId;
        this.arn = arn;
        this.name = name;
        this.versionId = versionId;
        this.versionStages = versionStages;
        this.createdDate = createdDate;
        this.secretString = secretString;
        this.secretBinary = secretBinary;
    }

    static SecretVersion of(String secretId, GetSecretValueResponse response) {
        return new SecretVersion(secretId, response.arn(), response.name(), response.versionId(),
                Collections.unmodifiableList(response.versionStages()), response.createdDate(),
                response.secretString(),
                response.secretBinary() == null ? null : response.secretBinary().asByteBuffer());
    }

    /** The secret ID as the application passed it to the cache (a name or an ARN). */
    public String getSecretId() {
        return secretId;
    }

    public String getArn() {
        return arn;
    }

    public String getName() {
        return name;
    }

    public String getVersionId() {
        return versionId;
    }

    /** The stages this version carried when it was fetched. */
    public List<String> getVersionStages() {
        return versionStages;
    }

    public Instant getCreatedDate() {
        return createdDate;
    }

    /** The string value, or null for a secret stored as binary only. */
    public String getSecretString() {
        return secretString;
    }

    /** A new read-only view of the binary value, or null for a secret stored as a string only. */
    public ByteBuffer getSecretBinary() {
        return secretBinary == null ? null : secretBinary.duplicate();
    }

    @Override
    public String toString() {
        return "SecretVersion{secretId=" + secretId + ", versionId=" + versionId + ", versionStages=" + versionStages
                + '}';
    }
}
