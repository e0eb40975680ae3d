package dev.smkit.reliability.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerMariaDBDriver;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import dev.smkit.reliability.support.Canary;
import dev.smkit.reliability.support.SharedEmulator;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Bad URLs, bad secrets and bad driver configuration for the PostgreSQL wrapper driver (bound to a cache on the
 * emulator): each ends in a SQLException whose message names the URL, secret ID, key or class at fault, and never
 * echoes a secret value; URLs that are not ours are declined (null), as the JDBC contract asks.
 */
class JdbcBadInputTest {

    static final AtomicInteger SEQUENCE = new AtomicInteger();
    static SecretCache cache;
    static Driver driver;

    @BeforeAll
    static void driver() {
        cache = new SecretCache(SharedEmulator.get().client());
        driver = new AWSSecretsManagerPostgreSQLDriver(cache);
    }

    @AfterAll
    static void close() {
        cache.close();
    }

    /** A secret holding {@code json} with {@code %s} replaced by the PostgreSQL server's host and port fields. */
    static String pg(String template) {
        DatabaseServer postgres = SharedDatabases.postgres();
        return template.replace("%host", "\"host\":\"" + postgres.host() + "\",\"port\":" + postgres.port()
                + ",\"dbname\":\"" + postgres.database() + "\"");
    }

    static Stream<Arguments> cases() {
        String password = "\"password\":\"" + Canary.next() + "\"";
        return Stream.of(
                row("null URL", null, null, null, "(?s).*URL is null.*"),
                row("blank URL", "   ", null, null, "(?s).*URL is blank.*"),
                row("garbage URL", "not a url; at all", null, null, null),
                row("foreign jdbc: URL", "jdbc:postgresql://127.0.0.1:1/x", null, null, null),
                row("scheme typo jdbc-secretsmanager::", "jdbc-secretsmanager::postgresql://127.0.0.1:1/x", null, null,
                        null),
                row("unknown engine", "${id}", pg("{\"engine\":\"cassandra\",%host,\"username\":\"u\"," + password + "}"),
                        null, "(?s).*'${id}'.*engine 'cassandra'.*jdbc-secretsmanager.*"),
                row("secret not JSON", "${id}", "not json " + Canary.next(), null,
                        "(?s).*'${id}'.*not valid JSON.*"),
                row("secret is a JSON array", "${id}", "[\"" + Canary.next() + "\"]", null,
                        "(?s).*'${id}'.*not an object.*"),
                row("secret without username", "${id}", pg("{\"engine\":\"postgres\",%host," + password + "}"), null,
                        "(?s).*'${id}'.*\"username\".*"),
                row("secret without password", "${id}", pg("{\"engine\":\"postgres\",%host,\"username\":\"u\"}"), null,
                        "(?s).*'${id}'.*\"password\".*"),
                row("secret without host", "${id}", "{\"engine\":\"postgres\",\"username\":\"u\"," + password + "}",
                        null, "(?s).*'${id}'.*\"host\".*"),
                row("non-numeric port", "${id}", "{\"engine\":\"postgres\",\"host\":\"127.0.0.1\",\"port\":\"five\","
                        + "\"username\":\"u\"," + password + "}", null, "(?s).*'${id}'.*\"port\".*"),
                row("port out of range", "${id}", "{\"engine\":\"postgres\",\"host\":\"127.0.0.1\",\"port\":70000,"
                        + "\"username\":\"u\"," + password + "}", null, "(?s).*'${id}'.*\"port\".*"),
                row("binary secret", "${id}", SdkBytes.fromUtf8String(Canary.credentials("u")), null,
                        "(?s).*'${id}'.*SecretBinary.*"),
                row("secret that does not exist", "badinput/jdbc/never-created", null, null,
                        "(?s).*'badinput/jdbc/never-created'.*not found.*"),
                row("real driver class per connection", "jdbc-secretsmanager:postgresql://127.0.0.1:1/x",
                        Canary.credentials("u"), properties("drivers.postgresql.realDriverClass", "java.lang.String"),
                        "(?s).*drivers.postgresql.realDriverClass is not accepted per connection.*"),
                row("endpoint per connection", "${id}", Canary.credentials("u"),
                        properties("drivers.endpointOverride", "http://127.0.0.1:1"),
                        "(?s).*drivers.endpointOverride is not accepted per connection.*"),
                row("bad setting value", "${id}", Canary.credentials("u"), properties("drivers.retry.maxAttempts", "many"),
                        "(?s).*drivers.retry.maxAttempts.*many.*"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsNamingTheCulpritOrDeclines(String name, String url, Object secret, Properties settings,
                                         String messagePattern) throws Exception {
        String secretId = "badinput/jdbc/" + SEQUENCE.incrementAndGet();
        if (secret instanceof String) {
            SharedEmulator.get().client().createSecret(r -> r.name(secretId).secretString((String) secret));
        } else if (secret instanceof SdkBytes) {
            SharedEmulator.get().client().createSecret(r -> r.name(secretId).secretBinary((SdkBytes) secret));
        }
        String target = url == null ? null : url.replace("${id}", secretId);
        Properties info = new Properties();
        if (settings != null) {
            info.putAll(settings);
        }
        if (target != null && target.startsWith("jdbc-secretsmanager:")) {
            info.setProperty("user", secretId);
        }
        if (messagePattern == null) {
            assertThat(driver.acceptsURL(target)).as(name).isFalse();
            assertThat(driver.connect(target, info)).as(name).isNull();
            return;
        }
        SQLException thrown = Canary.assertAbsent(catchThrowableOfType(SQLException.class,
                () -> driver.connect(target, info)));
        assertThat((Throwable) thrown).as(name).isNotNull();
        assertThat(thrown.getMessage()).as(name).matches(messagePattern.replace("${id}", secretId));
        assertThat(thrown.getSQLState()).as(name).isIn("08001", "28000");
        if (name.equals("secret that does not exist")) {
            assertThat((Throwable) thrown).hasCauseInstanceOf(ResourceNotFoundException.class);
        }
    }

    @Test
    void typoInTheSchemeIsNamedByDriverManager() throws Exception {
        // No wrapper driver claims "jdbc-secretsmanager::..." (empty subprotocol), so DriverManager reports the URL.
        Class.forName(AWSSecretsManagerPostgreSQLDriver.class.getName());
        String url = "jdbc-secretsmanager::postgresql://127.0.0.1:1/x";
        SQLException thrown = catchThrowableOfType(SQLException.class, () -> DriverManager.getConnection(url, "s", ""));
        assertThat(thrown.getMessage()).contains(url);
    }

    @Test
    void engineWhoseRealDriverIsMissingNamesTheMavenCoordinates() throws Exception {
        // The secret routes to the Oracle wrapper (registered through META-INF/services); ojdbc is not on this classpath.
        String secretId = "badinput/jdbc/oracle";
        SharedEmulator.get().client().createSecret(r -> r.name(secretId).secretString(pg("{\"engine\":\"oracle\",%host,"
                + "\"username\":\"u\",\"password\":\"" + Canary.next() + "\"}")));
        Class.forName(AWSSecretsManagerPostgreSQLDriver.class.getName());
        SQLException thrown = Canary.assertAbsent(catchThrowableOfType(SQLException.class,
                () -> DriverManager.getConnection(secretId, new Properties())));
        assertThat(thrown.getMessage()).matches("(?s).*oracle.*not on the classpath.*com.oracle.database.jdbc:ojdbc.*");
    }

    @Test
    void largestAllowedSecretStillConnects() throws Exception {
        DatabaseServer postgres = SharedDatabases.postgres();
        String password = Canary.next();
        postgres.createUser("badinput_big", password);
        String small = postgres.secretJson("badinput_big", password);
        String padding = "p".repeat(65_536 - small.length() - ",\"padding\":\"\"".length());
        String secret = small.substring(0, small.length() - 1) + ",\"padding\":\"" + padding + "\"}";
        assertThat(secret.length()).isEqualTo(65_536);
        SharedEmulator.get().client().createSecret(r -> r.name("badinput/jdbc/65536").secretString(secret));
        try (Connection connection = driver.connect("badinput/jdbc/65536", new Properties())) {
            assertThat(connection.isValid(5)).isTrue();
        }
    }

    @Test
    void blankSecretStringIsReportedAsNotJson() {
        String secretId = "badinput/jdbc/blank-secret";
        SharedEmulator.get().client().createSecret(r -> r.name(secretId).secretString("   "));
        SQLException thrown = catchThrowableOfType(SQLException.class,
                () -> driver.connect(secretId, new Properties()));
        assertThat((Throwable) thrown).as("a SQLException, not a NullPointerException").isNotNull();
        assertThat(thrown.getMessage()).contains(secretId).contains("not valid JSON");
    }

    @Test
    /** Finding F-2 (fixed in jdbc-wrapper): a dbname that would add driver properties to the URL is refused. */
    void secretFieldsCannotAddDriverProperties() throws Exception {
        DatabaseServer postgres = SharedDatabases.postgres();
        String secretId = "badinput/jdbc/url-injection";
        String json = postgres.secretJson("badinput_inject", Canary.next())
                .replace("\"dbname\":\"" + postgres.database() + "\"",
                        "\"dbname\":\"" + postgres.database() + "?socketFactory=org.example.Injected\"");
        assertThat(json).contains("socketFactory");
        SharedEmulator.get().client().createSecret(r -> r.name(secretId).secretString(json));
        SQLException thrown = catchThrowableOfType(SQLException.class, () -> driver.connect(secretId, new Properties()));
        assertThat(thrown.getMessage()).contains(secretId).contains("dbname").doesNotContain("org.example.Injected");
    }

    @Test
    void databaseNameReachesTheDriverUnchanged() throws Exception {
        for (String dbname : new String[] {"my+db", "db%41"}) {
            String url = Engine.POSTGRESQL.buildUrl("db.example.com", 5432, dbname);
            assertThat(org.postgresql.Driver.parseURL(url, new Properties()).getProperty("PGDBNAME")).as(url)
                    .isEqualTo(dbname);
        }
    }

    @Test
    void getPropertyInfoReportsMalformedUrlsAsSqlException() {
        Driver mariadb = new AWSSecretsManagerMariaDBDriver(cache);
        for (String url : new String[] {"jdbc-secretsmanager:mariadb://\u0000/x",
                "jdbc-secretsmanager:mariadb://h\u001a33iadb://h:sqlA339606/x"}) {
            assertThatCode(() -> {
                try {
                    mariadb.getPropertyInfo(url, new Properties());
                } catch (SQLException documented) {
                    // fine
                }
            }).as(url).doesNotThrowAnyException();
        }
    }

    static Arguments row(String name, String url, Object secret, Properties settings, String messagePattern) {
        return Arguments.of(name, url, secret, settings, messagePattern);
    }

    static Properties properties(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return properties;
    }
}
