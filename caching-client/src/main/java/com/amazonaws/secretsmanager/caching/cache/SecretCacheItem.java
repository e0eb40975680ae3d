package com.amazonaws.secretsmanager.caching.cache;

import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.caching.internal.SecretLoader;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * One secret: its DescribeSecret result, checked again after a TTL drawn from [TTL/2, TTL] (0: on every read), and
 * the versions fetched for it (the 10 most recently used), as in the AWS caching client. The value returned is the
 * one of the version carrying the configured stage; null if no version carries it.
 *
 * <p>Kept for code written against the AWS caching client; {@link com.amazonaws.secretsmanager.caching.SecretCache}
 * does not use it. See {@link SecretCacheObject}.
 */
public class SecretCacheItem extends SecretCacheObject<DescribeSecretResponse> {

    private static final int VERSIONS_KEPT = 10;

    private final LRUCache<String, SecretCacheVersion> versions = new LRUCache<>(VERSIONS_KEPT);
    /** Ticker reading from which the next read checks again; written after each successful DescribeSecret. */
    private volatile long nextCheckAt;

    /**
     * @param config null for the defaults
     * @throws IllegalArgumentException if {@code secretId} or {@code client} is null
     */
    public SecretCacheItem(String secretId, SecretsManagerClient client, SecretCacheConfiguration config) {
        super(secretId, client, config);
    }

    /** Also after the TTL, unless the last refresh failed (its backoff decides then). */
    @Override
    protected boolean isRefreshNeeded() {
        if (super.isRefreshNeeded()) {
            return true;
        }
        synchronized (lock) {
            if (exception != null) {
                return false;
            }
        }
        return now() - nextCheckAt >= 0;
    }

    @Override
    protected DescribeSecretResponse executeRefresh() {
        DescribeSecretResponse describe = client.describeSecret(SecretLoader.describeSecretRequest(secretId));
        nextCheckAt = now() + backoff().nextTtl();
        return describe;
    }

    @Override
    protected GetSecretValueResponse getSecretValue(DescribeSecretResponse describe) {
        if (describe == null) {
            return null;
        }
        String versionId = SecretLoader.versionIdFor(describe, config.getVersionStage());
        if (versionId == null) {
            return null;
        }
        SecretCacheVersion version = versions.get(versionId);
        if (version == null) {
            version = new SecretCacheVersion(secretId, versionId, client, config);
            versions.put(versionId, version);
        }
        return version.getSecretValue();
    }

    @Override
    public boolean equals(Object obj) {
        if (this == obj) {
            return true;
        }
        if (obj == null || obj.getClass() != getClass()) {
            return false;
        }
        SecretCacheItem other = (SecretCacheItem) obj;
        return secretId.equals(other.secretId);
    }

    @Override
    public int hashCode() {
        return secretId.hashCode();
    }

    @Override
    public String toString() {
        return "SecretCacheItem{secretId=" + secretId + '}';
    }
}
