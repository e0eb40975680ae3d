package com.amazonaws.secretsmanager.caching;

/** Which secret changed version, and from which version to which. It never carries a secret value. */
public final class SecretChangeEvent {

    private final String secretId;
    private final String versionStage;
    private final String previousVersionId;
    private final String newVersionId;

    SecretChangeEvent(String secretId, String versionStage, String previousVersionId, String newVersionId) {
        this.secretId = secretId;
        this.versionStage = versionStage;
        this.previousVersionId = previousVersionId;
        this.newVersionId = newVersionId;
    }

    /** The secret ID as the application passed it to the cache. */
    public String getSecretId() {
        return secretId;
    }

    /** The stage that moved (the cache's configured stage). */
    public String getVersionStage() {
        return versionStage;
    }

    /** The version that held the stage before; null if no version held it. */
    public String getPreviousVersionId() {
        return previousVersionId;
    }

    /** The version that holds the stage now; null if no version holds it any more. */
    public String getNewVersionId() {
        return newVersionId;
    }

    @Override
    public String toString() {
        return "SecretChangeEvent{secretId=" + secretId + ", versionStage=" + versionStage
                + ", previousVersionId=" + previousVersionId + ", newVersionId=" + newVersionId + '}';
    }
}
