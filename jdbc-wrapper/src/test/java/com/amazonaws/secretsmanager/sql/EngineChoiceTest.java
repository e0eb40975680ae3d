package com.amazonaws.secretsmanager.sql;

import static com.amazonaws.secretsmanager.sql.DriverFixture.currentUser;
import static com.amazonaws.secretsmanager.sql.DriverFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.ProcessSettings;
import dev.smkit.jdbc.testing.SecretJson;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Engine resolution with the drivers DriverManager holds (registered by ServiceLoader and static initializers),
 * configured at process level. No class-loading history is involved: the answer depends on the secret, the process
 * configuration and the wrapper that is asked, the same for acceptsURL and connect.
 */
class EngineChoiceTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    private ProcessSettings process;
    private DatabaseServer server;

    @BeforeEach
    void setUp() throws SQLException {
        process = ProcessSettings.set("drivers.endpointOverride", emulator.emulator().endpoint().toString(),
                "drivers.region", emulator.emulator().region());
        server = SharedDatabases.postgres();
        server.createUser("choice_user", "choice-Pw1");
    }

    @AfterEach
    void tearDown() {
        process.close();
    }

    private String secret(String name, SecretJson json) {
        emulator.client().createSecret(b -> b.name(name).secretString(json.toJson()));
        return name;
    }

    private static List<Driver> registeredWrappers() {
        return Collections.list(DriverManager.getDrivers()).stream()
                .filter(driver -> driver instanceof AWSSecretsManagerDriver).collect(Collectors.toList());
    }

    /**
     * HikariCP 7.1 calls DriverManager.getDrivers() (ServiceLoader registers all seven wrappers, in META-INF/services
     * order) and only then looks for the driverClassName among them, so the class was never "loaded explicitly". The
     * wrapper it calls is the one asked, and an engine-less secret on a non-default port goes to it.
     */
    @Test
    void aPoolCallingTheRegisteredInstanceOfItsDriverClassNameGetsAnEngineLessSecret() throws SQLException {
        String secretId = secret("choice/no-engine", SecretJson.parse(server.secretJson("choice_user", "choice-Pw1"))
                .without("engine"));
        List<Driver> drivers = registeredWrappers();
        Driver named = drivers.stream()
                .filter(d -> d.getClass().getName().equals(AWSSecretsManagerPostgreSQLDriver.class.getName()))
                .findFirst().orElseThrow(AssertionError::new);

        assertThat(named.acceptsURL(secretId)).isTrue();
        assertThat(currentUser(named.connect(secretId, user(secretId)))).isEqualTo("choice_user");
    }

    @Test
    void acceptsUrlAndConnectGiveTheSameAnswerOnEveryRegisteredWrapper() throws SQLException {
        String pg = secret("choice/pg", SecretJson.parse(server.secretJson("choice_user", "choice-Pw1")));
        DatabaseServer mariadb = SharedDatabases.mariadb();
        mariadb.createUser("choice_user", "choice-Pw1");
        String maria = secret("choice/maria", SecretJson.parse(mariadb.secretJson("choice_user", "choice-Pw1")));
        for (Driver wrapper : registeredWrappers()) {
            for (String secretId : new String[] {pg, maria}) {
                boolean accepts = wrapper.acceptsURL(secretId);
                java.sql.Connection connection = wrapper.connect(secretId, user(secretId));
                assertThat(connection != null).as("%s on %s", wrapper, secretId).isEqualTo(accepts);
                if (connection != null) {
                    assertThat(currentUser(connection)).isEqualTo("choice_user");
                }
            }
        }
    }

    @Test
    void theProcessLevelEngineSettingDecidesForEngineLessSecretsWhoeverIsAsked() throws SQLException {
        String secretId = secret("choice/configured", SecretJson.parse(server.secretJson("choice_user", "choice-Pw1"))
                .without("engine"));
        process.put("drivers.engine", "postgres");
        for (Driver wrapper : registeredWrappers()) {
            boolean postgres = wrapper.getClass().getSimpleName().contains("PostgreSQL");
            assertThat(wrapper.acceptsURL(secretId)).as("%s", wrapper).isEqualTo(postgres);
            if (!postgres) {
                assertThat(wrapper.connect(secretId, user(secretId))).as("%s", wrapper).isNull();
            }
        }
        assertThat(currentUser(DriverManager.getConnection(secretId, user(secretId)))).isEqualTo("choice_user");
        // it cannot come per connection: acceptsURL, which has no properties, would answer differently
        Properties perConnection = user(secretId);
        perConnection.setProperty("drivers.engine", "mysql");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new AWSSecretsManagerMySQLDriver().connect(secretId, perConnection))
                .isInstanceOf(SQLException.class).hasMessageContaining("drivers.engine");
    }
}
