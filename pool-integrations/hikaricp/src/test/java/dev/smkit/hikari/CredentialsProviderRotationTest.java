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

/** Path 2: native driver and URL, credentials from {@link SecretsManagerCredentialsProvider}. */
class CredentialsProviderRotationTest {

    static final Duration TTL = Duration.ofSeconds(2);

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void poolServesThroughRotationsOnPostgres(Strategy strategy) throws Exception {
        DatabaseServer server = SharedDatabases.postgres();
        RotationScenario scenario = RotationScenario.create(TestEmulator.get(), server, strategy);
        try (SecretCache cache = cache();
                HikariDataSource pool = pool(server, new SecretsManagerCredentialsProvider(cache, scenario.secretId));
                SoftEvictOnRotation listener = SoftEvictOnRotation.register(cache, scenario.secretId, pool)) {
            Runnable retire = () -> pool.getHikariPoolMXBean().softEvictConnections();
            TestEmulator.get().resetCallCounts();

            RotationLoad.Result result = RotationLoad.run(pool, scenario::rotate, retire);

            // One version check per TTL; per burst of new connections (one per churn and one per rotation-triggered
            // eviction) at most one refreshIfUnchanged; and at most one forced refreshNow per retry window when the
            // check the cache reused predates a rotation. One GetSecretValue per rotation (AWSPENDING is only visible
            // inside RotateSecret, which the emulator runs synchronously).
            long ttlChecks = RotationLoad.DURATION.toMillis() / TTL.toMillis() + 2;
            long bursts = RotationLoad.ROTATIONS * (RotationLoad.CHURNS_PER_ROTATION + 1L) + RotationLoad.CHURNS_PER_ROTATION;
            long forced = RotationLoad.DURATION.toMillis() / SecretsManagerCredentialsProvider.RETRY_WINDOW_MILLIS + 1;
            scenario.assertOutcome(result, pool, retire, ttlChecks + bursts + forced, RotationLoad.ROTATIONS + 2);
        }
    }

    @Test
    void cachedCredentialsKeepThePoolServingThroughAnOutage() throws Exception {
        DatabaseServer server = SharedDatabases.postgres();
        RotationScenario scenario = RotationScenario.create(TestEmulator.get(), server, Strategy.SINGLE_USER);
        // No reuse window for forced checks, so that every burst of new connections really asks Secrets Manager.
        try (SecretCache cache = new SecretCache(new SecretCacheConfiguration().withClient(TestEmulator.get().client())
                        .withCacheItemTTL(TTL).withForcedRefreshMinInterval(1));
                HikariDataSource pool = pool(server, new SecretsManagerCredentialsProvider(cache, scenario.secretId))) {
            assertThat(RotationLoad.currentUser(pool)).isEqualTo(scenario.initialUser);
            TestEmulator.get().faults().failNext("*", 10_000, InjectedError.internalServiceError());
            long before = totalCalls();

            try {
                // Every pooled connection is replaced several times while Secrets Manager answers only errors.
                for (int i = 0; i < 5; i++) {
                    pool.getHikariPoolMXBean().softEvictConnections();
                    assertThat(RotationLoad.currentUser(pool)).isEqualTo(scenario.initialUser);
                }
            } finally {
                TestEmulator.get().faults().clear();
            }
            assertThat(totalCalls()).as("calls answered with errors during the outage").isGreaterThan(before);
        }
    }

    static long totalCalls() {
        return TestEmulator.get().callCounts().values().stream().mapToLong(Long::longValue).sum();
    }

    static SecretCache cache() {
        return TestEmulator.cache(TTL);
    }

    static HikariDataSource pool(DatabaseServer server, SecretsManagerCredentialsProvider provider) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl("postgresql"));
        config.setDriverClassName("org.postgresql.Driver");
        config.setCredentialsProvider(provider);
        config.setMaximumPoolSize(RotationLoad.THREADS);
        config.setConnectionTimeout(5_000);
        return new HikariDataSource(config);
    }
}
