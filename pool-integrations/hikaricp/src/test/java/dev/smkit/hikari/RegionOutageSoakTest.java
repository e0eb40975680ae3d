package dev.smkit.hikari;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import dev.smkit.pools.testing.RotationLoad;
import dev.smkit.pools.testing.RotationScenario;
import dev.smkit.pools.testing.RotationScenario.Strategy;
import dev.smkit.pools.testing.TestEmulator;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pools need nothing new for multi-region failover: HikariCP over the wrapper driver, the secret created in us-east-1
 * and replicated to us-west-2, {@code drivers.failoverRegions=us-west-2} set process-wide (as a system property, the
 * way {@link TestEmulator} sets the endpoint), {@value RotationLoad#ROTATIONS} single-user rotations with their
 * setSecret-to-finishSecret window, and in the window of the middle one us-east-1 becomes unreachable for 20 s: the
 * rotation under way ends during the outage, and connections keep being retired then, so logins rejected with the
 * old password can only learn the new one from the replica.
 */
class RegionOutageSoakTest {

    static final String PRIMARY = "us-east-1";
    static final String REPLICA = "us-west-2";
    static final Duration OUTAGE = Duration.ofSeconds(20);
    static final Duration TTL = Duration.ofSeconds(2);
    /**
     * Calls the primary may receive during the outage, at most: the SDK's default (legacy) retry mode makes up to 4
     * attempts of each call that gets no answer; calls are the ones in flight when it began (one version check and one
     * AWSPENDING read of the one secret) and the cache's probes, which its backoff (1 s doubling, each delay at least
     * half of that) allows at most 5 of in 20 s (one more for margin).
     */
    static final long PRIMARY_CALLS_IN_OUTAGE = 4L * (2 + 6);

    @Test
    void noQueryFailsWhenThePrimaryRegionGoesDownInTheMiddleOfARotationWindow() throws Exception {
        assertThat(TestEmulator.get().region()).isEqualTo(PRIMARY);
        DatabaseServer server = SharedDatabases.postgres();
        RotationScenario scenario = RotationScenario.create(TestEmulator.get(), server, Strategy.SINGLE_USER)
                .inTheFieldWithRegionOutage(RotationLoad.ROTATIONS / 2, PRIMARY, OUTAGE, PRIMARY, REPLICA);
        TestEmulator.get().client().replicateSecretToRegions(r -> r.secretId(scenario.secretId)
                .addReplicaRegions(replica -> replica.region(REPLICA)));
        assertThat(TestEmulator.get().client(REPLICA).describeSecret(r -> r.secretId(scenario.secretId)).primaryRegion())
                .isEqualTo(PRIMARY);

        System.setProperty("drivers.failoverRegions", REPLICA);
        HikariConfig config = new HikariConfig();
        config.setDriverClassName(WrapperDriverHikariTest.WRAPPER);
        config.setJdbcUrl("jdbc-secretsmanager:postgresql://" + server.host() + ":" + server.port() + "/"
                + server.database());
        config.setUsername(scenario.secretId);
        config.addDataSourceProperty("drivers.cache.ttlMillis", String.valueOf(TTL.toMillis()));
        config.setMaximumPoolSize(RotationLoad.THREADS);
        config.setConnectionTimeout(30_000); // HikariCP's default
        try (HikariDataSource pool = new HikariDataSource(config)) {
            Runnable retire = () -> pool.getHikariPoolMXBean().softEvictConnections();
            TestEmulator.get().resetCallCounts();

            // No rotation starts while the primary is out; meanwhile connections keep being retired (as maxLifetime
            // would), so that new logins need the password the rotation under way sets.
            Runnable rotate = () -> {
                while (scenario.outageFromNanos() != 0 && scenario.outageToNanos() == 0) {
                    retire.run();
                    pause(RotationScenario.WINDOW);
                }
                scenario.rotate();
            };

            RotationLoad.Result result = RotationLoad.run(pool, rotate, retire);

            long servedInOutage = result.operationsWithin(scenario.outageFromNanos(), scenario.outageToNanos());
            Map<String, Long> primaryCalls = scenario.callsDuringOutage(PRIMARY);
            Map<String, Long> replicaCalls = scenario.callsDuringOutage(REPLICA);
            System.out.printf("region outage soak: %s unreachable for %d s inside rotation %d's window; during it"
                    + " %s calls %s, %s calls %s, %d operations served; in all %d operations, %d failed, %d"
                    + " rotations, calls %s %s, %s %s%n", PRIMARY, OUTAGE.getSeconds(), RotationLoad.ROTATIONS / 2,
                    PRIMARY, primaryCalls, REPLICA, replicaCalls, servedInOutage, result.operations,
                    result.failureCount, result.rotations, PRIMARY, TestEmulator.get().callCounts(PRIMARY), REPLICA,
                    TestEmulator.get().callCounts(REPLICA));

            // As the wrapper driver's rotation test, plus the primary's failed calls during the outage.
            long ttlChecks = RotationScenario.ttlChecks(result, TTL);
            scenario.assertOutcome(result, pool, retire,
                    ttlChecks + 2L * RotationLoad.ROTATIONS + PRIMARY_CALLS_IN_OUTAGE,
                    3L * RotationLoad.ROTATIONS + 2 + PRIMARY_CALLS_IN_OUTAGE);
            assertThat(servedInOutage).as("operations served while %s was unreachable", PRIMARY).isPositive();
            assertThat(replicaCalls.getOrDefault("DescribeSecret", 0L)).as("version checks answered by %s", REPLICA)
                    .isPositive();
            assertThat(replicaCalls.getOrDefault("GetSecretValue", 0L))
                    .as("the rotated version read from %s", REPLICA).isPositive();
            long primaryTotal = 0;
            for (long calls : primaryCalls.values()) {
                primaryTotal += calls;
            }
            assertThat(primaryTotal).as("calls to %s during the outage", PRIMARY)
                    .isLessThanOrEqualTo(PRIMARY_CALLS_IN_OUTAGE);
        } finally {
            System.clearProperty("drivers.failoverRegions");
        }
    }

    private static void pause(Duration pacing) {
        try {
            Thread.sleep(pacing.toMillis()); // pacing of the retirements, not a wait for a condition
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
