package dev.smkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.caching.SecretVersion;
import com.amazonaws.secretsmanager.sql.internal.SecretFields;
import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.SecretJson;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Secret versions read by a real SDK client from the emulator, parsed as the drivers parse them. */
class DatabaseSecretTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    private static final String CANARY = "Canary-Pw-7f3a";

    private SecretCache cache;

    @BeforeEach
    void setUp() {
        cache = new SecretCache(new SecretCacheConfiguration().withClient(emulator.client()));
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    private SecretVersion version(String name, String json) {
        emulator.client().createSecret(b -> b.name(name).secretString(json));
        return cache.getSecretVersion(name);
    }

    @Test
    void readsEveryDatabaseFieldAndOtherScalars() throws SQLException {
        SecretVersion version = version("db/full", SecretJson.object().with("engine", "postgres")
                .with("host", "db.example.com").with("port", 6543).with("dbname", "orders")
                .with("username", "app").with("password", CANARY).with("dbClusterIdentifier", "cluster-1").toJson());

        DatabaseSecret secret = DatabaseSecret.of(version);

        assertThat(secret.secretId()).isEqualTo("db/full");
        assertThat(secret.versionId()).isEqualTo(version.getVersionId());
        assertThat(secret.engine()).isEqualTo("postgres");
        assertThat(secret.host()).isEqualTo("db.example.com");
        assertThat(secret.port()).isEqualTo(6543);
        assertThat(secret.dbname()).isEqualTo("orders");
        assertThat(secret.username()).isEqualTo("app");
        assertThat(secret.password()).isEqualTo(CANARY);
        assertThat(secret.field("dbClusterIdentifier")).isEqualTo("cluster-1");
        assertThat(secret.field("absent")).isNull();
    }

    @Test
    void optionalFieldsAreNullWhenAbsentAndPortMayBeAString() throws SQLException {
        DatabaseSecret credentialsOnly = DatabaseSecret.of(version("db/creds", SecretJson.object()
                .with("username", "app").with("password", CANARY).toJson()));
        assertThat(credentialsOnly.engine()).isNull();
        assertThat(credentialsOnly.host()).isNull();
        assertThat(credentialsOnly.port()).isNull();
        assertThat(credentialsOnly.dbname()).isNull();

        DatabaseSecret textPort = DatabaseSecret.of(version("db/text-port", SecretJson.object()
                .with("port", "3306").with("username", "app").with("password", CANARY).toJson()));
        assertThat(textPort.port()).isEqualTo(3306);
    }

    @Test
    void customKeysForUserNameAndPassword() throws SQLException {
        SecretVersion version = version("db/custom-keys", SecretJson.object()
                .with("user", "app").with("pass", CANARY).toJson());

        DatabaseSecret secret = DatabaseSecret.of(version, "user", "pass");

        assertThat(secret.username()).isEqualTo("app");
        assertThat(secret.password()).isEqualTo(CANARY);
        assertThatThrownBy(() -> DatabaseSecret.of(version))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("db/custom-keys")
                .hasMessageContaining("\"username\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"username", "password"})
    void aMissingCredentialKeyFailsAtParseTimeNamingKeyAndSecret(String missing) {
        SecretJson json = SecretJson.object().with("host", "h").with("username", "app").with("password", CANARY);
        SecretVersion version = version("db/missing-" + missing, json.without(missing).toJson());

        assertThatThrownBy(() -> DatabaseSecret.of(version))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("db/missing-" + missing)
                .hasMessageContaining("\"" + missing + "\"")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CANARY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"fifty\"", "-5", "70000", "\"12ab\""})
    void anInvalidPortFailsAtParseTimeWithoutEchoingIt(String port) {
        SecretVersion version = version("db/bad-port", "{\"port\": " + port + ", \"username\": \"app\", "
                + "\"password\": \"" + CANARY + "\"}");

        assertThatThrownBy(() -> DatabaseSecret.of(version))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("db/bad-port")
                .hasMessageContaining("\"port\"")
                // the version ID is random hex: leave it out before looking for the value
                .satisfies(e -> assertThat(e.getMessage().replace(version.getVersionId(), ""))
                        .doesNotContain(port.replace("\"", "")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"   ", "\"just a string\"", "[1, 2]"})
    void blankOrNonObjectSecretStringsAreNamedAsSuch(String text) {
        SecretVersion version = version("db/not-object-" + text.trim().length(), text);

        assertThatThrownBy(() -> DatabaseSecret.of(version))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("db/not-object-")
                .hasMessageMatching(".*(not valid JSON|not an object).*");
    }

    @Test
    void invalidJsonIsNamedButNeverEchoed() {
        SecretVersion version = version("db/not-json", "{\"password\": \"" + CANARY + "\"");

        assertThatThrownBy(() -> DatabaseSecret.of(version))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("db/not-json")
                .hasMessageContaining("not valid JSON")
                .hasNoCause()
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(CANARY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"db.example?socketFactory=x", "db/other", "db;user=admin", "db example", "db@h", "db#x"})
    void aHostThatWouldAddUrlStructureFailsAtParseTimeWithoutEchoingIt(String host) {
        SecretVersion version = version("db/bad-host-" + Math.abs(host.hashCode()), SecretJson.object()
                .with("host", host).with("username", "app").with("password", CANARY).toJson());

        assertThatThrownBy(() -> DatabaseSecret.of(version))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("\"host\"")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(host).doesNotContain(CANARY));
    }

    @ParameterizedTest
    @ValueSource(strings = {"db?sslmode=disable", "db&x=1", "db;databaseName=other", "db#x", "a b", "db/other",
            "db=1", "user@db"})
    void aDbnameThatWouldAddUrlStructureFailsAtParseTime(String dbname) {
        SecretVersion version = version("db/bad-dbname-" + Math.abs(dbname.hashCode()), SecretJson.object()
                .with("host", "db.example").with("dbname", dbname).with("username", "app").with("password", CANARY)
                .toJson());

        assertThatThrownBy(() -> DatabaseSecret.of(version))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("\"dbname\"");
    }

    @Test
    void validHostsAndDatabaseNamesAreReturnedReadyForAUrl() throws SQLException {
        DatabaseSecret ipv6 = DatabaseSecret.of(version("db/ipv6", SecretJson.object().with("host", " ::1 ")
                .with("dbname", "orders_2024-eu").with("username", "app").with("password", CANARY).toJson()));
        assertThat(ipv6.host()).isEqualTo("::1");
        assertThat(ipv6.dbname()).isEqualTo("orders_2024-eu");
        DatabaseSecret rds = DatabaseSecret.of(version("db/rds", SecretJson.object()
                .with("host", "app.cluster-abc.eu-west-1.rds.amazonaws.com").with("username", "app")
                .with("password", CANARY).toJson()));
        assertThat(rds.host()).isEqualTo("app.cluster-abc.eu-west-1.rds.amazonaws.com");
        assertThat(rds.dbname()).isNull();
    }

    @Test
    void toStringShowsKeysButNoValue() throws SQLException {
        DatabaseSecret secret = DatabaseSecret.of(version("db/to-string", SecretJson.object()
                .with("username", "app-user").with("password", CANARY).toJson()));

        assertThat(secret.toString())
                .contains("db/to-string").contains("password")
                .doesNotContain(CANARY).doesNotContain("app-user");
    }

    @Test
    void eachVersionIsParsedOnce() throws SQLException {
        SecretVersion version = version("db/memo", SecretJson.object()
                .with("username", "app").with("password", CANARY).toJson());

        assertThat(SecretFields.of(version)).isSameAs(SecretFields.of(cache.getSecretVersion("db/memo")));
        assertThat(DatabaseSecret.of(version).password()).isEqualTo(CANARY);
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> DatabaseSecret.of(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
        SecretVersion version = version("db/args", SecretJson.object().with("username", "a").with("password", "b").toJson());
        assertThatThrownBy(() -> DatabaseSecret.of(version, " ", "password"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("usernameKey");
        assertThatThrownBy(() -> DatabaseSecret.of(version, "username", null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("passwordKey");
    }
}
