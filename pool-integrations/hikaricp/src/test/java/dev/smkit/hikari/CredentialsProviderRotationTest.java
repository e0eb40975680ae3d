package dev.smkit.hikari;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.emulator.InjectedError;
import dev.smkit.pools.testing.TestEmulator;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import dev.smkit.pools.testing.RotationLoad;
import dev.smkit.pools.testing.RotationScenario;
import dev.smkit.pools.testing.RotationScenario.Strategy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Path 2: native driver and URL, credentials from {@link SecretsManagerCredentialsProvider} attached to the pool, so
 * that it sees which logins the database rejected.
 */
class CredentialsProviderRotationTest {

    static final Duration TTL = Duration.ofSeconds(2);

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void poolServesThroughRotationsOnPostgres(Strategy strategy) throws Exception {
        DatabaseServer server = SharedDatabases.postgres();
        RotationScenario scenario = RotationScenario.create(TestEmulator.get(), server, strategy)
                .inTheField(RotationLoad.ROTATIONS / 2);
        try (SecretCache cache = cache();
                HikariDataSource pool = pool(server, new SecretsManagerCredentialsProvider(cache, scenario.secretId));
                SoftEvictOnRotation listener = SoftEvictOnRotation.register(cache, scenario.secretId, pool)) {
            Runnable retire = () -> pool.getHikariPoolMXBean().softEvictConnections();
            TestEmulator.get().resetCallCounts();

            RotationLoad.Result result = RotationLoad.run(pool, scenario::rotate, retire);

            // One version check per TTL, plus at most one forced check per rejected login: a single-user rotation
            // makes the first new logins after it fail until one of them triggers the check (each pooled connection
            // opened then, at most, and twice per rotation when AWSPENDING is tried too). One GetSecretValue per
            // rotation, plus AWSPENDING when it is read.
            long ttlChecks = RotationScenario.ttlChecks(result, TTL) + RotationScenario.THROTTLED_CALLS;
            long rejectedLogins = RotationLoad.ROTATIONS * 2L * RotationLoad.THREADS;
            long forced = scenario.strategy == Strategy.SINGLE_USER ? rejectedLogins : 0;
            scenario.assertOutcome(result, pool, retire, ttlChecks + forced, 2L * RotationLoad.ROTATIONS + 2);
        }
    }

    @Test
    void cachedCredentialsKeepThePoolServingThroughAnOutage() throws Exception {
        DatabaseServer server = SharedDatabases.postgres();
        RotationScenario scenario = RotationScenario.create(TestEmulator.get(), server, Strategy.SINGLE_USER);
        try (SecretCache cache = new SecretCache(new SecretCacheConfiguration().withClient(TestEmulator.get().client())
                        .withCacheItemTTL(TTL).withForcedRefreshMinInterval(1));
                HikariDataSource pool = pool(server, new SecretsManagerCredentialsProvider(cache, scenario.secretId))) {
            assertThat(RotationLoad.currentUser(pool)).isEqualTo(scenario.initialUser);
            TestEmulator.get().faults().failNext("*", 10_000, InjectedError.internalServiceError());
            try {
                // Every pooled connection is replaced several times while Secrets Manager answers only errors.
                for (int i = 0; i < 5; i++) {
                    assertThat(cache.refreshNow(scenario.secretId)).as("a version check during the outage").isFalse();
                    pool.getHikariPoolMXBean().softEvictConnections();
                    assertThat(RotationLoad.currentUser(pool)).isEqualTo(scenario.initialUser);
                }
            } finally {
                TestEmulator.get().faults().clear();
            }
        }
    }

    static SecretCache cache() {
        return TestEmulator.cache(TTL);
    }

    static HikariDataSource pool(DatabaseServer server, SecretsManagerCredentialsProvider provider) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl("postgresql"));
        config.setDriverClassName("org.postgresql.Driver");
        provider.attachTo(config);
        config.setMaximumPoolSize(RotationLoad.THREADS);
        config.setConnectionTimeout(30_000); // HikariCP's default
        return new HikariDataSource(config);
    }
}
