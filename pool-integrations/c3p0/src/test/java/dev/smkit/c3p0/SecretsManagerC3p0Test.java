package dev.smkit.c3p0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.mchange.v2.c3p0.ComboPooledDataSource;
import dev.smkit.jdbc.SecretsManagerJdbc;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import dev.smkit.pools.testing.RotationLoad;
import dev.smkit.pools.testing.RotationScenario;
import dev.smkit.pools.testing.RotationScenario.Strategy;
import dev.smkit.pools.testing.TestEmulator;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** c3p0 paths 2 and 3: the factory with soft reset on rotation, and the bad-input cases. */
class SecretsManagerC3p0Test {

    static final Duration TTL = Duration.ofSeconds(2);

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void factoryPoolServesThroughRotationsOnPostgres(Strategy strategy) throws Exception {
        DatabaseServer server = SharedDatabases.postgres();
        RotationScenario scenario = RotationScenario.create(TestEmulator.get(), server, strategy)
                .inTheField(RotationLoad.ROTATIONS / 2);
        // No cache given: the factory validates, watches and the driver reads through one cache, the drivers' shared
        // cache for these properties.
        ComboPooledDataSource pool = SecretsManagerC3p0.forSecret(scenario.secretId)
                .configure(c -> {
                    c.setMaxPoolSize(RotationLoad.THREADS);
                    c.setCheckoutTimeout(30_000);
                    c.setProperties(withTtl());
                })
                .softResetOnRotation(true).build();
        try {
            Runnable retire = () -> softReset(pool);
            TestEmulator.get().resetCallCounts();

            RotationLoad.Result result = RotationLoad.run(pool, scenario::rotate, retire);

            // One cache (2 s TTL) watches the secret: one version check per TTL, plus at most one forced check per
            // rotation (the driver after a rejected login) and AWSPENDING look-ups.
            long ttlChecks = RotationScenario.ttlChecks(result, TTL) + RotationScenario.THROTTLED_CALLS;
            scenario.assertOutcome(result, pool, retire, ttlChecks + 2L * RotationLoad.ROTATIONS,
                    3L * RotationLoad.ROTATIONS + 2);
        } finally {
            pool.close();
        }
    }

    /**
     * Alternating users: the old user keeps working, so only the soft reset moves the pool. The shared cache has a
     * one-hour TTL here and its version check is driven with refreshNow; the driver c3p0 instantiates reads through
     * that same cache, so connections opened after the reset log in as the new user at once.
     */
    @Test
    void softResetMovesThePoolToTheNewUserOnceTheSharedCacheSeesTheRotation() throws Exception {
        RotationScenario scenario = RotationScenario.create(TestEmulator.get(), SharedDatabases.postgres(),
                Strategy.ALTERNATING_USERS);
        Properties properties = new Properties();
        properties.setProperty("drivers.cache.ttlMillis", String.valueOf(Duration.ofHours(1).toMillis()));
        ComboPooledDataSource pool = SecretsManagerC3p0.forSecret(scenario.secretId)
                .configure(c -> {
                    c.setMaxPoolSize(3);
                    c.setCheckoutTimeout(30_000);
                    c.setProperties(properties);
                })
                .softResetOnRotation(true).build();
        try {
            String cloneUser = scenario.initialUser + "_clone";
            assertThat(RotationLoad.currentUser(pool)).isEqualTo(scenario.initialUser);
            scenario.rotate();
            assertThat(RotationLoad.currentUser(pool)).as("before the cache's check").isEqualTo(scenario.initialUser);

            SecretCache shared = SecretsManagerJdbc.sharedCache(scenario.secretId, properties);
            assertThat(shared.refreshNow(scenario.secretId)).isTrue();
            for (int i = 0; i < 3; i++) {
                assertThat(RotationLoad.currentUser(pool)).as("after the cache's check").isEqualTo(cloneUser);
            }
        } finally {
            pool.close();
        }
    }

    @Test
    void unknownEngineListsTheSupportedOnes() {
        String secretId = "pools/c3p0-unknown-engine-" + RotationLoad.uniqueUser("e");  // the suite may run repeatedly
        TestEmulator.get().client().createSecret(r -> r.name(secretId).secretString(
                "{\"engine\":\"cassandra\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\"}"));
        assertThatThrownBy(() -> SecretsManagerC3p0.forSecret(secretId).cache(TestEmulator.cache(TTL)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(secretId).hasMessageContaining("'cassandra'")
                .hasMessageContaining("supported engine values: ")
                .hasMessageContainingAll(SecretsManagerJdbc.supportedEngineNames().toArray(new String[0]));
    }

    @Test
    void missingSecretNamesTheSecretAndTheCause() {
        assertThatThrownBy(() -> SecretsManagerC3p0.forSecret("pools/c3p0-missing").cache(TestEmulator.cache(TTL)).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'pools/c3p0-missing'").hasMessageContaining("ResourceNotFoundException");
    }

    private static java.util.Properties withTtl() {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("drivers.cache.ttlMillis", String.valueOf(TTL.toMillis()));
        return properties;
    }

    private static void softReset(ComboPooledDataSource pool) {
        try {
            pool.softResetAllUsers();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
