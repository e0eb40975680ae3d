package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.utils.AttributeMap;

/** Construction, input validation and close(); see also CloseThenReadTest and NullArgumentsTest. */
class SecretCacheLifecycleTest extends EmulatorTest {

    /** Builds URLConnection clients and records whether the SDK closed the one it built. */
    static final class RecordingHttpClientBuilder implements SdkHttpClient.Builder<RecordingHttpClientBuilder> {
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            SdkHttpClient delegate = UrlConnectionHttpClient.builder().buildWithDefaults(serviceDefaults);
            return new SdkHttpClient() {
                @Override
                public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                    return delegate.prepareRequest(request);
                }

                @Override
                public String clientName() {
                    return delegate.clientName();
                }

                @Override
                public void close() {
                    closed.set(true);
                    delegate.close();
                }
            };
        }
    }

    private static SecretsManagerClientBuilder builderWithoutHttpClient() {
        return SecretsManagerClient.builder().endpointOverride(emulator.endpoint())
                .region(Region.of(emulator.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(emulator.accessKeyId(), emulator.secretAccessKey())));
    }

    @Test
    void closeClosesAClientTheCacheBuiltFromABuilder() {
        createSecret("db", "v1");
        RecordingHttpClientBuilder http = new RecordingHttpClientBuilder();
        SecretCache cache = new SecretCache(builderWithoutHttpClient().httpClientBuilder(http));
        assertThat(cache.getSecretString("db")).isEqualTo("v1");

        cache.close();

        assertThat(http.closed).isTrue();
    }

    @Test
    void closeLeavesAClientPassedInOpen() {
        createSecret("db", "v1");
        SecretCache cache = new SecretCache(client);
        cache.getSecretString("db");
        SecretCache configured = new SecretCache(new SecretCacheConfiguration().withClient(client));
        configured.getSecretString("db");

        cache.close();
        configured.close();

        assertThat(client.describeSecret(r -> r.secretId("db")).name()).isEqualTo("db");
    }

    @Test
    void nullOrBlankArgumentsAreRejectedNamingTheParameter() {
        SecretCache cache = cache();

        assertThatThrownBy(() -> cache.getSecretString(null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secretId");
        assertThatThrownBy(() -> cache.getSecretString("  ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("secretId");
        assertThatThrownBy(() -> cache.getSecretBinary("")).hasMessageContaining("secretId");
        assertThatThrownBy(() -> cache.refreshNow(null)).hasMessageContaining("secretId");
        assertThatThrownBy(() -> cache.getSecretString("db", " ")).hasMessageContaining("versionStage");
        assertThatThrownBy(() -> cache.getSecretVersionById("db", null)).hasMessageContaining("versionId");
        assertThatThrownBy(() -> cache.prefetch(null)).hasMessageContaining("secretIds");
        assertThatThrownBy(() -> cache.prefetch(java.util.Arrays.asList("a", null)))
                .hasMessageContaining("secretIds");
        assertThatThrownBy(() -> cache.addChangeListener(null)).hasMessageContaining("listener");
        assertThat(emulator.callCounts()).isEmpty();
    }

    @Test
    void invalidValuesFromASubclassedConfigurationFailAtConstruction() {
        SecretCacheConfiguration sneaky = new SecretCacheConfiguration() {
            @Override
            public int getMaxCacheSize() {
                return 0;
            }
        }.withClient(client);

        assertThatThrownBy(() -> new SecretCache(sneaky)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxCacheSize").hasMessageContaining("0");
    }

    @Test
    void laterChangesToTheConfigurationDoNotAffectABuiltCache() {
        createSecret("db", "v1");
        SecretCacheConfiguration config = config().withRefreshAheadFraction(0);
        SecretCache cache = cache(config);
        cache.getSecretString("db");

        config.setCacheItemTTL(1);
        config.setVersionStage("AWSPREVIOUS");
        ticker.advance(java.time.Duration.ofMinutes(10));

        assertThat(cache.getSecretString("db")).isEqualTo("v1");
        assertThat(describeCalls()).isEqualTo(1);
    }

    @Test
    void aStageThatNoVersionCarriesReadsAsNullButGetSecretVersionThrows() {
        createSecret("db", "v1");
        SecretCache cache = cache(config().withVersionStage("BLUE"));

        assertThat(cache.getSecretString("db")).isNull();
        assertThat(cache.getSecretBinary("db")).isNull();
        assertThat(cache.getSecretVersion("db", "BLUE")).isNull();
        assertThatThrownBy(() -> cache.getSecretVersion("db")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("db").hasMessageContaining("BLUE");
    }

    @Test
    void worksWhenTheApplicationAlsoCarriesTheApacheClient() {
        createSecret("db", "v1");
        // No HTTP client chosen: the SDK picks one of the two on the classpath.
        SecretCache cache = new SecretCache(builderWithoutHttpClient());
        try {
            assertThat(cache.getSecretString("db")).isEqualTo("v1");
        } finally {
            cache.close();
        }
    }
}
