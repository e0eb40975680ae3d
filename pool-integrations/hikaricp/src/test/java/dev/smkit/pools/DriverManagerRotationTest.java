package dev.smkit.pools;

import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import dev.smkit.jdbc.testing.ConnectionSource;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import dev.smkit.pools.testing.RotationLoad;
import dev.smkit.pools.testing.RotationScenario;
import dev.smkit.pools.testing.RotationScenario.Strategy;
import dev.smkit.pools.testing.TestEmulator;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Properties;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * No pool at all: every operation of the rotation load opens its own connection through {@code DriverManager} with
 * the secret ID as URL and user, the way the user guide shows it. Each operation is a login, so every login of the
 * rotation window and of the throttling outage goes through the driver's retry.
 */
public class DriverManagerRotationTest {

    static final Duration TTL = Duration.ofSeconds(2);

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void everyConnectSucceedsThroughRotations(Strategy strategy) throws Exception {
        DatabaseServer server = SharedDatabases.postgres();
        RotationScenario scenario = RotationScenario.create(TestEmulator.get(), server, strategy)
                .inTheField(RotationLoad.ROTATIONS / 2);
        Properties info = new Properties();
        info.setProperty("user", scenario.secretId);
        info.setProperty("drivers.cache.ttlMillis", String.valueOf(TTL.toMillis()));
        DataSource connections = ConnectionSource.of(() -> DriverManager.getConnection(scenario.secretId, info));
        TestEmulator.get().resetCallCounts();

        RotationLoad.Result result = RotationLoad.run(connections, scenario::rotate, () -> { });

        // One shared cache. Its checks on its own: one per TTL at most (jittered into [TTL/2, TTL]). Checks after a
        // rejected login: at most one per forced-refresh interval, for all threads failing on the version; rotations
        // here follow each other back to back and every operation is a login, so some version fails nearly all the
        // time. At most one forced check per rotation (a rotation seen just after a check), and the outage's
        // throttled calls. A check per connect or per thread would be thousands.
        long failureChecks = result.elapsedMillis / SecretCacheConfiguration.DEFAULT_FORCED_REFRESH_MIN_INTERVAL + 1;
        long maxDescribe = RotationScenario.ttlChecks(result, TTL) + failureChecks + RotationLoad.ROTATIONS
                + RotationScenario.THROTTLED_CALLS;
        scenario.assertOutcome(result, connections, () -> { }, maxDescribe,
                3L * RotationLoad.ROTATIONS + 2 + RotationScenario.THROTTLED_CALLS);
    }
}
