package com.amazonaws.secretsmanager.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.internal.DefaultClients;
import java.net.URI;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The shared caches' lifecycle: one per configuration, reference-counted, bounded, released by GC of a holder. */
class SharedSecretCachesTest {

    /** Settings for a cache configuration; no call is made (clients and caches are lazy about the network). */
    private static DriverSettings settings(long ttlMillis, String... keyValues) {
        Properties file = new Properties();
        file.setProperty("drivers.region", "eu-west-3");
        file.setProperty("drivers.endpointOverride", "http://127.0.0.1:1");
        file.setProperty("drivers.cache.ttlMillis", String.valueOf(ttlMillis));
        for (int i = 0; i < keyValues.length; i += 2) {
            file.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return DriverSettings.from(new SettingSources(null, file, null, Collections.<String, String>emptyMap()));
    }

    private static boolean closed(SecretCache cache) {
        return cache.toString().contains("closed=true");
    }

    @Test
    void sharedClientsKeepTheRecipesTimeoutsWithRegionAndEndpoint() throws SQLException {
        URI endpoint = URI.create("http://127.0.0.1:1");
        try (SecretsManagerClient client = SharedSecretCaches.buildClient("eu-west-3", endpoint)) {
            ClientOverrideConfiguration overrides = client.serviceClientConfiguration().overrideConfiguration();

            assertThat(overrides.apiCallTimeout()).contains(DefaultClients.API_CALL_TIMEOUT);
            assertThat(overrides.apiCallAttemptTimeout()).contains(DefaultClients.API_CALL_ATTEMPT_TIMEOUT);
            assertThat(client.serviceClientConfiguration().region().id()).isEqualTo("eu-west-3");
            assertThat(client.serviceClientConfiguration().endpointOverride()).contains(endpoint);
        }
    }

    @Test
    void oneCachePerConfigurationClosedWhenItsLastHolderLetsGo() throws SQLException {
        SharedSecretCaches caches = new SharedSecretCaches(4);
        SharedSecretCaches.Holder first = caches.newHolder();
        SharedSecretCaches.Holder second = caches.newHolder();

        SecretCache cache = first.cacheFor("db/a", settings(1000));
        assertThat(second.cacheFor("db/b", settings(1000))).isSameAs(cache);
        assertThat(first.cacheFor("db/b", settings(2000))).isNotSameAs(cache);
        assertThat(caches.openCaches()).isEqualTo(2);

        first.close();
        assertThat(closed(cache)).isFalse(); // still held by the second
        assertThat(caches.openCaches()).isEqualTo(1);
        second.close();
        assertThat(closed(cache)).isTrue();
        assertThat(caches.openCaches()).isZero();
        // a holder used again after close opens what it needs again
        SecretCache reopened = first.cacheFor("db/a", settings(1000));
        assertThat(reopened).isNotSameAs(cache);
        assertThat(closed(reopened)).isFalse();
        first.close();
    }

    @Test
    void failoverSettingsArePartOfTheCacheConfiguration() throws SQLException {
        SharedSecretCaches caches = new SharedSecretCaches(4);
        SharedSecretCaches.Holder holder = caches.newHolder();
        SecretCache plain = holder.cacheFor("db/a", settings(1000));
        SecretCache west = holder.cacheFor("db/a", settings(1000, "drivers.failoverRegions", "us-west-2"));
        SecretCache westThenEu = holder.cacheFor("db/a", settings(1000, "drivers.failoverRegions",
                "us-west-2,eu-west-1"));
        SecretCache euThenWest = holder.cacheFor("db/a", settings(1000, "drivers.failoverRegions",
                "eu-west-1,us-west-2"));

        assertThat(plain.stats().regionStats()).isEmpty();
        assertThat(west.stats().regionStats().keySet()).containsExactly("eu-west-3", "us-west-2");
        assertThat(euThenWest.stats().regionStats().keySet()).containsExactly("eu-west-3", "eu-west-1", "us-west-2");
        assertThat(java.util.Arrays.asList(plain, west, westThenEu, euThenWest)).doesNotHaveDuplicates();
        assertThat(holder.cacheFor("db/b", settings(1000, "drivers.failoverRegions", "us-west-2"))).isSameAs(west);
        assertThat(caches.openCaches()).isEqualTo(4);
        holder.close();
        assertThat(closed(west)).isTrue();
    }

    @Test
    void aFailoverListNamingThePrimaryRegionFailsTheConnectWithAConfigurationError() {
        SharedSecretCaches caches = new SharedSecretCaches(4);
        SharedSecretCaches.Holder holder = caches.newHolder();
        assertThatThrownBy(() -> holder.cacheFor("db/a", settings(1000, "drivers.failoverRegions",
                "us-west-2,eu-west-3")))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageContaining("drivers.failoverRegions [us-west-2, eu-west-3] contains eu-west-3, the primary "
                        + "region");
        // the primary can come from the secret's ARN as well
        String arn = "arn:aws:secretsmanager:us-west-2:123456789012:secret:db/a-AbCdEf";
        Properties file = new Properties();
        file.setProperty("drivers.endpointOverride", "http://127.0.0.1:1");
        file.setProperty("drivers.failoverRegions", "us-west-2");
        DriverSettings byArn = DriverSettings.from(new SettingSources(null, file, null,
                Collections.<String, String>emptyMap()));
        assertThatThrownBy(() -> holder.cacheFor(arn, byArn))
                .hasMessageContaining("contains us-west-2, the primary region");
        assertThat(caches.openCaches()).isZero();
    }

    @Test
    void atMostMaxCachesConfigurationsAreOpenAtOnce() throws SQLException {
        SharedSecretCaches caches = new SharedSecretCaches(2);
        SharedSecretCaches.Holder holder = caches.newHolder();
        holder.cacheFor("db/a", settings(1000));
        holder.cacheFor("db/a", settings(2000));

        assertThatThrownBy(() -> holder.cacheFor("db/a", settings(3000)))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageContaining("Too many distinct Secrets Manager cache configurations in use (2)")
                .hasMessageContaining("drivers.cache.ttlMillis");
        holder.close();
        assertThat(caches.newHolder().cacheFor("db/a", settings(3000))).isNotNull();
    }

    @Test
    void aHolderThatIsGarbageCollectedWithoutClosingReleasesItsCaches() throws Exception {
        SharedSecretCaches caches = new SharedSecretCaches(4);
        SecretCache cache = useAndDropAHolder(caches);
        assertThat(caches.openCaches()).isEqualTo(1);

        for (int i = 0; i < 200 && caches.openCaches() > 0; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(caches.openCaches()).isZero();
        assertThat(closed(cache)).isTrue();
    }

    private static SecretCache useAndDropAHolder(SharedSecretCaches caches) throws SQLException {
        return caches.newHolder().cacheFor("db/a", settings(1000));
    }

    @Test
    void cachesHandedToTheIntegrationApiLiveUntilReleased() throws SQLException {
        SharedSecretCaches caches = new SharedSecretCaches(4);
        SecretCache cache = caches.cacheFor("db/a", settings(1000));
        SharedSecretCaches.Holder driver = caches.newHolder();
        assertThat(driver.cacheFor("db/a", settings(1000))).isSameAs(cache);
        driver.close();
        assertThat(closed(cache)).isFalse();

        caches.releaseIntegrations();
        assertThat(closed(cache)).isTrue();
    }
}
