package com.amazonaws.secretsmanager.caching.internal;

import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazonaws.secretsmanager.caching.SecretCache;

import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.ApiName;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Every Secrets Manager call the cache makes. Each method calls, counts the request and returns what it learned as
 * stored objects; none of them reads or changes an entry's state, so the caller decides what the answer means.
 */
public final class SecretLoader {

    private static final Logger LOG = LoggerFactory.getLogger(SecretCache.class);
    private static final AwsRequestOverrideConfiguration USER_AGENT = AwsRequestOverrideConfiguration.builder()
            .addApiName(ApiName.builder().name("smkit-cache").version(version()).build())
            .build();
    /** Deepest cause looked at when classifying an exception (guards against cause cycles). */
    private static final int MAX_CAUSES = 16;

    private final RegionFailover regions;
    private final String versionStage;
    private final ValueCodec codec;
    private final StatsCounter stats;

    /** @param regions the client(s) to call: the primary, and failover regions if configured */
    public SecretLoader(RegionFailover regions, String versionStage, ValueCodec codec, StatsCounter stats) {
        this.regions = regions;
        this.versionStage = versionStage;
        this.codec = codec;
        this.stats = stats;
    }

    /** With a client the application owns, and no failover. */
    public SecretLoader(SecretsManagerClient client, String versionStage, ValueCodec codec, StatsCounter stats) {
        this(RegionFailover.none(ClientHolder.borrowed(client)), versionStage, codec, stats);
    }

    /**
     * A version check: DescribeSecret, then GetSecretValue for the configured stage's version unless {@code latest}
     * already holds it. The DescribeSecret result is stored (through the hook's {@code put}, if any) as soon as it
     * arrives, before the GetSecretValue call, as the AWS client does. Both calls go to one region: the primary, or
     * a failover region ({@link RegionFailover}); there, an answer older than the version served is not taken
     * ({@link #lagsBehind}).
     */
    CheckResult check(CacheEntry entry, EntryState latest) {
        // One client for both calls: a check in flight when the cache is closed ends on the client it started on.
        return regions.call(entry, (c, secretId, region, replica) -> {
            DescribeSecretResponse describe = describeSecret(c, secretId, region);
            if (region != null && !replica) {
                regions.learnReplicas(entry, describe);
            }
            Object storedDescribe = codec.encodeDescribe(describe);
            String versionId = versionIdFor(describe, versionStage);
            Object current = null;
            if (versionId != null) {
                current = latest.versions.get(versionId);
                if (current == null) {
                    current = codec.encodeVersion(entry.secretId, getSecretValue(c, entry, secretId, versionId,
                            region));
                }
            }
            if (replica && lagsBehind(entry, latest, describe, versionId)) {
                LOG.debug("Failover region {} answers an older version of secret {}; keeping the one served", region,
                        entry.secretId);
                // A describe is kept either way: a state without one would make metadata reads check again at once.
                Object keptDescribe = latest.describe != null ? latest.describe : storedDescribe;
                return new CheckResult(keptDescribe, latest.currentVersionId, latest.current, latest.listed);
            }
            Set<String> listed = Collections.unmodifiableSet(new HashSet<>(describe.versionIdsToStages().keySet()));
            if (region != null && !replica) {
                entry.createdDates.keySet().retainAll(listed);
            }
            return new CheckResult(storedDescribe, versionId, current, listed);
        });
    }

    /**
     * Whether a failover region's answer is older than the version the cache serves. With both versions' creation
     * dates (recorded by every GetSecretValue) and different, the older date loses. Otherwise: a region that does not
     * list the served version has not received it yet, and one that lists it under another label than AWSPREVIOUS
     * has not moved the stage onto it yet.
     */
    private static boolean lagsBehind(CacheEntry entry, EntryState latest, DescribeSecretResponse describe,
            String versionId) {
        String served = latest.currentVersionId;
        if (!latest.loaded || served == null || served.equals(versionId)) {
            return false;
        }
        Long servedCreated = entry.createdDates.get(served);
        Long offeredCreated = versionId == null ? null : entry.createdDates.get(versionId);
        if (servedCreated != null && offeredCreated != null && !servedCreated.equals(offeredCreated)) {
            return offeredCreated < servedCreated;
        }
        List<String> servedStages = describe.versionIdsToStages().get(served);
        return servedStages == null || !servedStages.contains("AWSPREVIOUS");
    }

    /** GetSecretValue of one version by ID, as stored (from a failover region when the primary fails). */
    Object fetchVersion(CacheEntry entry, String versionId) {
        return codec.encodeVersion(entry.secretId, regions.call(entry,
                (c, secretId, region, replica) -> getSecretValue(c, entry, secretId, versionId, region)));
    }

    /** One page of BatchGetSecretValue. */
    BatchGetSecretValueResponse batchGetSecretValue(List<String> secretIds, String nextToken) {
        stats.apiCall(StatsCounter.BATCH_GET_SECRET_VALUE);
        BatchGetSecretValueRequest request = BatchGetSecretValueRequest.builder().secretIdList(secretIds)
                .nextToken(nextToken).overrideConfiguration(USER_AGENT).build();
        return regions.callPrimary(c -> c.batchGetSecretValue(request));
    }

    private DescribeSecretResponse describeSecret(SecretsManagerClient c, String secretId, String region) {
        stats.apiCall(StatsCounter.DESCRIBE_SECRET);
        regions.countCall(region);
        return c.describeSecret(describeSecretRequest(secretId));
    }

    /** With failover ({@code region} not null), also remembers the version's creation date. */
    private GetSecretValueResponse getSecretValue(SecretsManagerClient c, CacheEntry entry, String secretId,
            String versionId, String region) {
        stats.apiCall(StatsCounter.GET_SECRET_VALUE);
        regions.countCall(region);
        GetSecretValueResponse response = c.getSecretValue(getSecretValueRequest(secretId, versionId));
        if (region != null && response.createdDate() != null) {
            entry.createdDates.put(versionId, response.createdDate().toEpochMilli());
        }
        return response;
    }

    /** DescribeSecret of {@code secretId}, tagged with the cache's user agent. */
    public static DescribeSecretRequest describeSecretRequest(String secretId) {
        return DescribeSecretRequest.builder().secretId(secretId).overrideConfiguration(USER_AGENT).build();
    }

    /** GetSecretValue of one version by ID, tagged with the cache's user agent. */
    public static GetSecretValueRequest getSecretValueRequest(String secretId, String versionId) {
        return GetSecretValueRequest.builder().secretId(secretId).versionId(versionId)
                .overrideConfiguration(USER_AGENT).build();
    }

    /** The first version listed with {@code stage}, or null. */
    public static String versionIdFor(DescribeSecretResponse describe, String stage) {
        for (Map.Entry<String, List<String>> version : describe.versionIdsToStages().entrySet()) {
            if (version.getValue() != null && version.getValue().contains(stage)) {
                return version.getKey();
            }
        }
        return null;
    }

    /** The AWS error code of a service exception, else the exception's simple class name. */
    public static String errorCode(Throwable error) {
        if (error instanceof AwsServiceException && ((AwsServiceException) error).awsErrorDetails() != null
                && ((AwsServiceException) error).awsErrorDetails().errorCode() != null) {
            return ((AwsServiceException) error).awsErrorDetails().errorCode();
        }
        return error.getClass().getSimpleName();
    }

    /**
     * Whether a call failed because the calling thread was interrupted, not because of Secrets Manager or the
     * network. Such a failure says nothing about the secret: it is not recorded. The SDK's own call timeouts, which
     * it implements with interrupts, are real failures.
     */
    static boolean isInterruption(Throwable error) {
        int depth = 0;
        for (Throwable t = error; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            if (t instanceof ApiCallTimeoutException || t instanceof ApiCallAttemptTimeoutException) {
                return false;
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            return true;
        }
        depth = 0;
        for (Throwable t = error; t != null && depth < MAX_CAUSES; t = t.getCause(), depth++) {
            if (t instanceof AbortedException || t instanceof InterruptedException
                    || t instanceof ClosedByInterruptException
                    || (t instanceof InterruptedIOException && !(t instanceof SocketTimeoutException))) {
                return true;
            }
        }
        return false;
    }

    private static String version() {
        String version = SecretCache.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
