package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.amazonaws.secretsmanager.caching.cache.SecretCacheItem;
import com.amazonaws.secretsmanager.caching.cache.SecretCacheVersion;

import dev.smkit.emulator.InjectedError;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InternalServiceErrorException;

/**
 * The AWS caching client's public classes of {@code com.amazonaws.secretsmanager.caching.cache}, used directly as code
 * written against that client may use them.
 */
class LegacyCacheClassesTest extends EmulatorTest {

    @Test
    void anItemCachesTheDescribeSecretAndTheVersionUntilItsTtl() {
        createSecret("db", "v1");
        SecretCacheItem item = new SecretCacheItem("db", client, config().withRandom(SecretCacheTimeTest.LOWEST));

        for (int i = 0; i < 10; i++) {
            assertThat(item.getSecretValue().secretString()).isEqualTo("v1");
        }
        assertThat(describeCalls()).isEqualTo(1);
        assertThat(getValueCalls()).isEqualTo(1);

        putValue("db", "v2");
        ticker.advance(Duration.ofMinutes(29));
        assertThat(item.getSecretValue().secretString()).as("before the TTL").isEqualTo("v1");
        ticker.advance(Duration.ofMinutes(1));
        assertThat(item.getSecretValue().secretString()).as("at the TTL").isEqualTo("v2");
        assertThat(describeCalls()).isEqualTo(1);
        assertThat(getValueCalls()).isEqualTo(1);
    }

    @Test
    void refreshNowChecksAgainAfterTheJitterAndTtlZeroChecksOnEveryRead() throws Exception {
        createSecret("db", "v1");
        SecretCacheItem item = new SecretCacheItem("db", client, config().withForceRefreshJitterMillis(0));
        item.getSecretValue();
        putValue("db", "v2");

        assertThat(item.refreshNow()).isTrue();
        assertThat(item.getSecretValue().secretString()).isEqualTo("v2");
        assertThat(describeCalls()).isEqualTo(1);

        SecretCacheItem everyRead = new SecretCacheItem("db", client, config().withCacheItemTTL(0));
        everyRead.getSecretValue();
        everyRead.getSecretValue();
        assertThat(describeCalls()).isEqualTo(3);
    }

    @Test
    void aFailureIsRethrownWithoutACallUntilItsBackoffEndsAndAStaleValueIsServed() {
        createSecret("db", "v1");
        SecretCacheItem item = new SecretCacheItem("db", client, config().withRandom(SecretCacheTimeTest.LOWEST));
        emulator.faults().failNext("DescribeSecret", 1, InjectedError.internalServiceError());

        Throwable first = catchThrowable(item::getSecretValue);
        assertThat(first).isInstanceOf(InternalServiceErrorException.class);
        assertThat(catchThrowable(item::getSecretValue)).as("same instance, no call").isSameAs(first);
        assertThat(describeCalls()).isEqualTo(1);

        ticker.advance(Duration.ofSeconds(1));      // the first backoff: [0.5, 1] s
        assertThat(item.getSecretValue().secretString()).isEqualTo("v1");
        assertThat(describeCalls()).isEqualTo(2);

        ticker.advance(Duration.ofHours(1));
        emulator.faults().failNext("DescribeSecret", 1, InjectedError.internalServiceError());
        assertThat(item.getSecretValue().secretString()).as("stale after a failed check").isEqualTo("v1");
    }

    @Test
    void theHookSeesDescribeSecretBeforeGetSecretValue() {
        createSecret("db", "v1");
        List<Object> puts = new ArrayList<>();
        SecretCacheHook hook = new SecretCacheHook() {
            @Override
            public synchronized Object put(Object o) {
                puts.add(o);
                return new Object[] {o};
            }

            @Override
            public Object get(Object cachedObject) {
                return ((Object[]) cachedObject)[0];
            }
        };
        SecretCacheItem item = new SecretCacheItem("db", client, config().withCacheHook(hook));

        assertThat(item.getSecretValue().secretString()).isEqualTo("v1");
        assertThat(item.getSecretValue().secretString()).isEqualTo("v1");

        assertThat(puts).hasSize(2);
        assertThat(puts.get(0)).isInstanceOf(DescribeSecretResponse.class);
        assertThat(puts.get(1)).isInstanceOf(GetSecretValueResponse.class);
    }

    @Test
    void aVersionIsFetchedOnceByItsId() {
        String first = createSecret("db", "v1");
        putValue("db", "v2");
        SecretCacheVersion version = new SecretCacheVersion("db", first, client, null);

        assertThat(version.getSecretValue().secretString()).isEqualTo("v1");
        assertThat(version.getSecretValue().secretString()).isEqualTo("v1");
        assertThat(getValueCalls()).isEqualTo(1);
        assertThat(describeCalls()).isZero();
        assertThat(version).isEqualTo(new SecretCacheVersion("db", first, client, null))
                .hasSameHashCodeAs(new SecretCacheVersion("db", first, client, null));
        assertThat(version.toString()).contains("db").contains(first).doesNotContain("v1");
    }
}
