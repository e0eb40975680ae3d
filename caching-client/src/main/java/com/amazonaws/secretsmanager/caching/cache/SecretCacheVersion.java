package com.amazonaws.secretsmanager.caching.cache;

import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.caching.internal.SecretLoader;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * One version of a secret, fetched once by GetSecretValue with its version ID and kept (a version's contents never
 * change), as in the AWS caching client. Only {@link #refreshNow()} or a failed fetch makes it call again.
 *
 * <p>Kept for code written against the AWS caching client; {@link com.amazonaws.secretsmanager.caching.SecretCache}
 * does not use it. See {@link SecretCacheObject}.
 */
public class SecretCacheVersion extends SecretCacheObject<GetSecretValueResponse> {

    private final String versionId;

    /**
     * @param config null for the defaults
     * @throws IllegalArgumentException if {@code secretId}, {@code versionId} or {@code client} is null
     */
    public SecretCacheVersion(String secretId, String versionId, SecretsManagerClient client,
            SecretCacheConfiguration config) {
        super(secretId, client, config);
        if (versionId == null) {
            throw new IllegalArgumentException("versionId must not be null");
        }
        this.versionId = versionId;
    }

    @Override
    protected GetSecretValueResponse executeRefresh() {
        return client.getSecretValue(SecretLoader.getSecretValueRequest(secretId, versionId));
    }

    @Override
    protected GetSecretValueResponse getSecretValue(GetSecretValueResponse result) {
        return result;
    }

    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (obj == null || obj.getClass() != getClass()) {
            return false;
        }
        SecretCacheVersion other = (SecretCacheVersion) obj;
        return secretId.equals(other.secretId) && versionId.equals(other.versionId);
    }

    @Override
    public int hashCode() {
        return 31 * secretId.hashCode() + versionId.hashCode();
    }

    @Override
    public String toString() {
        return "SecretCacheVersion{secretId=" + secretId + ", versionId=" + versionId + '}';
    }
}
