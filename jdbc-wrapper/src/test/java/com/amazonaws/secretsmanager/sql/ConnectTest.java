package com.amazonaws.secretsmanager.sql;

import static com.amazonaws.secretsmanager.sql.DriverFixture.currentUser;
import static com.amazonaws.secretsmanager.sql.DriverFixture.server;
import static com.amazonaws.secretsmanager.sql.DriverFixture.user;
import static com.amazonaws.secretsmanager.sql.DriverFixture.wrappedUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SecretJson;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both URL forms against real PostgreSQL and MariaDB servers. */
class ConnectTest {

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

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb"})
    void wrappedUrlTakesCredentialsFromTheSecretNamedByUser(String engine) throws SQLException {
        DatabaseServer server = server(engine);
        server.createUser("wrapped_" + engine, "wrapped-Pw1");
        String secretId = fixture.createSecret("wrapped/" + engine, server.secretJson("wrapped_" + engine, "wrapped-Pw1"));

        Connection connection = fixture.driverFor(server).connect(wrappedUrl(server), user(secretId));

        assertThat(currentUser(connection)).isEqualTo("wrapped_" + engine);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb"})
    void secretIdUrlTakesHostPortDatabaseAndCredentialsFromTheSecret(String engine) throws SQLException {
        DatabaseServer server = server(engine);
        server.createUser("bare_" + engine, "bare-Pw1");
        String secretId = fixture.createSecret("bare/" + engine, server.secretJson("bare_" + engine, "bare-Pw1"));
        AWSSecretsManagerDriver driver = fixture.driverFor(server);

        assertThat(currentUser(driver.connect(secretId, new Properties()))).isEqualTo("bare_" + engine);
        assertThat(currentUser(driver.connect(secretId, null))).isEqualTo("bare_" + engine);
        // the user guide's form: user names the same secret
        assertThat(currentUser(driver.connect(secretId, user(secretId)))).isEqualTo("bare_" + engine);
        // one DescribeSecret and one GetSecretValue for all three connections
        assertThat(fixture.calls("DescribeSecret")).isEqualTo(1);
        assertThat(fixture.calls("GetSecretValue")).isEqualTo(1);
    }

    @Test
    void secretIdUrlCanTakeCredentialsFromAnotherSecret() throws SQLException {
        DatabaseServer server = SharedDatabases.postgres();
        server.createUser("creds_other", "other-Pw1");
        String location = fixture.createSecret("location/only", SecretJson.object().with("engine", "postgres")
                .with("host", server.host()).with("port", server.port()).with("dbname", server.database()).toJson());
        String credentials = fixture.createSecret("credentials/only", SecretJson.object()
                .with("username", "creds_other").with("password", "other-Pw1").toJson());

        Connection connection = fixture.driverFor(server).connect(location, user(credentials));

        assertThat(currentUser(connection)).isEqualTo("creds_other");
    }

    @Test
    void connectionPropertiesReachTheRealDriverOnTheSecretIdForm() throws SQLException {
        DatabaseServer server = SharedDatabases.postgres();
        server.createUser("ssl_user", "ssl-Pw1");
        String secretId = fixture.createSecret("ssl/pg", server.secretJson("ssl_user", "ssl-Pw1"));
        AWSSecretsManagerDriver driver = fixture.driverFor(server);
        Properties info = new Properties();
        info.setProperty("sslmode", "require");
        // the embedded server has no TLS: the real driver saw sslmode=require
        assertThatThrownBy(() -> driver.connect(secretId, info))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("SSL");
        info.setProperty("sslmode", "disable");
        info.setProperty("ApplicationName", "smkit-test");
        try (Connection connection = driver.connect(secretId, info);
             java.sql.Statement statement = connection.createStatement();
             java.sql.ResultSet rs = statement.executeQuery("SELECT current_setting('application_name')")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("smkit-test");
        }
    }

    @Test
    void mysqlAndMariaDbDriversBothWorkAgainstMariaDb() throws SQLException {
        DatabaseServer server = SharedDatabases.mariadb();
        server.createUser("both_drivers", "both-Pw1");
        String asMysql = fixture.createSecret("maria/as-mysql", SecretJson.parse(server.secretJson("both_drivers", "both-Pw1"))
                .with("engine", "mysql").toJson());
        String asMariaDb = fixture.createSecret("maria/as-mariadb", server.secretJson("both_drivers", "both-Pw1"));
        Properties info = new Properties();
        info.setProperty("sslMode", "DISABLED");
        info.setProperty("allowPublicKeyRetrieval", "true");
        AWSSecretsManagerDriver mysql = fixture.timed(new AWSSecretsManagerMySQLDriver(fixture.cache));

        try (Connection viaMysql = mysql.connect(asMysql, info)) {
            assertThat(viaMysql.getClass().getName()).startsWith("com.mysql.cj");
        }
        // a mariadb secret is the MariaDB wrapper's (the MySQL driver still reaches it through a wrapped URL below)
        assertThat(mysql.connect(asMariaDb, info)).isNull();
        try (Connection viaMariaDb = fixture.driverFor(server).connect(asMariaDb, info)) {
            assertThat(viaMariaDb.getClass().getName()).startsWith("org.mariadb");
        }
        String wrapped = "jdbc-secretsmanager:mysql://" + server.host() + ":" + server.port() + "/" + server.database()
                + "?sslMode=DISABLED&allowPublicKeyRetrieval=true";
        Connection wrappedConnection = mysql.connect(wrapped, user(asMariaDb));
        assertThat(wrappedConnection.getClass().getName()).startsWith("com.mysql.cj");
        assertThat(currentUser(wrappedConnection)).isEqualTo("both_drivers");
    }

    @Test
    void aSecretIdOfAnotherEngineIsDeclinedByConnectAndAcceptsUrl() throws SQLException {
        DatabaseServer server = SharedDatabases.postgres();
        server.createUser("declined", "declined-Pw1");
        String secretId = fixture.createSecret("declined/pg", server.secretJson("declined", "declined-Pw1"));
        AWSSecretsManagerDriver mysql = fixture.timed(new AWSSecretsManagerMySQLDriver(fixture.cache));
        AWSSecretsManagerDriver postgres = fixture.driverFor(server);

        assertThat(mysql.acceptsURL(secretId)).isFalse();
        assertThat(mysql.connect(secretId, user(secretId))).isNull();
        assertThat(postgres.acceptsURL(secretId)).isTrue();
        assertThat(currentUser(postgres.connect(secretId, null))).isEqualTo("declined");
        // deciding needs the secret once, from the cache
        assertThat(fixture.calls("GetSecretValue")).isEqualTo(1);
    }

    @Test
    void aSecretIdThatCannotBeReadIsAcceptedSoThatConnectReportsWhy() throws SQLException {
        AWSSecretsManagerDriver mysql = fixture.timed(new AWSSecretsManagerMySQLDriver(fixture.cache));
        fixture.createSecret("unresolvable/engine", SecretJson.object().with("engine", "mongo").with("host", "h")
                .with("username", "u").with("password", "declined-Pw2").toJson());

        assertThat(mysql.acceptsURL("missing/secret")).isTrue();
        assertThatThrownBy(() -> mysql.connect("missing/secret", null))
                .isInstanceOf(SQLException.class).hasMessageContaining("'missing/secret' was not found");
        assertThat(mysql.acceptsURL("unresolvable/engine")).isTrue();
        assertThatThrownBy(() -> mysql.connect("unresolvable/engine", null))
                .isInstanceOf(SQLException.class).hasMessageContaining("'mongo'");
    }

    @Test
    void wrappedUrlOfAnotherSubprotocolIsDeclined() throws SQLException {
        AWSSecretsManagerDriver postgres = fixture.driverFor(SharedDatabases.postgres());
        assertThat(postgres.acceptsURL("jdbc-secretsmanager:mysql://h:3306/db")).isFalse();
        assertThat(postgres.connect("jdbc-secretsmanager:mysql://h:3306/db", user("x"))).isNull();
        assertThat(fixture.calls("DescribeSecret")).isZero();
    }

    @Test
    void wrappedUrlWithoutUserIsPassedThroughUntouched() throws SQLException {
        DatabaseServer server = SharedDatabases.postgres();
        server.createUser("plain_user", "plain-Pw1");
        String url = wrappedUrl(server) + "?user=plain_user&password=plain-Pw1";

        Connection connection = fixture.driverFor(server).connect(url, new Properties());

        assertThat(currentUser(connection)).isEqualTo("plain_user");
        assertThat(fixture.calls("DescribeSecret") + fixture.calls("GetSecretValue")).isZero();
    }

    /**
     * The Redshift driver reaches the PostgreSQL server through our wrapper, but cannot log in: PostgreSQL 14 asks for
     * SCRAM-SHA-256 (AuthenticationSASL), which the Redshift driver does not speak, so it stops at session setup with
     * SQLState 08P01. That is not an authentication failure, so it is not retried and costs no further API call.
     */
    @Test
    void redshiftDriverReachesPostgreSqlButCannotLogInWithScram() throws SQLException {
        DatabaseServer server = SharedDatabases.postgres();
        server.createUser("redshift_user", "redshift-Pw1");
        String secretId = fixture.createSecret("redshift/on-pg", SecretJson.parse(
                server.secretJson("redshift_user", "redshift-Pw1")).with("engine", "redshift").toJson());
        AWSSecretsManagerDriver redshift = fixture.timed(new AWSSecretsManagerRedshiftDriver(fixture.cache));
        Properties info = new Properties();
        info.setProperty("ssl", "false");

        assertThatThrownBy(() -> redshift.connect(secretId, info))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("08P01");
                    assertThat(e.getMessage()).contains("Session setup failed");
                });
        assertThat(fixture.clock.sleeps).isEmpty();
        assertThat(fixture.calls("DescribeSecret")).isEqualTo(1);
        assertThat(fixture.calls("GetSecretValue")).isEqualTo(1);
        // the same secret through the PostgreSQL driver logs in: the server and the credentials are fine
        String asPostgres = fixture.createSecret("redshift/as-pg", server.secretJson("redshift_user", "redshift-Pw1"));
        assertThat(redshift.connect(asPostgres, null)).isNull();
        assertThat(currentUser(fixture.driverFor(server).connect(asPostgres, null))).isEqualTo("redshift_user");
    }
}
