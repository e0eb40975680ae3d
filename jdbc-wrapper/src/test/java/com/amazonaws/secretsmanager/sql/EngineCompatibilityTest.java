package com.amazonaws.secretsmanager.sql;

import static com.amazonaws.secretsmanager.sql.DriverFixture.currentUser;
import static com.amazonaws.secretsmanager.sql.DriverFixture.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.caching.SecretCache;
import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SecretJson;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The secret's engine versus the wrapper that was called: every engine value of the user guide (and what RDS writes
 * for Aurora) is served by its own wrapper, MySQL-family secrets also by the MariaDB wrapper, and a secret of another
 * protocol family is declined. All seven real drivers are on this class path.
 */
class EngineCompatibilityTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    private DriverFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new DriverFixture(emulator.emulator());
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    private Map<String, AWSSecretsManagerDriver> wrappers(SecretCache cache) {
        Map<String, AWSSecretsManagerDriver> wrappers = new LinkedHashMap<>();
        wrappers.put("mysql", fixture.timed(new AWSSecretsManagerMySQLDriver(cache)));
        wrappers.put("mariadb", fixture.timed(new AWSSecretsManagerMariaDBDriver(cache)));
        wrappers.put("postgresql", fixture.timed(new AWSSecretsManagerPostgreSQLDriver(cache)));
        wrappers.put("redshift", fixture.timed(new AWSSecretsManagerRedshiftDriver(cache)));
        wrappers.put("oracle", fixture.timed(new AWSSecretsManagerOracleDriver(cache)));
        wrappers.put("sqlserver", fixture.timed(new AWSSecretsManagerMSSQLServerDriver(cache)));
        wrappers.put("db2", fixture.timed(new AWSSecretsManagerDb2Driver(cache)));
        return wrappers;
    }

    @ParameterizedTest(name = "engine {0} is served by {1}")
    @CsvSource(delimiter = '|', value = {
            "mysql             | mysql mariadb",
            "aurora            | mysql mariadb",
            "aurora-mysql      | mysql mariadb",
            "mariadb           | mariadb",
            "postgres          | postgresql",
            "aurora-postgresql | postgresql",
            "redshift          | redshift",
            "oracle            | oracle",
            "sqlserver         | sqlserver",
            "db2               | db2"})
    void everyEngineValueOfTheGuideIsServedByItsWrapperAndOnlyItsFamily(String engine, String servedBy)
            throws SQLException {
        String secretId = fixture.createSecret("compat/" + engine, SecretJson.object().with("engine", engine)
                .with("host", "db.example.com").with("username", "u").with("password", "p").toJson());
        List<String> expected = Arrays.asList(servedBy.trim().split(" "));
        for (Map.Entry<String, AWSSecretsManagerDriver> wrapper : wrappers(fixture.cache).entrySet()) {
            assertThat(wrapper.getValue().acceptsURL(secretId)).as("%s wrapper, engine %s", wrapper.getKey(), engine)
                    .isEqualTo(expected.contains(wrapper.getKey()));
        }
    }

    @Test
    void aMySqlSecretConnectsThroughTheMariaDbDriver() throws SQLException {
        DatabaseServer server = SharedDatabases.mariadb();
        server.createUser("aurora_user", "aurora-Pw1");
        for (String engine : new String[] {"mysql", "aurora-mysql", "aurora"}) {
            String secretId = fixture.createSecret("compat/maria-as-" + engine, SecretJson.parse(
                    server.secretJson("aurora_user", "aurora-Pw1")).with("engine", engine).toJson());
            AWSSecretsManagerDriver mariadb = fixture.timed(new AWSSecretsManagerMariaDBDriver(fixture.cache));
            java.sql.Connection connection = mariadb.connect(secretId, user(secretId));
            assertThat(connection.getClass().getName()).startsWith("org.mariadb");
            assertThat(currentUser(connection)).isEqualTo("aurora_user");
        }
    }

    @Test
    void aSecretOfAnotherFamilyIsDeclined() throws SQLException {
        DatabaseServer server = SharedDatabases.postgres();
        String secretId = fixture.createSecret("compat/pg-via-oracle", server.secretJson("nobody", "x-Pw1"));
        AWSSecretsManagerDriver oracle = fixture.timed(new AWSSecretsManagerOracleDriver(fixture.cache));
        Properties info = user(secretId);
        assertThat(oracle.acceptsURL(secretId)).isFalse();
        assertThat(oracle.connect(secretId, info)).isNull();
        assertThat(fixture.timed(new AWSSecretsManagerMySQLDriver(fixture.cache)).connect(secretId, info)).isNull();
    }
}
