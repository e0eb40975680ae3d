package com.amazonaws.secretsmanager.caching;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import dev.smkit.emulator.SecretsManagerEmulator;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.UpdateSecretVersionStageRequest;

/**
 * Base of the tests that run the cache against the emulator through the real SDK client. One emulator per class,
 * emptied before each test; the cache's client has SDK retries off, so every API call the cache makes is one request.
 */
abstract class EmulatorTest {

    static SecretsManagerEmulator emulator;
    static SecretsManagerClient client;

    final FakeTicker ticker = new FakeTicker();
    private final List<SecretCache> caches = new ArrayList<>();

    @BeforeAll
    static void startEmulator() {
        emulator = SecretsManagerEmulator.start();
        client = emulator.clientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterAll
    static void stopEmulator() {
        client.close();
        emulator.close();
    }

    @BeforeEach
    void resetEmulator() {
        emulator.reset();
    }

    @AfterEach
    void closeCaches() {
        caches.forEach(SecretCache::close);
    }

    /** Defaults plus the test ticker and the no-retry client. */
    SecretCacheConfiguration config() {
        return new SecretCacheConfiguration().withClient(client).withTicker(ticker);
    }

    SecretCache cache(SecretCacheConfiguration config) {
        SecretCache cache = new SecretCache(config);
        caches.add(cache);
        return cache;
    }

    SecretCache cache() {
        return cache(config());
    }

    /** Creates a string secret and returns its first version ID; call counts start from zero afterwards. */
    static String createSecret(String name, String value) {
        String versionId = emulator.client().createSecret(r -> r.name(name).secretString(value)).versionId();
        emulator.resetCallCounts();
        return versionId;
    }

    static String createBinarySecret(String name, byte[] value) {
        String versionId = emulator.client()
                .createSecret(r -> r.name(name).secretBinary(SdkBytes.fromByteArray(value))).versionId();
        emulator.resetCallCounts();
        return versionId;
    }

    /** Puts a new AWSCURRENT value and returns its version ID; call counts start from zero afterwards. */
    static String putValue(String name, String value) {
        String versionId = emulator.client().putSecretValue(r -> r.secretId(name).secretString(value)).versionId();
        emulator.resetCallCounts();
        return versionId;
    }

    /** Puts a value carrying only the given stage. */
    static String putValueWithStage(String name, String value, String stage) {
        String versionId = emulator.client()
                .putSecretValue(r -> r.secretId(name).secretString(value).versionStages(stage)).versionId();
        emulator.resetCallCounts();
        return versionId;
    }

    static void moveCurrentTo(String name, String fromVersionId, String toVersionId) {
        emulator.client().updateSecretVersionStage(UpdateSecretVersionStageRequest.builder().secretId(name)
                .versionStage("AWSCURRENT").removeFromVersionId(fromVersionId).moveToVersionId(toVersionId).build());
        emulator.resetCallCounts();
    }

    static long describeCalls() {
        return emulator.callCount("DescribeSecret");
    }

    static long getValueCalls() {
        return emulator.callCount("GetSecretValue");
    }

    static Duration hours(long hours) {
        return Duration.ofHours(hours);
    }
}
