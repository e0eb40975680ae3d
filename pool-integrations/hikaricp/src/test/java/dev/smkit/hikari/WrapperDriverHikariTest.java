package dev.smkit.hikari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import dev.smkit.pools.testing.RotationLoad;
import dev.smkit.pools.testing.RotationScenario;
import dev.smkit.pools.testing.RotationScenario.Strategy;
import dev.smkit.pools.testing.TestEmulator;
import java.io.InputStream;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Path 1: the wrapper driver configured in Hikari the way users write it; nothing from this module is involved. */
class WrapperDriverHikariTest {

    static final String WRAPPER = "com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver";

    @Test
    void propertiesFileWithSecretIdAsUrlAndUser() throws Exception {
        RotationScenario scenario = RotationScenario.create(TestEmulator.get(), SharedDatabases.postgres(),
                Strategy.SINGLE_USER, "pools/hikari-properties-file");
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/hikari-wrapper-driver.properties")) {
            properties.load(in);
        }
        try (HikariDataSource pool = new HikariDataSource(new HikariConfig(properties))) {
            assertThat(RotationLoad.currentUser(pool)).isEqualTo(scenario.initialUser);
        }
    }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void codeConfigWithSchemeUrlServesThroughRotations(Strategy strategy) throws Exception {
        DatabaseServer server = SharedDatabases.postgres();
        RotationScenario scenario = RotationScenario.create(TestEmulator.get(), server, strategy)
                .inTheField(RotationLoad.ROTATIONS / 2);
        HikariConfig config = new HikariConfig();
        config.setDriverClassName(WRAPPER);
        config.setJdbcUrl("jdbc-secretsmanager:postgresql://" + server.host() + ":" + server.port() + "/"
                + server.database());
        config.setUsername(scenario.secretId);
        config.addDataSourceProperty("drivers.cache.ttlMillis", "2000");
        config.setMaximumPoolSize(RotationLoad.THREADS);
        config.setConnectionTimeout(30_000); // HikariCP's default
        try (HikariDataSource pool = new HikariDataSource(config)) {
            Runnable retire = () -> pool.getHikariPoolMXBean().softEvictConnections();
            TestEmulator.get().resetCallCounts();

            RotationLoad.Result result = RotationLoad.run(pool, scenario::rotate, retire);

            // One version check per 2 s TTL; after a rotation at most one forced check and one AWSPENDING look-up by
            // the driver's auth-failure handling; one GetSecretValue per rotation (plus AWSPENDING reads).
            long ttlChecks = RotationScenario.ttlChecks(result, Duration.ofMillis(2_000)) + RotationScenario.THROTTLED_CALLS;
            scenario.assertOutcome(result, pool, retire, ttlChecks + 2L * RotationLoad.ROTATIONS,
                    3L * RotationLoad.ROTATIONS + 2);
        }
    }

    @Test
    void missingSecretFailsAtStartupNamingTheSecret() {
        HikariConfig config = new HikariConfig();
        config.setDriverClassName(WRAPPER);
        config.setJdbcUrl("pools/no-such-secret");
        config.setUsername("pools/no-such-secret");
        config.setConnectionTimeout(2_000);
        assertThatThrownBy(() -> new HikariDataSource(config).close())
                .hasMessageContaining("pools/no-such-secret")
                .rootCause().hasMessageContaining("can't find the specified secret");
    }
}
