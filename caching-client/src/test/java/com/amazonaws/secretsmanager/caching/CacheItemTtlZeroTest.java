package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@code withCacheItemTTL(0)}, which AWS caching client users set to check Secrets Manager on every read. */
class CacheItemTtlZeroTest extends EmulatorTest {

    @Test
    void ttlZeroChecksOnEveryReadAndFetchesAValueOnlyWhenItsVersionChanged() {
        createSecret("db", "v1");
        SecretCache cache = new SecretCache(new SecretCacheConfiguration().withClient(client).withCacheItemTTL(0));
        try {
            assertThat(cache.getSecretString("db")).isEqualTo("v1");
            assertThat(cache.getSecretString("db")).isEqualTo("v1");
            assertThat(cache.getSecretString("db")).isEqualTo("v1");
            assertThat(describeCalls()).as("one DescribeSecret per read").isEqualTo(3);
            assertThat(getValueCalls()).as("the version did not change").isEqualTo(1);

            putValue("db", "v2");

            assertThat(cache.getSecretString("db")).as("the first read after the change").isEqualTo("v2");
            assertThat(describeCalls()).isEqualTo(1);
            assertThat(getValueCalls()).isEqualTo(1);
        } finally {
            cache.close();
        }
    }

    @Test
    void aNegativeTtlIsATypedErrorNamingTheSetting() {
        SecretCacheConfiguration config = new SecretCacheConfiguration();

        assertThatThrownBy(() -> config.withCacheItemTTL(-1)).isInstanceOf(SecretCacheConfigurationException.class)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cacheItemTTL")
                .hasMessageContaining("-1")
                .satisfies(e -> assertThat(((SecretCacheConfigurationException) e).getSetting())
                        .isEqualTo("cacheItemTTL"));
        assertThat(config.withCacheItemTTL(0).getCacheItemTTL()).isZero();
    }
}
