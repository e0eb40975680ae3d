package com.amazonaws.secretsmanager.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.SecretJson;
import java.net.ServerSocket;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Engines without a server here (Oracle, SQL Server, Db2, plus the rest): checked against their real driver jars. */
class OtherEnginesTest {

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

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theUrlEachTemplateBuildsIsAcceptedByTheRealDriver(Engine engine) throws SQLException {
        com.amazonaws.secretsmanager.sql.internal.DriverSettings defaults = com.amazonaws.secretsmanager.sql.internal.Connector.settings(null);
        Driver real = com.amazonaws.secretsmanager.sql.internal.RealDrivers.get(engine, defaults);
        assertThat(real.acceptsURL(engine.buildUrl("db.example.com", engine.defaultPort(), "app"))).isTrue();
        assertThat(real.acceptsURL(engine.buildUrl("db.example.com", engine.defaultPort(), null))).isTrue();
        assertThat(real.acceptsURL(engine.buildUrl("10.0.0.1", 12345, "app"))).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"oracle, loginTimeout", "sqlserver, loginTimeout", "db2, loginTimeout", "mysql, connectTimeout",
            "redshift, loginTimeout"})
    void aRefusedConnectionIsNotRetriedAndCostsNoApiCall(String engineName, String timeoutProperty) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String secretId = fixture.createSecret("refused/" + engineName, SecretJson.object().with("engine", engineName)
                .with("host", "127.0.0.1").with("port", closedPort).with("dbname", "app")
                .with("username", "u").with("password", "p").toJson());
        fixture.cache.getSecretVersion(secretId); // cached: any further call would be a refresh
        emulator.emulator().resetCallCounts();
        Properties info = new Properties();
        info.setProperty(timeoutProperty, "mysql".equals(engineName) ? "3000" : "3");
        // the engine's own wrapper: the others decline the secret
        AWSSecretsManagerDriver driver = fixture.timed((AWSSecretsManagerDriver) Class.forName(
                        dev.smkit.jdbc.SecretsManagerJdbc.wrapperDriverClassName(engineName))
                .getConstructor(com.amazonaws.secretsmanager.caching.SecretCache.class).newInstance(fixture.cache));

        assertThatThrownBy(() -> driver.connect(secretId, info))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isNotEqualTo("28000"));

        assertThat(emulator.emulator().callCounts().values().stream().mapToLong(Long::longValue).sum()).isZero();
        assertThat(fixture.clock.sleeps).isEmpty();
        assertThat(logs.events()).noneMatch(event -> event.getLevel() == Level.WARN);
    }
}
