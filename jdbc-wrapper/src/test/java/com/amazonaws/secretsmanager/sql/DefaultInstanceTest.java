package com.amazonaws.secretsmanager.sql;

import static com.amazonaws.secretsmanager.sql.DriverFixture.currentUser;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.ProcessSettings;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Drivers built with the no-arg constructor (as DriverManager and frameworks do), configured per connection. */
class DefaultInstanceTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    private DriverLog logs;
    private ProcessSettings process;

    @BeforeEach
    void setUp() {
        logs = DriverLog.capture();
        // The endpoint is process-level configuration (a connection may not redirect the drivers).
        process = ProcessSettings.set("drivers.endpointOverride", emulator.emulator().endpoint().toString());
    }

    @AfterEach
    void tearDown() {
        process.close();
        logs.close();
    }

    private Properties viaEmulator(String ttlMillis) {
        Properties info = new Properties();
        // a distinct TTL (allowed per connection) gives this test its own shared cache (the emulator is reset between
        // tests)
        info.setProperty("drivers.cache.ttlMillis", ttlMillis);
        return info;
    }

    @Test
    void allEnginesShareOneCachePerClientConfigurationAndAnArnCarriesItsRegion() throws SQLException {
        DatabaseServer postgres = SharedDatabases.postgres();
        postgres.createUser("shared_user", "shared-Pw1");
        DatabaseServer mariadb = SharedDatabases.mariadb();
        mariadb.createUser("shared_user", "shared-Pw1");
        String pgArn = emulator.client().createSecret(b -> b.name("shared/pg")
                .secretString(postgres.secretJson("shared_user", "shared-Pw1"))).arn();
        String mariaArn = emulator.client().createSecret(b -> b.name("shared/maria")
                .secretString(mariadb.secretJson("shared_user", "shared-Pw1"))).arn();
        // No drivers.region and no AWS region in this JVM: the region comes from the ARN.
        Properties info = viaEmulator("3600001");

        assertThat(currentUser(new AWSSecretsManagerPostgreSQLDriver().connect(pgArn, info))).isEqualTo("shared_user");
        // another engine's wrapper declines the PostgreSQL secret, reading it from the same cache
        assertThat(new AWSSecretsManagerMySQLDriver().connect(pgArn, info)).isNull();
        assertThat(new AWSSecretsManagerDb2Driver().connect(pgArn, info)).isNull();
        assertThat(currentUser(new AWSSecretsManagerMariaDBDriver().connect(mariaArn, info))).isEqualTo("shared_user");

        // one read per secret, and one cache (one INFO line) for all engines
        assertThat(emulator.emulator().callCount("DescribeSecret")).isEqualTo(2);
        assertThat(emulator.emulator().callCount("GetSecretValue")).isEqualTo(2);
        assertThat(logs.events()).filteredOn(e -> e.getLevel() == Level.INFO)
                .singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage())
                        .contains("region " + emulator.emulator().region())
                        .contains(emulator.emulator().endpoint().toString()));
    }

    @Test
    void driverManagerFindsTheDriversThroughServiceLoaderAndCopiesTheProperties() throws SQLException {
        DatabaseServer server = SharedDatabases.postgres();
        server.createUser("dm_user", "dm-Pw1");
        emulator.client().createSecret(b -> b.name("dm/pg").secretString(server.secretJson("dm_user", "dm-Pw1")));
        Properties info = viaEmulator("3600002");
        process.put("drivers.region", emulator.emulator().region());
        info.setProperty("user", "dm/pg");

        try (Connection connection = DriverManager.getConnection(wrapped(server), info)) {
            assertThat(connection.getClass().getName()).startsWith("org.postgresql");
        }
        try (Connection connection = DriverManager.getConnection("dm/pg", info)) {
            assertThat(currentUser(connection)).isEqualTo("dm_user");
        }
        assertThat(DriverManager.getDriver("dm/pg")).isInstanceOf(AWSSecretsManagerDriver.class);
        // the caller's Properties are not changed (no password written into them)
        assertThat(info.getProperty("password")).isNull();
        assertThat(info.getProperty("user")).isEqualTo("dm/pg");
    }

    private static String wrapped(DatabaseServer server) {
        return "jdbc-secretsmanager:postgresql://" + server.host() + ":" + server.port() + "/" + server.database();
    }
}
