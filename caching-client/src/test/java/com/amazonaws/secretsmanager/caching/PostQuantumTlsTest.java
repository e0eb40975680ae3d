package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.crt.io.TlsCipherPreference;

/**
 * {@code postQuantumTlsEnabled} (AWS caching client 2.2.0) with the optional AWS CRT HTTP client on the class path:
 * the client the cache builds sends its requests through the CRT client, configured for post-quantum TLS. The
 * emulator speaks plain HTTP, so the TLS handshake itself is not exercised here; what is checked is that the requests
 * really go through the CRT client (its name is in the SDK's user agent) and that this platform's CRT offers a
 * post-quantum key exchange. Without the CRT: {@link PostQuantumTlsWithoutCrtTest}.
 */
class PostQuantumTlsTest extends DefaultClientTest {

    @Test
    void theClientTheCacheBuildsUsesTheCrtHttpClient() {
        assertThat(TlsCipherPreference.TLS_CIPHER_PQ_DEFAULT.isSupported())
                .as("this platform's CRT has a post-quantum key exchange").isTrue();
        createSecret("db", "v1");
        SecretCache cache = new SecretCache(new SecretCacheConfiguration().withPostQuantumTlsEnabled(true));
        List<String> userAgents;
        RecordedRequests.start();
        try {
            assertThat(cache.getSecretString("db")).isEqualTo("v1");
        } finally {
            userAgents = RecordedRequests.stop();
            cache.close();
        }

        assertThat(userAgents).hasSize(2).allMatch(agent -> agent.contains("md/http#AwsCommonRuntime"), "CRT");
    }

    @Test
    void withoutTheSettingTheCacheKeepsItsUrlConnectionClient() {
        createSecret("db", "v1");
        SecretCache cache = new SecretCache(new SecretCacheConfiguration());
        List<String> userAgents;
        RecordedRequests.start();
        try {
            assertThat(cache.getSecretString("db")).isEqualTo("v1");
        } finally {
            userAgents = RecordedRequests.stop();
            cache.close();
        }

        assertThat(userAgents).hasSize(2).allMatch(agent -> agent.contains("md/http#UrlConnection"), "URL");
    }

    @Test
    void aClientPassedInCannotBeCombinedWithTheSetting() {
        SecretCacheConfiguration config = new SecretCacheConfiguration().withClient(client)
                .withPostQuantumTlsEnabled(true);

        assertThatThrownBy(() -> new SecretCache(config)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postQuantumTlsEnabled").hasMessageContaining("client");
    }

    @Test
    void theSettingIsPartOfTheConfigurationBean() {
        SecretCacheConfiguration config = new SecretCacheConfiguration();

        assertThat(config.isPostQuantumTlsEnabled()).isFalse();
        assertThat(config.withPostQuantumTlsEnabled(true).isPostQuantumTlsEnabled()).isTrue();
        config.setPostQuantumTlsEnabled(false);
        assertThat(config.isPostQuantumTlsEnabled()).isFalse();
    }
}
