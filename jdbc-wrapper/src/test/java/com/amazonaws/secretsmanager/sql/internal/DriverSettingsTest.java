package com.amazonaws.secretsmanager.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DriverSettingsTest {

    private static Properties props(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    private static Map<String, String> env(String... keyValues) {
        Map<String, String> environment = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            environment.put(keyValues[i], keyValues[i + 1]);
        }
        return environment;
    }

    private static DriverSettings settings(Properties connection, Properties file, Properties system, Map<String, String> env) {
        return DriverSettings.from(new SettingSources(connection, file, system, env));
    }

    @Test
    void defaults() {
        DriverSettings settings = settings(null, null, null, null);
        assertThat(settings.region()).isNull();
        assertThat(settings.endpoint()).isNull();
        assertThat(settings.cacheTtlMillis()).isEqualTo(3_600_000);
        assertThat(settings.cacheMaxSize()).isEqualTo(1024);
        assertThat(settings.retryMaxAttempts()).isEqualTo(6);
        assertThat(settings.retryMaxDurationMillis()).isEqualTo(10_000);
        assertThat(settings.usernameKey()).isEqualTo("username");
        assertThat(settings.passwordKey()).isEqualTo("password");
        assertThat(settings.realDriverClass(Engine.MYSQL)).isNull();
        assertThat(settings.failoverRegions()).isEmpty();
        assertThat(settings.failoverToReportedReplicas()).isFalse();
        assertThat(settings.failoverEndpoint()).isNull();
    }

    @Test
    void failoverRegionsAreAnOrderedListOfKnownRegions() {
        DriverSettings settings = settings(null, null, null, env("SMKIT_JDBC_FAILOVER_REGIONS", " us-west-2 ,eu-west-1",
                "SMKIT_JDBC_FAILOVER_TO_REPORTED_REPLICAS", "TRUE"));
        assertThat(settings.failoverRegions()).containsExactly("us-west-2", "eu-west-1");
        assertThat(settings.failoverToReportedReplicas()).isTrue();
        assertThat(settings(null, props("drivers.failoverRegions", "eu-west-1,us-west-2"), null, null)
                .failoverRegions()).containsExactly("eu-west-1", "us-west-2");
    }

    @Test
    void failoverRegionsUseTheEndpointOverrideButNotAVpcEndpoint() {
        // an override (proxy, emulator) serves every region by signing region; a VPC endpoint only its own
        assertThat(settings(null, props("drivers.endpointOverride", "http://127.0.0.1:4585",
                "drivers.failoverRegions", "us-west-2"), null, null).failoverEndpoint())
                .isEqualTo(URI.create("http://127.0.0.1:4585"));
        assertThat(settings(null, props("drivers.vpcEndpointUrl", "https://vpce", "drivers.vpcEndpointRegion",
                "eu-central-1", "drivers.failoverRegions", "eu-west-1"), null, null).failoverEndpoint()).isNull();
    }

    @Test
    void badFailoverValuesNameTheKeyTheSourceAndTheValue() {
        assertThatThrownBy(() -> settings(null, null, props("drivers.failoverRegions", "us-west-2,us-wst-1"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("drivers.failoverRegions")
                .hasMessageContaining("system property")
                .hasMessageContaining("'us-west-2,us-wst-1'")
                .hasMessageContaining("names 'us-wst-1', a region the AWS SDK does not know");
        assertThatThrownBy(() -> settings(null, null, null, env("SMKIT_JDBC_FAILOVER_REGIONS", "us-west-2, us-west-2")))
                .hasMessageContaining("environment variable SMKIT_JDBC_FAILOVER_REGIONS")
                .hasMessageContaining("lists us-west-2 twice");
        assertThatThrownBy(() -> settings(null, props("drivers.failoverRegions", "us-west-2,,eu-west-1"), null, null))
                .hasMessageContaining("secretsmanager.properties key drivers.failoverRegions")
                .hasMessageContaining("has an empty entry");
        assertThatThrownBy(() -> settings(null, props("drivers.failoverToReportedReplicas", "yes"), null, null))
                .hasMessageContaining("drivers.failoverToReportedReplicas must be true or false")
                .hasMessageContaining("'yes'");
        assertThatThrownBy(() -> settings(null, props("drivers.failoverToReportedReplicas", "true",
                "drivers.endpointOverride", "http://127.0.0.1:1"), null, null))
                .hasMessageContaining("drivers.failoverToReportedReplicas cannot be combined with "
                        + "drivers.endpointOverride");
    }

    @Test
    void connectionBeatsFileBeatsSystemBeatsEnvironment() {
        String key = "drivers.cache.ttlMillis";
        String variable = "SMKIT_JDBC_CACHE_TTL_MILLIS";
        assertThat(settings(props(key, "1"), props(key, "2"), props(key, "3"), env(variable, "4")).cacheTtlMillis()).isEqualTo(1);
        assertThat(settings(null, props(key, "2"), props(key, "3"), env(variable, "4")).cacheTtlMillis()).isEqualTo(2);
        assertThat(settings(null, null, props(key, "3"), env(variable, "4")).cacheTtlMillis()).isEqualTo(3);
        assertThat(settings(null, null, null, env(variable, "4")).cacheTtlMillis()).isEqualTo(4);
        // blank values count as absent
        assertThat(settings(props(key, " "), props(key, ""), null, env(variable, "4")).cacheTtlMillis()).isEqualTo(4);
    }

    @Test
    void regionFollowsTheAwsDriversPrecedence() {
        // AWS_SECRET_JDBC_REGION beats drivers.region from the file and system properties...
        assertThat(settings(null, props("drivers.region", "eu-west-1"), props("drivers.region", "eu-west-2"),
                env("AWS_SECRET_JDBC_REGION", "ap-south-1")).region()).isEqualTo("ap-south-1");
        assertThat(settings(null, props("drivers.region", "eu-west-1"), props("drivers.region", "eu-west-2"),
                Collections.emptyMap()).region()).isEqualTo("eu-west-1");
        // ...a connection property beats it...
        assertThat(settings(props("drivers.region", "us-west-2"), null, null,
                env("AWS_SECRET_JDBC_REGION", "ap-south-1")).region()).isEqualTo("us-west-2");
        // ...and the VPC endpoint pair beats everything.
        DriverSettings vpc = settings(props("drivers.region", "us-west-2"),
                props("drivers.vpcEndpointUrl", "https://vpce-1.secretsmanager.eu-central-1.vpce.amazonaws.com",
                        "drivers.vpcEndpointRegion", "eu-central-1"),
                null, env("AWS_SECRET_JDBC_REGION", "ap-south-1"));
        assertThat(vpc.region()).isEqualTo("eu-central-1");
        assertThat(vpc.endpoint()).isEqualTo(URI.create("https://vpce-1.secretsmanager.eu-central-1.vpce.amazonaws.com"));
    }

    @Test
    void endpointOverrideBeatsTheVpcEndpointAndKeepsTheRegion() {
        DriverSettings settings = settings(props("drivers.endpointOverride", "http://127.0.0.1:4585"),
                props("drivers.vpcEndpointUrl", "https://vpce", "drivers.vpcEndpointRegion", "eu-central-1"), null, null);
        assertThat(settings.endpoint()).isEqualTo(URI.create("http://127.0.0.1:4585"));
        assertThat(settings.region()).isEqualTo("eu-central-1");
    }

    @Test
    void everyKeyHasAnEnvironmentVariable() {
        DriverSettings settings = settings(null, null, null, env(
                "SMKIT_JDBC_ENDPOINT_OVERRIDE", "http://localhost:1",
                "SMKIT_JDBC_CACHE_MAX_SIZE", "7",
                "SMKIT_JDBC_RETRY_MAX_ATTEMPTS", "3",
                "SMKIT_JDBC_RETRY_MAX_DURATION_MILLIS", "1500",
                "SMKIT_JDBC_USERNAME_KEY", "user",
                "SMKIT_JDBC_PASSWORD_KEY", "pass",
                "SMKIT_JDBC_MYSQL_REAL_DRIVER_CLASS", "com.example.Driver"));
        assertThat(settings.endpoint()).isEqualTo(URI.create("http://localhost:1"));
        assertThat(settings.cacheMaxSize()).isEqualTo(7);
        assertThat(settings.retryMaxAttempts()).isEqualTo(3);
        assertThat(settings.retryMaxDurationMillis()).isEqualTo(1500);
        assertThat(settings.usernameKey()).isEqualTo("user");
        assertThat(settings.passwordKey()).isEqualTo("pass");
        assertThat(settings.realDriverClass(Engine.MYSQL)).isEqualTo("com.example.Driver");
        assertThat(settings(null, null, props("drivers.sqlserver.realDriverClass", "x.Y"), null)
                .realDriverClass(Engine.SQLSERVER)).isEqualTo("x.Y");
    }

    @Test
    void invalidValuesNameTheKeyTheSourceAndTheValue() {
        assertThatThrownBy(() -> settings(null, null, props("drivers.retry.maxAttempts", "many"), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("drivers.retry.maxAttempts")
                .hasMessageContaining("system property")
                .hasMessageContaining("'many'");
        assertThatThrownBy(() -> settings(null, null, null, env("SMKIT_JDBC_CACHE_TTL_MILLIS", "0")))
                .hasMessageContaining("drivers.cache.ttlMillis")
                .hasMessageContaining("environment variable SMKIT_JDBC_CACHE_TTL_MILLIS");
        assertThatThrownBy(() -> settings(props("drivers.endpointOverride", "not a url"), null, null, null))
                .hasMessageContaining("drivers.endpointOverride")
                .hasMessageContaining("connection property");
        assertThatThrownBy(() -> settings(null, props("drivers.vpcEndpointUrl", "https://vpce"), null, null))
                .hasMessageContaining("drivers.vpcEndpointRegion");
    }

    @Test
    void theFileIsReadFromTheContextClassLoader(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.write(dir.resolve("secretsmanager.properties"),
                "drivers.region = eu-north-1\ndrivers.retry.maxAttempts = 2\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, null)) {
            Thread.currentThread().setContextClassLoader(loader);
            DriverSettings settings = DriverSettings.from(SettingSources.ofProcess());
            assertThat(settings.retryMaxAttempts()).isEqualTo(2);
            if (System.getenv("AWS_SECRET_JDBC_REGION") == null) {
                assertThat(settings.region()).isEqualTo("eu-north-1");
            }
            // a connection property still wins over the file
            assertThat(DriverSettings.from(SettingSources.ofProcess().withConnection(props("drivers.retry.maxAttempts", "9")))
                    .retryMaxAttempts()).isEqualTo(9);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }

    @Test
    void realDriverPropertiesAreACopyWithoutOurKeys() {
        Properties defaults = props("sslmode", "require");
        Properties info = new Properties(defaults);
        info.setProperty("user", "secret");
        info.setProperty("drivers.region", "eu-west-1");
        info.put("socketFactoryArg", Integer.valueOf(3));
        Properties copy = Connector.copyForRealDriver(info);
        // a real copy: every entry visible to keySet()/entrySet(), nothing in a defaults layer (aws-secretsmanager-jdbc #278)
        assertThat(copy.keySet()).containsExactlyInAnyOrder("user", "sslmode", "socketFactoryArg");
        assertThat(copy.get("socketFactoryArg")).isEqualTo(3);
        copy.setProperty("password", "x");
        assertThat(info.getProperty("password")).isNull();
    }
}
