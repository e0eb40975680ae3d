package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * A null configuration or client means the defaults, as in the AWS caching client: a cache with default settings on a
 * client built from the SDK's default chains (here pointed at the emulator through system properties).
 */
class NullArgumentsTest extends DefaultClientTest {

    @Test
    void aNullConfigurationMeansTheDefaults() {
        createSecret("db", "v1");
        SecretCacheConfiguration config = null;
        SecretCache cache = new SecretCache(config);
        try {
            assertThat(cache.getSecretString("db")).isEqualTo("v1");
            assertThat(cache.getSecretString("db")).isEqualTo("v1");
            assertThat(describeCalls()).as("the default one-hour TTL").isEqualTo(1);
        } finally {
            cache.close();
        }
    }

    @Test
    void aNullClientMeansTheClientTheCacheBuilds() {
        createSecret("db", "v1");
        SecretsManagerClient none = null;
        SecretCache cache = new SecretCache(none);
        SecretCache configured = new SecretCache(new SecretCacheConfiguration().withClient(null));
        try {
            assertThat(cache.getSecretString("db")).isEqualTo("v1");
            assertThat(configured.getSecretString("db")).isEqualTo("v1");
        } finally {
            cache.close();
            configured.close();
        }
    }

    @Test
    void aNullBuilderIsStillRefusedNamingIt() {
        // The AWS client fails here too (with a NullPointerException): there is no default builder to fall back on.
        assertThatThrownBy(() -> new SecretCache((SecretsManagerClientBuilder) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("builder");
    }
}
