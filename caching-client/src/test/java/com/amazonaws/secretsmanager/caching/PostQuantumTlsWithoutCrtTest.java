package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code postQuantumTlsEnabled(true)} without the optional AWS CRT HTTP client: the cache fails at construction,
 * naming the dependency to add, instead of quietly using classical TLS. Run by the surefire execution
 * {@code without-crt}, whose class path lacks {@code aws-crt-client} and {@code aws-crt}, as an application's does when
 * it does not add them.
 */
class PostQuantumTlsWithoutCrtTest extends DefaultClientTest {

    @BeforeAll
    static void theCrtIsNotOnTheClassPath() {
        assertThatThrownBy(() -> Class.forName("software.amazon.awssdk.http.crt.AwsCrtHttpClient"))
                .as("run by the without-crt execution only").isInstanceOf(ClassNotFoundException.class);
    }

    @Test
    void enablingPostQuantumTlsFailsAtConstructionNamingTheDependency() {
        SecretCacheConfiguration config = new SecretCacheConfiguration().withPostQuantumTlsEnabled(true);

        assertThatThrownBy(() -> new SecretCache(config)).isInstanceOf(PostQuantumTlsUnavailableException.class)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("software.amazon.awssdk:aws-crt-client")
                .hasMessageContaining("postQuantumTlsEnabled");
        assertThat(emulator.callCounts()).isEmpty();
    }

    @Test
    void theCacheNeedsNoCrtOtherwise() {
        createSecret("db", "v1");
        SecretCache cache = new SecretCache();
        try {
            assertThat(cache.getSecretString("db")).isEqualTo("v1");
        } finally {
            cache.close();
        }
    }
}
