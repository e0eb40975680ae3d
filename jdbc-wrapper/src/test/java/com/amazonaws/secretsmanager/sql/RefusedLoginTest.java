package com.amazonaws.secretsmanager.sql;

import static com.amazonaws.secretsmanager.sql.DriverFixture.currentUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SecretJson;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Logins the real servers refuse for reasons no password change can fix: no retry, no Secrets Manager call beyond the
 * first read, no sleep, no rotation WARN, and an error that says so with the server's own SQLState and code. The
 * same users with a wrong password are retried (control case).
 */
class RefusedLoginTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    private DriverFixture fixture;
    private DriverLog logs;

    @BeforeEach
    void setUp() {
        fixture = new DriverFixture(emulator.emulator());
        logs = DriverLog.capture();
    }

    @AfterEach
    void tearDown() {
        logs.close();
        fixture.close();
    }

    private void assertRefusedWithoutRetry(AWSSecretsManagerDriver driver, String secretId, String sqlState,
                                           int vendorCode, String serverText) {
        emulator.emulator().resetCallCounts();
        assertThatThrownBy(() -> driver.connect(secretId, null))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo(sqlState);
                    assertThat(e.getErrorCode()).isEqualTo(vendorCode);
                    assertThat(e.getMessage()).contains("'" + secretId + "'").contains("a new password cannot fix")
                            .contains("Not retried");
                    assertThat(e.getCause()).isInstanceOf(SQLException.class).hasMessageContaining(serverText);
                });
        // the secret was read once (DescribeSecret + GetSecretValue); no version check followed
        assertThat(fixture.calls("DescribeSecret")).isEqualTo(1);
        assertThat(fixture.calls("GetSecretValue")).isEqualTo(1);
        assertThat(fixture.clock.sleeps).isEmpty();
        assertThat(logs.events()).noneMatch(event -> event.getLevel() == Level.WARN);
    }

    @Test
    void postgresPgHbaRejectionIsNotRetried() throws Exception {
        DatabaseServer server = SharedDatabases.postgres();
        server.createUser("hba_refused", "hba-Pw1");
        String secretId = fixture.createSecret("refused/pg-hba", server.secretJson("hba_refused", "hba-Pw1"));
        Path hbaFile;
        try (Connection admin = server.adminConnection(); Statement statement = admin.createStatement();
             ResultSet rs = statement.executeQuery("SHOW hba_file")) {
            rs.next();
            hbaFile = Paths.get(rs.getString(1));
        }
        byte[] original = Files.readAllBytes(hbaFile);
        // As a hostssl-only rule set does for a client without TLS: this user is rejected by host rules.
        String rules = "host all hba_refused 127.0.0.1/32 reject\nhost all hba_refused ::1/128 reject\n";
        Files.write(hbaFile, (rules + new String(original, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        try {
            reloadAndAwait(server, true);
            assertRefusedWithoutRetry(fixture.driverFor(server), secretId, "28000", 0, "pg_hba.conf");
        } finally {
            Files.write(hbaFile, original);
            reloadAndAwait(server, false);
        }
        // control: the same user, allowed again, with a wrong password goes through the rotation retry
        String wrong = fixture.createSecret("refused/pg-wrong", server.secretJson("hba_refused", "wrong-Pw9"));
        Properties quick = new Properties();
        quick.setProperty("drivers.retry.maxAttempts", "2");
        assertThatThrownBy(() -> fixture.driverFor(server).connect(wrong, quick))
                .hasMessageContaining("even after checking Secrets Manager");
        assertThat(fixture.clock.sleeps).hasSize(1);
    }

    /** pg_reload_conf() signals the postmaster; new connections see the rules shortly after. */
    private static void reloadAndAwait(DatabaseServer server, boolean rejecting) throws Exception {
        try (Connection admin = server.adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("SELECT pg_reload_conf()");
        }
        Properties login = new Properties();
        login.setProperty("user", "hba_refused");
        login.setProperty("password", "hba-Pw1");
        for (int i = 0; i < 200; i++) {
            boolean rejected;
            try (Connection ignored = new org.postgresql.Driver().connect(server.jdbcUrl("postgresql"), login)) {
                rejected = false;
            } catch (SQLException e) {
                rejected = e.getMessage().contains("pg_hba.conf");
            }
            if (rejected == rejecting) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("pg_hba.conf reload not observed");
    }

    @Test
    void mariaDbAccessDeniedToTheDatabaseIsNotRetried() throws SQLException {
        DatabaseServer server = SharedDatabases.mariadb();
        // a database of its own: MariaDB lets every user into "test" by default
        admin(server, "CREATE DATABASE IF NOT EXISTS private_db");
        admin(server, "CREATE USER IF NOT EXISTS 'no_db_access'@'%' IDENTIFIED BY 'nodb-Pw1'");
        String secretId = fixture.createSecret("refused/maria-1044", SecretJson.parse(
                server.secretJson("no_db_access", "nodb-Pw1")).with("dbname", "private_db").toJson());

        assertRefusedWithoutRetry(fixture.driverFor(server), secretId, "42000", 1044, "to database");
        // Connector/J (the MySQL wrapper) reads the same server code the same way
        String asMysql = fixture.createSecret("refused/maria-1044-mysql", SecretJson.parse(
                server.secretJson("no_db_access", "nodb-Pw1")).with("engine", "mysql").with("dbname", "private_db")
                .toJson());
        Properties noTls = new Properties();
        noTls.setProperty("sslMode", "DISABLED");
        noTls.setProperty("allowPublicKeyRetrieval", "true");
        AWSSecretsManagerDriver mysql = fixture.timed(new AWSSecretsManagerMySQLDriver(fixture.cache));
        assertThatThrownBy(() -> mysql.connect(asMysql, noTls))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1044))
                .hasMessageContaining("a new password cannot fix");
        assertThat(fixture.clock.sleeps).isEmpty();
    }

    @Test
    void mariaDbUnknownDatabaseIsNotRetried() throws SQLException {
        DatabaseServer server = SharedDatabases.mariadb();
        server.createUser("unknown_db_user", "unknown-Pw1");
        admin(server, "GRANT ALL PRIVILEGES ON no_such_db.* TO 'unknown_db_user'@'%'");
        String secretId = fixture.createSecret("refused/maria-1049", SecretJson.parse(
                server.secretJson("unknown_db_user", "unknown-Pw1")).with("dbname", "no_such_db").toJson());

        assertRefusedWithoutRetry(fixture.driverFor(server), secretId, "42000", 1049, "no_such_db");
    }

    @Test
    void mariaDbLockedAccountIsNotRetried() throws SQLException {
        DatabaseServer server = SharedDatabases.mariadb();
        server.createUser("locked_user", "locked-Pw1");
        admin(server, "ALTER USER 'locked_user'@'%' ACCOUNT LOCK");
        String secretId = fixture.createSecret("refused/maria-4151", server.secretJson("locked_user", "locked-Pw1"));

        assertRefusedWithoutRetry(fixture.driverFor(server), secretId, "HY000", 4151, "locked");
    }

    @Test
    void mariaDbRequiringTlsIsNotRetried() throws SQLException {
        DatabaseServer server = SharedDatabases.mariadb();
        server.createUser("tls_user", "tls-Pw1");
        String secretId = fixture.createSecret("refused/maria-3159", server.secretJson("tls_user", "tls-Pw1"));
        try (Connection admin = server.adminConnection(); Statement statement = admin.createStatement()) {
            try {
                statement.execute("SET GLOBAL require_secure_transport=ON");
            } catch (SQLException e) {
                Assumptions.abort("this MariaDB cannot require secure transport: " + e.getMessage());
            }
            try {
                // the admin connection stays open: it was made before the rule and turns it off again
                assertRefusedWithoutRetry(fixture.driverFor(server), secretId, "08004", 3159, "insecure transport");
            } finally {
                statement.execute("SET GLOBAL require_secure_transport=OFF");
            }
        }
        assertThat(currentUser(fixture.driverFor(server).connect(secretId, null))).isEqualTo("tls_user");
    }

    private static void admin(DatabaseServer server, String sql) throws SQLException {
        try (Connection admin = server.adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute(sql);
        }
    }
}
