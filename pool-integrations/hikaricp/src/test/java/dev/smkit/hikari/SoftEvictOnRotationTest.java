package dev.smkit.hikari;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * With alternating users the previous user keeps working after a rotation, so without rotation awareness a pool
 * keeps (and keeps opening) connections as the old user until maxLifetime and the cache TTL. The listener fires only
 * when the cache's version check runs; here the caches have a one-hour TTL and the check is driven with
 * {@code refreshNow}, so the moment the pool learns about the rotation is the test's choice.
 */
class SoftEvictOnRotationTest {

    static final int POOL_SIZE = 3;
    static final String HOUR = String.valueOf(Duration.ofHours(1).toMillis());

    @Test
    void providerPoolLogsInAsTheNewUserOnceTheCacheSeesTheRotation() throws Exception {
        DatabaseServer server = SharedDatabases.postgres();
        RotationScenario scenario = RotationScenario.create(TestEmulator.get(), server, Strategy.ALTERNATING_USERS);
        HikariConfig config = poolConfig();
        config.setJdbcUrl(server.jdbcUrl("postgresql"));
        try (SecretCache cache = TestEmulator.cache(Duration.ofHours(1))) {
            config.setCredentialsProvider(new SecretsManagerCredentialsProvider(cache, scenario.secretId));
            try (HikariDataSource pool = new HikariDataSource(config);
                    SoftEvictOnRotation listener = SoftEvictOnRotation.register(cache, scenario.secretId, pool)) {
                assertRotationMovesThePool(scenario, pool, cache);
            }
        }
    }

    /** Path 1: the wrapper driver configured in Hikari, with the listener on the drivers' shared cache. */
    @Test
    void wrapperDriverPoolMovesWithTheDriversSharedCache() throws Exception {
        DatabaseServer server = SharedDatabases.postgres();
        RotationScenario scenario = RotationScenario.create(TestEmulator.get(), server, Strategy.ALTERNATING_USERS);
        HikariConfig config = poolConfig();
        config.setDriverClassName(WrapperDriverHikariTest.WRAPPER);
        config.setJdbcUrl(scenario.secretId);
        config.setUsername(scenario.secretId);
        config.addDataSourceProperty("drivers.cache.ttlMillis", HOUR);
        Properties driverProperties = new Properties();
        driverProperties.setProperty("drivers.cache.ttlMillis", HOUR);
        SecretCache shared = SecretsManagerJdbc.sharedCache(scenario.secretId, driverProperties);
        try (HikariDataSource pool = new HikariDataSource(config);
                SoftEvictOnRotation listener = SoftEvictOnRotation.register(shared, scenario.secretId, pool)) {
            assertRotationMovesThePool(scenario, pool, shared);
        }
    }

    /** Path 4 on MariaDB: the factory's default cache is the drivers' shared cache for its data source properties. */
    @Test
    void factoryPoolMovesWithItsDefaultCache() throws Exception {
        RotationScenario scenario = RotationScenario.create(TestEmulator.get(), SharedDatabases.mariadb(),
                Strategy.ALTERNATING_USERS);
        Properties driverProperties = new Properties();
        driverProperties.setProperty("drivers.cache.ttlMillis", HOUR);
        try (HikariDataSource pool = SecretsManagerHikari.forSecret(scenario.secretId)
                .configure(config -> {
                    config.setMaximumPoolSize(POOL_SIZE);
                    config.setConnectionTimeout(5_000);
                    config.setDataSourceProperties(driverProperties);
                })
                .softEvictOnRotation(true).build()) {
            assertRotationMovesThePool(scenario, pool,
                    SecretsManagerJdbc.sharedCache(scenario.secretId, driverProperties));
        }
    }

    private static HikariConfig poolConfig() {
        HikariConfig config = new HikariConfig();
        config.setMaximumPoolSize(POOL_SIZE);
        config.setConnectionTimeout(5_000);
        return config;
    }

    private static void assertRotationMovesThePool(RotationScenario scenario, HikariDataSource pool, SecretCache cache)
            throws Exception {
        String cloneUser = scenario.initialUser + "_clone";
        assertThat(usersOfBorrowedConnections(pool)).containsOnly(scenario.initialUser);

        scenario.rotate();
        assertThat(scenario.current().get("username").asString()).isEqualTo(cloneUser);
        // The cache has not checked yet: the pool still serves (and would still open) connections as the old user.
        assertThat(usersOfBorrowedConnections(pool)).as("before the cache's check").containsOnly(scenario.initialUser);

        assertThat(cache.refreshNow(scenario.secretId)).isTrue();
        // The listener ran inside the check: every connection borrowed from now on is a new physical one.
        assertThat(usersOfBorrowedConnections(pool)).as("after the cache's check").containsOnly(cloneUser);
    }

    /** Borrows the whole pool at once (so every pooled connection is seen) and reports each one's user. */
    private static List<String> usersOfBorrowedConnections(HikariDataSource pool) throws Exception {
        List<Connection> borrowed = new ArrayList<>();
        List<String> users = new ArrayList<>();
        try {
            for (int i = 0; i < POOL_SIZE; i++) {
                Connection connection = pool.getConnection();
                borrowed.add(connection);
                try (Statement statement = connection.createStatement();
                        ResultSet rs = statement.executeQuery("select current_user")) {
                    rs.next();
                    String user = rs.getString(1);
                    users.add(user.contains("@") ? user.substring(0, user.indexOf('@')) : user);
                }
            }
        } finally {
            for (Connection connection : borrowed) {
                connection.close();
            }
        }
        return users;
    }
}
