package dev.smkit.hikari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.jdbc.SecretsManagerJdbc;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import dev.smkit.pools.testing.RotationLoad;
import dev.smkit.pools.testing.RotationScenario;
import dev.smkit.pools.testing.RotationScenario.Strategy;
import dev.smkit.pools.testing.TestEmulator;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Path 4 (factory from a secret ID, with path 3's soft eviction) on MariaDB, plus the bad-input cases. */
class SecretsManagerHikariTest {

    static final Duration TTL = Duration.ofSeconds(2);

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void factoryPoolServesThroughRotationsOnMariaDb(Strategy strategy) throws Exception {
        DatabaseServer server = SharedDatabases.mariadb();
        RotationScenario scenario = RotationScenario.create(TestEmulator.get(), server, strategy)
                .inTheField(RotationLoad.ROTATIONS / 2);
        try (SecretCache cache = TestEmulator.cache(TTL);
                HikariDataSource pool = SecretsManagerHikari.forSecret(scenario.secretId).cache(cache)
                        .configure(config -> {
                            config.setMaximumPoolSize(RotationLoad.THREADS);
                            config.setConnectionTimeout(30_000); // HikariCP's default
                        })
                        .softEvictOnRotation(true)
                        .build()) {
            Runnable retire = () -> pool.getHikariPoolMXBean().softEvictConnections();
            TestEmulator.get().resetCallCounts();

            RotationLoad.Result result = RotationLoad.run(pool, scenario::rotate, retire);

            // One version check per TTL, at most one forced check per rotation (the driver after a rejected login),
            // one GetSecretValue per rotation plus AWSPENDING reads.
            long ttlChecks = RotationScenario.ttlChecks(result, TTL) + RotationScenario.THROTTLED_CALLS;
            scenario.assertOutcome(result, pool, retire, ttlChecks + RotationLoad.ROTATIONS,
                    2L * RotationLoad.ROTATIONS + 2);
        }
    }

    @Test
    void unknownEngineListsTheSupportedOnes() {
        String secretId = "pools/unknown-engine-" + RotationLoad.uniqueUser("e");   // the suite may run repeatedly
        TestEmulator.get().client().createSecret(r -> r.name(secretId).secretString(
                "{\"engine\":\"cassandra\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\"}"));
        assertThatThrownBy(() -> SecretsManagerHikari.forSecret(secretId).cache(TestEmulator.cache(TTL)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(secretId).hasMessageContaining("'cassandra'")
                .hasMessageContaining("supported engine values: ")
                .hasMessageContainingAll(SecretsManagerJdbc.supportedEngineNames().toArray(new String[0]));
    }

    @Test
    void missingSecretNamesTheSecretAndTheCause() {
        assertThatThrownBy(() -> SecretsManagerHikari.forSecret("pools/missing").cache(TestEmulator.cache(TTL)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'pools/missing'").hasMessageContaining("ResourceNotFoundException");
    }

    @Test
    void settingCredentialsOnTheFactoryConfigIsRejected() throws Exception {
        RotationScenario scenario = RotationScenario.create(TestEmulator.get(), SharedDatabases.postgres(),
                Strategy.SINGLE_USER);
        assertThatThrownBy(() -> SecretsManagerHikari.forSecret(scenario.secretId).cache(TestEmulator.cache(TTL))
                .configure(config -> config.setUsername("someone")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not set jdbcUrl");
    }

    @Test
    void missingHikariGivesAClearMessage() throws Exception {
        // This module's classes and its runtime dependencies, minus HikariCP, in a loader that cannot see the test's.
        URL[] urls = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("HikariCP"))
                .map(SecretsManagerHikariTest::url).toArray(URL[]::new);
        try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            // Called from compiled code, as an application would (reflection would load build()'s return type).
            Runnable probe = (Runnable) loader.loadClass(MissingHikariProbe.class.getName())
                    .getConstructor().newInstance();
            assertThatThrownBy(probe::run)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("HikariCP is not on the class path")
                    .hasMessageContaining("com.zaxxer:HikariCP");
        }
    }

    @Test
    void providerConfiguredOnlyByPropertiesReadsTheSecretIdKey() throws Exception {
        RotationScenario scenario = RotationScenario.create(TestEmulator.get(), SharedDatabases.postgres(),
                Strategy.SINGLE_USER);
        System.setProperty(SecretsManagerCredentialsProvider.SECRET_ID_KEY, scenario.secretId);
        try {
            Properties properties = new Properties();
            properties.setProperty("jdbcUrl", SharedDatabases.postgres().jdbcUrl("postgresql"));
            properties.setProperty("credentialsProviderClassName", SecretsManagerCredentialsProvider.class.getName());
            properties.setProperty("connectionTimeout", "5000");
            try (HikariDataSource pool = new HikariDataSource(new HikariConfig(properties))) {
                assertThat(RotationLoad.currentUser(pool)).isEqualTo(scenario.initialUser);
            }
        } finally {
            System.clearProperty(SecretsManagerCredentialsProvider.SECRET_ID_KEY);
        }
        assertThatThrownBy(SecretsManagerCredentialsProvider::new).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(SecretsManagerCredentialsProvider.SECRET_ID_KEY);
    }

    private static URL url(String entry) {
        try {
            return new File(entry).toURI().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(entry, e);
        }
    }
}
