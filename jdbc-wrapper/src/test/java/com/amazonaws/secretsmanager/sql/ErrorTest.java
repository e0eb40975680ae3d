package com.amazonaws.secretsmanager.sql;

import static com.amazonaws.secretsmanager.sql.DriverFixture.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.secretsmanager.caching.SecretCache;
import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.ProcessSettings;
import dev.smkit.jdbc.testing.SecretJson;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.net.URI;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

class ErrorTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    private DriverFixture fixture;
    private AWSSecretsManagerDriver driver;

    @BeforeEach
    void setUp() {
        fixture = new DriverFixture(emulator.emulator());
        driver = fixture.driverFor(SharedDatabases.postgres());
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void nullUrl() {
        assertThatThrownBy(() -> driver.connect(null, new Properties()))
                .isInstanceOf(SQLException.class).hasMessageContaining("URL is null");
        assertThatThrownBy(() -> driver.acceptsURL(null))
                .isInstanceOf(SQLException.class).hasMessageContaining("URL is null");
    }

    @Test
    void blankSecretIds() throws SQLException {
        assertThat(driver.acceptsURL("  ")).isFalse();
        assertThatThrownBy(() -> driver.connect("  ", null))
                .isInstanceOf(SQLException.class).hasMessageContaining("blank");
        assertThatThrownBy(() -> driver.connect("jdbc-secretsmanager:postgresql://127.0.0.1:1/db", user(" ")))
                .isInstanceOf(SQLException.class).hasMessageContaining("user connection property");
        assertThat(fixture.calls("DescribeSecret")).isZero();
    }

    @Test
    void foreignUrlsAreNotOurs() throws SQLException {
        assertThat(driver.acceptsURL("jdbc:postgresql://h/db")).isFalse();
        assertThat(driver.connect("jdbc:postgresql://h/db", user("x"))).isNull();
        assertThat(driver.connect("h2:mem:x", user("x"))).isNull();
        assertThat(fixture.calls("DescribeSecret")).isZero();
    }

    @Test
    void aSecretThatDoesNotExist() {
        assertThatThrownBy(() -> driver.connect("no/such/secret", null))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getCause()).isInstanceOf(ResourceNotFoundException.class);
                    assertThat(e.getMessage()).contains("'no/such/secret'");
                });
        assertThatThrownBy(() -> driver.connect("jdbc-secretsmanager:postgresql://127.0.0.1:1/db", user("no/such/secret")))
                .hasCauseInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aSecretThatIsNotJsonIsNotEchoed() {
        fixture.createSecret("not/json", "hunter2-not-json");
        assertThatThrownBy(() -> driver.connect("not/json", null))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getMessage()).contains("'not/json'").contains("not valid JSON")
                            .doesNotContain("hunter2");
                    assertThat(e.getCause()).isNull();
                });
        fixture.createSecret("json/array", "[\"hunter2\"]");
        assertThatThrownBy(() -> driver.connect("json/array", null))
                .hasMessageContaining("not an object").hasMessageNotContaining("hunter2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"username", "password", "host"})
    void aSecretMissingAKeyNamesTheKeyAndTheSecret(String key) {
        DatabaseServer server = SharedDatabases.postgres();
        String secretId = fixture.createSecret("missing/" + key,
                SecretJson.parse(server.secretJson("someone", "s3cret-Pw")).without(key).toJson());
        assertThatThrownBy(() -> driver.connect(secretId, null))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("\"" + key + "\"")
                .hasMessageContaining("'" + secretId + "'")
                .hasMessageNotContaining("s3cret-Pw");
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.example?socketFactory=x", "db/other", "db;user=admin", "db example", "db@h"})
    void aHostThatWouldAddUrlStructureIsRefusedBeforeAnyConnect(String host) {
        // Whoever can write the secret must not be able to add real-driver properties through the URL.
        DatabaseServer server = SharedDatabases.postgres();
        String secretId = fixture.createSecret("badhost/" + Math.abs(host.hashCode()),
                SecretJson.parse(server.secretJson("someone", "s3cret-Pw")).with("host", host).toJson());
        assertThatThrownBy(() -> driver.connect(secretId, null))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("\"host\"").hasMessageContaining("'" + secretId + "'")
                .hasMessageNotContaining(host).hasMessageNotContaining("s3cret-Pw");
    }

    @ParameterizedTest
    @ValueSource(strings = {"db?sslmode=disable", "db&x=1", "db;databaseName=other", "db#x", "a b"})
    void aDbnameThatWouldAddUrlStructureIsRefused(String dbname) {
        DatabaseServer server = SharedDatabases.postgres();
        String secretId = fixture.createSecret("baddb/" + Math.abs(dbname.hashCode()),
                SecretJson.parse(server.secretJson("someone", "s3cret-Pw")).with("dbname", dbname).toJson());
        assertThatThrownBy(() -> driver.connect(secretId, null))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("\"dbname\"").hasMessageContaining("'" + secretId + "'");
    }

    @Test
    void configurableJsonKeysComeFromProcessLevelConfiguration() throws SQLException {
        DatabaseServer server = SharedDatabases.postgres();
        server.createUser("keyed_user", "keyed-Pw1");
        String secretId = fixture.createSecret("keyed", SecretJson.object().with("engine", "postgres")
                .with("host", server.host()).with("port", server.port()).with("dbname", server.database())
                .with("login", "keyed_user").with("secret", "keyed-Pw1").toJson());
        try (ProcessSettings process = ProcessSettings.set("drivers.secret.usernameKey", "login",
                "drivers.secret.passwordKey", "secret")) {
            assertThat(DriverFixture.currentUser(driver.connect(secretId, null))).isEqualTo("keyed_user");
        }
        assertThatThrownBy(() -> driver.connect(secretId, null)).hasMessageContaining("\"username\"");
        // Changed by design: a connection may not choose which JSON field becomes the password (usernameKey=password
        // would put the password into the database's "authentication failed for user ..." message).
        Properties info = new Properties();
        info.setProperty("drivers.secret.usernameKey", "login");
        assertThatThrownBy(() -> driver.connect(secretId, info))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageContaining("drivers.secret.usernameKey")
                .hasMessageContaining("drivers.allowPerConnection");
    }

    /**
     * A connection's properties may come from a less trusted place than the process: they must not be able to send the
     * drivers to another Secrets Manager endpoint (which would then choose both the host and the credentials).
     */
    @Test
    void aConnectionCannotRedirectTheDriversToAnotherEndpoint() {
        Properties info = user("db/secret");
        info.setProperty("drivers.endpointOverride", "http://attacker.example:8080");
        AWSSecretsManagerDriver shared = new AWSSecretsManagerPostgreSQLDriver();
        for (String url : new String[] {"db/secret", "jdbc-secretsmanager:postgresql://127.0.0.1:1/db"}) {
            assertThatThrownBy(() -> shared.connect(url, info))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                    .hasMessageContaining("drivers.endpointOverride is not accepted per connection");
        }
        assertThat(info.getProperty("drivers.endpointOverride")).isEqualTo("http://attacker.example:8080");
        assertThat(fixture.calls("DescribeSecret")).isZero();
    }

    @Test
    void aBinaryOnlySecret() {
        emulator.client().createSecret(b -> b.name("binary/only")
                .secretBinary(software.amazon.awssdk.core.SdkBytes.fromUtf8String("{\"username\":\"u\"}")));
        assertThatThrownBy(() -> driver.connect("binary/only", null))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("'binary/only'")
                .hasMessageContaining("SecretBinary");
    }

    @Test
    void aConfiguredRealDriverThatIsMissingIsNamed() {
        try (ProcessSettings process = ProcessSettings.set("drivers.postgresql.realDriverClass",
                "com.example.MissingDriver")) {
            assertThatThrownBy(() -> driver.connect("jdbc-secretsmanager:postgresql://127.0.0.1:1/db", user("any")))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("com.example.MissingDriver")
                    .hasMessageContaining("drivers.postgresql.realDriverClass");
        }
        assertThat(fixture.calls("DescribeSecret")).isZero();
    }

    @Test
    void aRealDriverClassIsNeverSetPerConnectionNorInitializedBeforeTheDriverTypeCheck() {
        // Changed by design: per connection, the key is refused before any class is looked up.
        Properties info = user("any");
        info.setProperty("drivers.postgresql.realDriverClass", NotADriver.class.getName());
        assertThatThrownBy(() -> driver.connect("jdbc-secretsmanager:postgresql://127.0.0.1:1/db", info))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageContaining("drivers.postgresql.realDriverClass");
        // From process-level configuration, a class that is not a java.sql.Driver is refused uninitialized.
        try (ProcessSettings process = ProcessSettings.set("drivers.postgresql.realDriverClass",
                NotADriver.class.getName())) {
            assertThatThrownBy(() -> driver.connect("jdbc-secretsmanager:postgresql://127.0.0.1:1/db", user("any")))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("does not implement java.sql.Driver");
        }
        assertThat(NotADriver.Initialized.FLAG).isFalse();
        assertThat(fixture.calls("DescribeSecret")).isZero();
    }

    @Test
    void anUnknownEngineAndAnAmbiguousEngineLessSecret() {
        fixture.createSecret("engine/mongo", "{\"engine\":\"mongo\",\"host\":\"h\",\"username\":\"u\",\"password\":\"p\"}");
        assertThatThrownBy(() -> driver.connect("engine/mongo", null)).hasMessageContaining("'mongo'");
        fixture.createSecret("engine/none", "{\"host\":\"127.0.0.1\",\"port\":1,\"username\":\"u\",\"password\":\"p\"}");
        // Built by the application with its own cache, this driver's engine counts as chosen: PostgreSQL is tried
        // (and refused at port 1). Engine-less secrets on default instances are tested in GuideFlowTest.
        assertThatThrownBy(() -> driver.connect("engine/none", null))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageNotContaining("ambiguous")
                .hasMessageContaining("refused");
    }

    @Test
    void secretsManagerUnreachable() throws SQLException {
        SecretCache unreachable = new SecretCache(emulator.emulator().clientBuilder()
                .endpointOverride(URI.create("http://127.0.0.1:1"))
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build());
        try {
            AWSSecretsManagerDriver offline = new AWSSecretsManagerPostgreSQLDriver(unreachable);
            assertThatThrownBy(() -> offline.connect("db/secret", null))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("08001");
                        assertThat(e.getCause()).isInstanceOf(SdkClientException.class);
                        assertThat(e.getMessage()).contains("'db/secret'").contains("could not be reached");
                    });
        } finally {
            unreachable.close();
        }
    }

    @Test
    void driverMetadataForEveryUrlForm() throws SQLException {
        for (String url : new String[] {"db/secret", "jdbc-secretsmanager:postgresql://h:5432/db", "jdbc:other:x", ""}) {
            DriverPropertyInfo[] info = driver.getPropertyInfo(url, user("db/secret"));
            assertThat(info).extracting(p -> p.name).contains("user", "drivers.region", "drivers.retry.maxAttempts");
        }
        assertThat(driver.getPropertyInfo("jdbc-secretsmanager:postgresql://h:5432/db", null))
                .extracting(p -> p.name).contains("sslmode"); // the real driver's own properties
        assertThat(driver.getMajorVersion()).isZero();
        assertThat(driver.getMinorVersion()).isEqualTo(1);
        assertThat(driver.jdbcCompliant()).isFalse();
        assertThat(driver.getParentLogger()).isNotNull();
        assertThat(fixture.calls("DescribeSecret")).isZero();
    }

    @Test
    void aRealDriverChokingOnAMalformedUrlInGetPropertyInfoIsAnSqlException() {
        // MariaDB Connector/J's host-list parser throws runtime exceptions on input like this (reliability finding F-1)
        String url = "jdbc-secretsmanager:mariadb://h\u001a33iadb://h:sqlA339606/x";
        AWSSecretsManagerDriver mariadb = new AWSSecretsManagerMariaDBDriver(fixture.cache);

        assertThatThrownBy(() -> mariadb.getPropertyInfo(url, null))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageContaining("mariadb")
                .hasCauseInstanceOf(RuntimeException.class);
    }

    @Test
    void constructorsRejectNull() {
        assertThatThrownBy(() -> new AWSSecretsManagerMySQLDriver((SecretCache) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache");
        assertThatThrownBy(() -> new AWSSecretsManagerMySQLDriver(
                (software.amazon.awssdk.services.secretsmanager.SecretsManagerClient) null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client");
    }
}
