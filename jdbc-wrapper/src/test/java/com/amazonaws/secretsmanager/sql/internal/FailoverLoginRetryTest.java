package com.amazonaws.secretsmanager.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.caching.RegionStats;
import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver;
import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.model.ReplicaRegionType;

/**
 * The login retry while the primary region is out: a driver over the shared cache that {@code drivers.failoverRegions}
 * configures (real SDK clients against the emulator's regions, through the endpoint override), a password changed
 * while the process still holds the old one, a real PostgreSQL that rejects the old one. The check the rejected login
 * forces cannot reach us-east-1 and learns the new version from the replica in us-west-2.
 */
class FailoverLoginRetryTest {

    private static final String PRIMARY = "us-east-1";
    private static final String REPLICA = "us-west-2";

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    private final SharedSecretCaches caches = new SharedSecretCaches(2);
    private final SharedSecretCaches.Holder holder = caches.newHolder();

    @AfterEach
    void tearDown() {
        emulator.faults().region(PRIMARY).clear();
        holder.close();
    }

    private static DriverSettings failoverSettings() {
        Properties file = new Properties();
        file.setProperty("drivers.region", PRIMARY);
        file.setProperty("drivers.endpointOverride", emulator.emulator().endpoint().toString());
        file.setProperty("drivers.failoverRegions", REPLICA);
        return DriverSettings.from(new SettingSources(null, file, null, Collections.<String, String>emptyMap()));
    }

    @Test
    void aRejectedLoginLearnsTheNewPasswordFromTheReplicaWhileThePrimaryIsUnreachable() throws SQLException {
        DatabaseServer server = SharedDatabases.postgres();
        String user = "failover_retry";
        server.createUser(user, "Old-Pw1-failover");
        String secretId = "failover/retry";
        emulator.client().createSecret(r -> r.name(secretId).secretString(server.secretJson(user, "Old-Pw1-failover"))
                .addReplicaRegions(ReplicaRegionType.builder().region(REPLICA).build()));
        SecretCache cache = holder.cacheFor(secretId, failoverSettings());
        AWSSecretsManagerPostgreSQLDriver driver = new AWSSecretsManagerPostgreSQLDriver(cache);
        String url = "jdbc-secretsmanager:" + server.jdbcUrl("postgresql").substring("jdbc:".length());
        Properties info = new Properties();
        info.setProperty("user", secretId);
        assertThat(currentUser(driver.connect(url, info))).isEqualTo(user);    // the old password, now cached

        // A new password: in Secrets Manager (replicated to us-west-2) and the database; then us-east-1 goes out.
        emulator.client().putSecretValue(r -> r.secretId(secretId).secretString(server.secretJson(user,
                "New-Pw2-failover")));
        server.setPassword(user, "New-Pw2-failover");
        emulator.faults().region(PRIMARY).unreachable();
        emulator.emulator().resetCallCounts();

        assertThat(currentUser(driver.connect(url, info))).isEqualTo(user);

        assertThat(emulator.emulator().callCount(REPLICA, "DescribeSecret")).as("checks in " + REPLICA)
                .isPositive();
        assertThat(emulator.emulator().callCount(REPLICA, "GetSecretValue")).as("new version read in " + REPLICA)
                .isEqualTo(1);
        RegionStats primary = cache.stats().regionStats().get(PRIMARY);
        assertThat(primary.failoverCount()).as("fail-overs").isEqualTo(1);
        assertThat(primary.isDown()).isTrue();
        System.out.printf("login retry over the replica: calls %s %s, %s %s%n", PRIMARY,
                emulator.emulator().callCounts(PRIMARY), REPLICA, emulator.emulator().callCounts(REPLICA));
    }

    private static String currentUser(Connection connection) throws SQLException {
        try (Connection c = connection; Statement statement = c.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
