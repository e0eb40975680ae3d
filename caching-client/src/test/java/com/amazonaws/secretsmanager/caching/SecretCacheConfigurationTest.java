package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class SecretCacheConfigurationTest {

    @Test
    void defaultsMatchTheAwsCachingClient() {
        SecretCacheConfiguration config = new SecretCacheConfiguration();

        assertThat(config.getMaxCacheSize()).isEqualTo(1024);
        assertThat(config.getCacheItemTTL()).isEqualTo(3_600_000L);
        assertThat(config.getVersionStage()).isEqualTo("AWSCURRENT");
        assertThat(config.getExceptionRetryDelayBase()).isEqualTo(1000);
        assertThat(config.getExceptionRetryGrowthFactor()).isEqualTo(2.0);
        assertThat(config.getExceptionRetryDelayMax()).isEqualTo(128_000);
        assertThat(config.getRefreshAheadFraction()).isEqualTo(0.2);
        assertThat(config.getForcedRefreshMinInterval()).isEqualTo(1000);
        assertThat(config.getForceRefreshJitterMillis()).isEqualTo(100);
        assertThat(config.isPostQuantumTlsEnabled()).isFalse();
        assertThat(config.isStrictClose()).isFalse();
        assertThat(config.getTicker()).isSameAs(Ticker.systemTicker());
        assertThat(config.getClient()).isNull();
        assertThat(config.getCacheHook()).isNull();
    }

    @Test
    void invalidValuesAreRejectedNamingFieldAndValue() {
        SecretCacheConfiguration config = new SecretCacheConfiguration();

        assertThatThrownBy(() -> config.setMaxCacheSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxCacheSize").hasMessageContaining("0");
        assertThatThrownBy(() -> config.setCacheItemTTL(-1)).hasMessageContaining("cacheItemTTL");
        assertThatThrownBy(() -> config.withCacheItemTTL(Duration.ofMillis(-5))).hasMessageContaining("cacheItemTTL")
                .hasMessageContaining("-5");
        assertThatThrownBy(() -> config.setVersionStage(" ")).hasMessageContaining("versionStage");
        assertThatThrownBy(() -> config.setVersionStage(null)).hasMessageContaining("versionStage");
        assertThatThrownBy(() -> config.setExceptionRetryDelayBase(-1)).hasMessageContaining("exceptionRetryDelayBase")
                .hasMessageContaining("-1");
        assertThatThrownBy(() -> config.setExceptionRetryDelayMax(0)).hasMessageContaining("exceptionRetryDelayMax");
        assertThatThrownBy(() -> config.setExceptionRetryGrowthFactor(0.5))
                .hasMessageContaining("exceptionRetryGrowthFactor");
        assertThatThrownBy(() -> config.setRefreshAheadFraction(1)).hasMessageContaining("refreshAheadFraction");
        assertThatThrownBy(() -> config.setForcedRefreshMinInterval(-1)).hasMessageContaining("forcedRefreshMinInterval");
        assertThatThrownBy(() -> config.setTicker(null)).hasMessageContaining("ticker");
    }

    @Test
    void propertiesOverrideDefaultsAndAcceptIsoDurations() {
        Properties properties = new Properties();
        properties.setProperty("smkit.cache.maxCacheSize", "10");
        properties.setProperty("smkit.cache.cacheItemTTL", "PT5M");
        properties.setProperty("smkit.cache.versionStage", "AWSPENDING");
        properties.setProperty("smkit.cache.refreshAheadFraction", "0");
        properties.setProperty("smkit.cache.exceptionRetryDelayBase", "250");
        properties.setProperty("smkit.cache.exceptionRetryGrowthFactor", "3");
        properties.setProperty("smkit.cache.exceptionRetryDelayMax", "PT20S");
        properties.setProperty("smkit.cache.forcedRefreshMinInterval", "0");
        properties.setProperty("smkit.cache.forceRefreshJitterMillis", "PT0.25S");
        properties.setProperty("smkit.cache.postQuantumTlsEnabled", "TRUE");
        properties.setProperty("smkit.cache.strictClose", "true");

        SecretCacheConfiguration config = SecretCacheConfiguration.fromProperties(properties);

        assertThat(config.getMaxCacheSize()).isEqualTo(10);
        assertThat(config.getCacheItemTTL()).isEqualTo(300_000);
        assertThat(config.getVersionStage()).isEqualTo("AWSPENDING");
        assertThat(config.getRefreshAheadFraction()).isZero();
        assertThat(config.getExceptionRetryDelayBase()).isEqualTo(250);
        assertThat(config.getExceptionRetryGrowthFactor()).isEqualTo(3.0);
        assertThat(config.getExceptionRetryDelayMax()).isEqualTo(20_000);
        assertThat(config.getForcedRefreshMinInterval()).isZero();
        assertThat(config.getForceRefreshJitterMillis()).isEqualTo(250);
        assertThat(config.isPostQuantumTlsEnabled()).isTrue();
        assertThat(config.isStrictClose()).isTrue();
    }

    @Test
    void aBooleanSettingAcceptsOnlyTrueOrFalse() {
        Properties properties = new Properties();
        properties.setProperty("smkit.cache.strictClose", "yes");

        assertThatThrownBy(() -> SecretCacheConfiguration.fromProperties(properties))
                .isInstanceOf(SecretCacheConfigurationException.class).hasMessageContaining("smkit.cache.strictClose")
                .hasMessageContaining("yes")
                .satisfies(e -> assertThat(((SecretCacheConfigurationException) e).getSetting())
                        .isEqualTo("strictClose"));
    }

    @Test
    void badPropertyValuesNameTheKeyAndTheValue() {
        Properties properties = new Properties();
        properties.setProperty("smkit.cache.maxCacheSize", "many");
        assertThatThrownBy(() -> SecretCacheConfiguration.fromProperties(properties))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("smkit.cache.maxCacheSize")
                .hasMessageContaining("many");

        properties.setProperty("smkit.cache.maxCacheSize", "-3");
        assertThatThrownBy(() -> SecretCacheConfiguration.fromProperties(properties))
                .hasMessageContaining("smkit.cache.maxCacheSize").hasMessageContaining("-3");
    }

    @Test
    void environmentVariablesUseUpperCaseNames() {
        SecretCacheConfiguration config = SecretCacheConfiguration.fromEnvironment(
                Map.of("SMKIT_CACHE_CACHE_ITEM_TTL", "60000", "SMKIT_CACHE_VERSION_STAGE", "BLUE", "OTHER", "x"));

        assertThat(config.getCacheItemTTL()).isEqualTo(60_000);
        assertThat(config.getVersionStage()).isEqualTo("BLUE");
        assertThat(config.getMaxCacheSize()).isEqualTo(1024);
        assertThatThrownBy(() -> SecretCacheConfiguration.fromEnvironment(Map.of("SMKIT_CACHE_CACHE_ITEM_TTL", "-1")))
                .isInstanceOf(SecretCacheConfigurationException.class).hasMessageContaining("SMKIT_CACHE_CACHE_ITEM_TTL");
    }

    @Test
    void systemPropertiesWinOverDefaults() {
        System.setProperty("smkit.cache.maxCacheSize", "77");
        try {
            assertThat(SecretCacheConfiguration.fromSystem().getMaxCacheSize()).isEqualTo(77);
        } finally {
            System.clearProperty("smkit.cache.maxCacheSize");
        }
    }

    @Test
    void failoverRegionsMustBeKnownRegionsListedOnce() {
        SecretCacheConfiguration config = new SecretCacheConfiguration();
        assertThatThrownBy(() -> config.setFailoverRegions(java.util.Arrays.asList("us-west-2", "mars-north-1")))
                .isInstanceOf(SecretCacheConfigurationException.class).hasMessageContaining("mars-north-1")
                .satisfies(e -> assertThat(((SecretCacheConfigurationException) e).getSetting())
                        .isEqualTo("failoverRegions"));
        assertThatThrownBy(() -> config.setFailoverRegions(java.util.Arrays.asList("us-west-2", "us-west-2")))
                .isInstanceOf(SecretCacheConfigurationException.class).hasMessageContaining("twice");
        assertThatThrownBy(() -> config.setFailoverRegions(java.util.Arrays.asList("us-west-2", null)))
                .isInstanceOf(SecretCacheConfigurationException.class).hasMessageContaining("null");
        assertThatThrownBy(() -> config.setFailoverRegions(null)).isInstanceOf(SecretCacheConfigurationException.class);
        assertThatThrownBy(() -> config.setRegionClients(Map.of("nowhere-1", software.amazon.awssdk.services
                .secretsmanager.SecretsManagerClient.builder().region(software.amazon.awssdk.regions.Region.US_WEST_2)
                .build()))).isInstanceOf(SecretCacheConfigurationException.class).hasMessageContaining("nowhere-1")
                .satisfies(e -> assertThat(((SecretCacheConfigurationException) e).getSetting())
                        .isEqualTo("regionClients"));
        assertThat(config.getFailoverRegions()).as("unchanged by refused values").isEmpty();

        config.setFailoverRegions(new java.util.ArrayList<>(java.util.Arrays.asList("eu-west-1", "us-west-2")));
        assertThat(config.getFailoverRegions()).containsExactly("eu-west-1", "us-west-2");
        assertThatThrownBy(() -> config.getFailoverRegions().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void failoverKeysFromPropertiesAndEnvironment() {
        Properties properties = new Properties();
        properties.setProperty("smkit.cache.failoverRegions", " us-west-2 , eu-west-1 ");
        properties.setProperty("smkit.cache.failoverToReportedReplicas", "true");
        SecretCacheConfiguration fromProperties = SecretCacheConfiguration.fromProperties(properties);
        assertThat(fromProperties.getFailoverRegions()).containsExactly("us-west-2", "eu-west-1");
        assertThat(fromProperties.isFailoverToReportedReplicas()).isTrue();

        SecretCacheConfiguration fromEnvironment = SecretCacheConfiguration.fromEnvironment(
                Map.of("SMKIT_CACHE_FAILOVER_REGIONS", "ap-south-1", "SMKIT_CACHE_FAILOVER_TO_REPORTED_REPLICAS", "false"));
        assertThat(fromEnvironment.getFailoverRegions()).containsExactly("ap-south-1");
        assertThat(fromEnvironment.isFailoverToReportedReplicas()).isFalse();

        assertThatThrownBy(() -> SecretCacheConfiguration.fromEnvironment(
                Map.of("SMKIT_CACHE_FAILOVER_REGIONS", "us-west-2,us-wset-2")))
                .isInstanceOf(SecretCacheConfigurationException.class)
                .hasMessageContaining("SMKIT_CACHE_FAILOVER_REGIONS").hasMessageContaining("us-wset-2");
    }
}
