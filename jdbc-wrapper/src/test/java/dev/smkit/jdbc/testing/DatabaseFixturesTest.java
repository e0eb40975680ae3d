package dev.smkit.jdbc.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smkit.emulator.RotationOutcome;
import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.emulator.junit.EmulatorExtension;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DatabaseFixturesTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    static Stream<Arguments> serversAndDrivers() {
        return Stream.of(
                Arguments.of("postgres", "postgresql", "28P01", 0),
                Arguments.of("mariadb", "mariadb", "28000", 1045),
                Arguments.of("mariadb", "mysql", "28000", 1045));
    }

    static DatabaseServer server(String engine) {
        return "postgres".equals(engine) ? SharedDatabases.postgres() : SharedDatabases.mariadb();
    }

    static Driver driver(String subprotocol) {
        switch (subprotocol) {
            case "postgresql": return new org.postgresql.Driver();
            case "mariadb": return new org.mariadb.jdbc.Driver();
            default:
                try {
                    return new com.mysql.cj.jdbc.Driver();
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
        }
    }

    static Connection login(DatabaseServer server, String subprotocol, String user, String password) throws SQLException {
        Properties info = new Properties();
        info.setProperty("user", user);
        info.setProperty("password", password);
        return driver(subprotocol).connect(server.jdbcUrl(subprotocol), info);
    }

    @ParameterizedTest(name = "{0} via {1}")
    @MethodSource("serversAndDrivers")
    void passwordsAreCheckedAndChangeable(String engine, String subprotocol, String sqlState, int vendorCode)
            throws SQLException {
        DatabaseServer server = server(engine);
        String user = "fixture_" + subprotocol;
        server.createUser(user, "first-Pw1");
        try (Connection connection = login(server, subprotocol, user, "first-Pw1")) {
            assertThat(connection.isValid(5)).isTrue();
        }
        server.setPassword(user, "second-Pw2");
        assertThatThrownBy(() -> login(server, subprotocol, user, "first-Pw1"))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo(sqlState);
                    if (vendorCode != 0) {
                        assertThat(e.getErrorCode()).isEqualTo(vendorCode);
                    }
                });
        try (Connection connection = login(server, subprotocol, user, "second-Pw2")) {
            assertThat(connection.isValid(5)).isTrue();
        }
        // createUser is idempotent and resets the password
        server.createUser(user, "third-Pw3");
        login(server, subprotocol, user, "third-Pw3").close();
    }

    @ParameterizedTest
    @MethodSource("engines")
    void singleUserRotationChangesDatabaseAndSecret(String engine) throws SQLException {
        DatabaseServer server = server(engine);
        SecretsManagerEmulator sm = emulator.emulator();
        String user = "single_" + engine;
        server.createUser(user, "before-Pw1");
        sm.client().createSecret(b -> b.name("db/single/" + engine).secretString(server.secretJson(user, "before-Pw1")));
        sm.registerRotation("db/single/" + engine, DatabaseRotation.singleUser(server));

        rotate(sm, "db/single/" + engine);

        String rotated = sm.client().getSecretValue(b -> b.secretId("db/single/" + engine)).secretString();
        assertThat(SecretJson.field(rotated, "username")).isEqualTo(user);
        String newPassword = SecretJson.field(rotated, "password");
        assertThat(newPassword).isNotEqualTo("before-Pw1");
        assertThat(SecretJson.field(rotated, "port")).isEqualTo(String.valueOf(server.port()));
        login(server, subprotocolOf(engine), user, newPassword).close();
        assertThatThrownBy(() -> login(server, subprotocolOf(engine), user, "before-Pw1")).isInstanceOf(SQLException.class);
    }

    @ParameterizedTest
    @MethodSource("engines")
    void alternatingUsersRotationSwitchesBetweenUserAndClone(String engine) throws SQLException {
        DatabaseServer server = server(engine);
        SecretsManagerEmulator sm = emulator.emulator();
        String user = "alt_" + engine;
        String secretId = "db/alt/" + engine;
        server.createUser(user, "alt-Pw1");
        sm.client().createSecret(b -> b.name(secretId).secretString(server.secretJson(user, "alt-Pw1")));
        sm.registerRotation(secretId, DatabaseRotation.alternatingUsers(server));

        rotate(sm, secretId);
        String first = sm.client().getSecretValue(b -> b.secretId(secretId)).secretString();
        assertThat(SecretJson.field(first, "username")).isEqualTo(user + "_clone");
        login(server, subprotocolOf(engine), user + "_clone", SecretJson.field(first, "password")).close();
        // the previous user still works: that is the point of alternating users
        login(server, subprotocolOf(engine), user, "alt-Pw1").close();

        rotate(sm, secretId);
        String second = sm.client().getSecretValue(b -> b.secretId(secretId)).secretString();
        assertThat(SecretJson.field(second, "username")).isEqualTo(user);
        login(server, subprotocolOf(engine), user, SecretJson.field(second, "password")).close();
    }

    @Test
    void secretJsonDescribesTheServer() {
        DatabaseServer server = SharedDatabases.postgres();
        String json = server.secretJson("u", "p\"w");
        assertThat(SecretJson.field(json, "engine")).isEqualTo("postgres");
        assertThat(SecretJson.field(json, "host")).isEqualTo("127.0.0.1");
        assertThat(SecretJson.field(json, "dbname")).isEqualTo(server.database());
        assertThat(SecretJson.field(json, "password")).isEqualTo("p\"w");
    }

    /** RotateSecret, then wait until the emulator's background rotation has finished (it answers at once, as AWS). */
    static void rotate(SecretsManagerEmulator sm, String secretId) {
        sm.client().rotateSecret(b -> b.secretId(secretId));
        RotationOutcome outcome = sm.awaitRotation(secretId, Duration.ofSeconds(60));
        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
    }

    static Stream<String> engines() {
        return Stream.of("postgres", "mariadb");
    }

    static String subprotocolOf(String engine) {
        return "postgres".equals(engine) ? "postgresql" : "mariadb";
    }
}
