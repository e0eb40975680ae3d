package dev.smkit.jdbc.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerDb2Driver;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerDriver;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerMSSQLServerDriver;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerMariaDBDriver;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerMySQLDriver;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerOracleDriver;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerRedshiftDriver;
import com.amazonaws.secretsmanager.util.Config;
import com.amazonaws.secretsmanager.util.JDBCSecretCacheBuilderProvider;
import com.amazonaws.secretsmanager.util.PropertyException;
import com.amazonaws.secretsmanager.util.SQLExceptionUtils;
import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Code written against the AWS driver's public API, compiled and run against this library. */
class UpstreamUserCodeTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    @AfterEach
    void aPostgreSqlWrapperStaysRegistered() {
        if (registered(AWSSecretsManagerPostgreSQLDriver.class).isEmpty()) {
            new AWSSecretsManagerPostgreSQLDriver(); // registers: no instance of its class is
        }
    }

    @Test
    void theAwsDriversConstantsHaveTheirValues() {
        assertThat(AWSSecretsManagerDriver.MAX_RETRY).isEqualTo(5);
        assertThat(AWSSecretsManagerDriver.PROPERTY_PREFIX).isEqualTo("drivers");
        assertThat(AWSSecretsManagerDriver.SCHEME).isEqualTo("jdbc-secretsmanager");
        assertThat(AWSSecretsManagerDriver.INVALID_SECRET_STRING_JSON).isEqualTo("Could not parse SecretString JSON");
        assertThat(AWSSecretsManagerMySQLDriver.ACCESS_DENIED_FOR_USER_USING_PASSWORD_TO_DATABASE).isEqualTo(1045);
        assertThat(AWSSecretsManagerMariaDBDriver.ACCESS_DENIED_FOR_USER_USING_PASSWORD_TO_DATABASE).isEqualTo(1045);
        assertThat(AWSSecretsManagerPostgreSQLDriver.ACCESS_DENIED_FOR_USER_USING_PASSWORD_TO_DATABASE).isEqualTo("28P01");
        assertThat(AWSSecretsManagerPostgreSQLDriver.ACCESS_DENIED_FOR_INVALID_AUTHORIZATION_SPECIFICATION)
                .isEqualTo("28000");
        assertThat(AWSSecretsManagerRedshiftDriver.PGBOUNCER_AUTH_FAILURE).isEqualTo("08P01");
        assertThat(AWSSecretsManagerOracleDriver.INVALID_USERNAME_OR_PASSWORD).isEqualTo(1017);
        assertThat(AWSSecretsManagerOracleDriver.USER_CREDENTIALS_DO_NOT_MATCH).isEqualTo(17079);
        assertThat(AWSSecretsManagerOracleDriver.INCORRECT_USER_PASSWORD).isEqualTo(9911);
        assertThat(AWSSecretsManagerMSSQLServerDriver.LOGIN_FAILED).isEqualTo(18456);
        assertThat(AWSSecretsManagerMSSQLServerDriver.LOGIN_FAILED_UNTRUSTED_DOMAIN).isEqualTo(18452);
        assertThat(AWSSecretsManagerDb2Driver.ACCESS_DENIED_FOR_USER_USING_PASSWORD_TO_DATABASE).isEqualTo(-1403);
        assertThat(AWSSecretsManagerDb2Driver.AUTH_ERROR).isEqualTo(-4214);
    }

    @Test
    void theBuiltInDriversAnswerTheHooksFromTheEngineTable() throws SQLException {
        AWSSecretsManagerDriver postgres = new AWSSecretsManagerPostgreSQLDriver();
        assertThat(postgres.getPropertySubprefix()).isEqualTo("postgresql");
        assertThat(postgres.getDefaultDriverClass()).isEqualTo("org.postgresql.Driver");
        assertThat(postgres.getWrappedDriver()).isInstanceOf(org.postgresql.Driver.class);
        assertThat(postgres.isExceptionDueToAuthenticationError(new SQLException("bad", "28P01"))).isTrue();
        assertThat(postgres.isExceptionDueToAuthenticationError(new SQLException("down", "08001"))).isFalse();
        assertThat(postgres.constructUrlFromEndpointPortDatabase("db-1.cluster.example.com", "5433", "app"))
                .isEqualTo("jdbc:postgresql://db-1.cluster.example.com:5433/app");
        assertThat(postgres.constructUrlFromEndpointPortDatabase("h", null, null)).isEqualTo("jdbc:postgresql://h:5432/");
        assertThatThrownBy(() -> postgres.constructUrlFromEndpointPortDatabase("h/x?socketFactory=evil", "5432", "db"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> postgres.constructUrlFromEndpointPortDatabase("h", "5432", "db?sslfactory=evil"))
                .isInstanceOf(IllegalArgumentException.class);

        AWSSecretsManagerDriver mysql = new AWSSecretsManagerMySQLDriver();
        assertThat(mysql.getDefaultDriverClass()).isEqualTo("com.mysql.cj.jdbc.Driver");
        assertThat(mysql.isExceptionDueToAuthenticationError(new RuntimeException(new SQLException("x", "28000", 1045))))
                .isTrue();
        AWSSecretsManagerDriver sqlServer = new AWSSecretsManagerMSSQLServerDriver();
        assertThat(sqlServer.constructUrlFromEndpointPortDatabase("sql1\\SQLEXPRESS", "", "app"))
                .isEqualTo("jdbc:sqlserver://sql1\\SQLEXPRESS;databaseName=app");
        assertThat(new AWSSecretsManagerOracleDriver().constructUrlFromEndpointPortDatabase("::1", "1521", "ORCL"))
                .isEqualTo("jdbc:oracle:thin:@//[::1]:1521/ORCL");
    }

    @Test
    void theUtilPackageBehavesAsTheAwsDriversDoes() {
        String previous = System.getProperty("drivers.compat.answer");
        System.setProperty("drivers.compat.answer", "42");
        try {
            Config drivers = Config.loadMainConfig().getSubconfig("drivers");
            assertThat(drivers.fullPropertyName("region")).isEqualTo("drivers.region");
            assertThat(drivers.getSubconfig("compat").getIntPropertyWithDefault("answer", 0)).isEqualTo(42);
            assertThat(drivers.getStringPropertyWithDefault("compat.absent", "fallback")).isEqualTo("fallback");
            assertThatThrownBy(() -> drivers.getRequiredStringProperty("compat.absent"))
                    .isInstanceOf(PropertyException.class).hasMessageContaining("drivers.compat.absent");
            assertThat(drivers.getClassPropertyWithDefault("compat.absentClass", String.class)).isEqualTo(String.class);
            assertThat(Config.loadMainConfig()).isEqualTo(Config.loadMainConfig());
        } finally {
            if (previous == null) {
                System.clearProperty("drivers.compat.answer");
            } else {
                System.setProperty("drivers.compat.answer", previous);
            }
        }
        SQLException inner = new SQLException("denied", "28000", 1045);
        RuntimeException loop = new RuntimeException(inner);
        inner.initCause(new IllegalStateException("wrapper"));
        assertThat(SQLExceptionUtils.unwrapAndCheckForCode(loop, 1045)).isTrue();
        assertThat(SQLExceptionUtils.unwrapAndCheckForCode(loop, 1044)).isFalse();
        assertThat(SQLExceptionUtils.unwrapAndCheckForCode(null, 1045)).isFalse();

        System.setProperty("drivers.region", "eu-west-3");
        try {
            assertThat(new JDBCSecretCacheBuilderProvider().build().build().serviceClientConfiguration().region().id())
                    .isEqualTo("eu-west-3");
        } finally {
            System.clearProperty("drivers.region");
        }
    }

    /**
     * The AWS driver's documented way to give a driver its own cache: deregister the registered instance, then
     * construct one; the constructor registers it. DriverManager then holds exactly that one instance of the class.
     */
    @Test
    void deregisterTheDefaultThenConstructYourOwn() throws SQLException {
        DatabaseServer server = SharedDatabases.postgres();
        server.createUser("compat_user", "compat-Pw1");
        emulator.client().createSecret(b -> b.name("compat/pg").secretString(server.secretJson("compat_user", "compat-Pw1")));

        for (Driver driver : registered(AWSSecretsManagerPostgreSQLDriver.class)) {
            DriverManager.deregisterDriver(driver);
        }
        AWSSecretsManagerPostgreSQLDriver mine = new AWSSecretsManagerPostgreSQLDriver(
                new SecretCacheConfiguration().withClient(emulator.client()));
        assertThat(registered(AWSSecretsManagerPostgreSQLDriver.class)).containsExactly(mine);

        Properties info = new Properties();
        info.setProperty("user", "compat/pg");
        try (Connection connection = DriverManager.getConnection("compat/pg", info)) {
            assertThat(currentUser(connection)).isEqualTo("compat_user");
        }
        // a second instance does not register while one is; register() makes an instance the registered one
        AWSSecretsManagerPostgreSQLDriver second = new AWSSecretsManagerPostgreSQLDriver(
                new SecretCacheConfiguration().withClient(emulator.client()));
        assertThat(registered(AWSSecretsManagerPostgreSQLDriver.class)).containsExactly(mine);
        AWSSecretsManagerDriver.register(second);
        assertThat(registered(AWSSecretsManagerPostgreSQLDriver.class)).containsExactly(second);
        try (Connection connection = DriverManager.getConnection("compat/pg", info)) {
            assertThat(currentUser(connection)).isEqualTo("compat_user");
        }
        DriverManager.deregisterDriver(second);
        assertThat(registered(AWSSecretsManagerPostgreSQLDriver.class)).isEmpty();
    }

    /**
     * An engine added by subclassing, as AWS driver users do: here a second PostgreSQL wrapper with its own
     * subprefix. Its hooks decide its URLs and its retries; the built-in wrappers are unchanged.
     */
    @Test
    void aSubclassAddsAnEngineThroughTheHooks() throws SQLException {
        DatabaseServer server = SharedDatabases.postgres();
        server.createUser("hooked_user", "hooked-Pw1");
        emulator.client().createSecret(b -> b.name("compat/hooked").secretString(dev.smkit.jdbc.testing.SecretJson
                .parse(server.secretJson("hooked_user", "hooked-Pw1")).with("engine", "pghooked").toJson()));
        HookedPostgresDriver hooked = new HookedPostgresDriver(new SecretCacheConfiguration().withClient(emulator.client()));
        Properties info = new Properties();
        info.setProperty("user", "compat/hooked");

        assertThat(hooked.acceptsURL("compat/hooked")).isTrue();
        try (Connection connection = hooked.connect("compat/hooked", info)) {
            assertThat(currentUser(connection)).isEqualTo("hooked_user");
        }
        assertThat(hooked.urls).anyMatch(url -> url.startsWith("jdbc:postgresql://"));
        // the built-in PostgreSQL wrapper leaves the subclass's secret alone, and keeps its own hooks
        AWSSecretsManagerPostgreSQLDriver builtIn = new AWSSecretsManagerPostgreSQLDriver(
                new SecretCacheConfiguration().withClient(emulator.client()));
        assertThat(builtIn.acceptsURL("compat/hooked")).isFalse();
        assertThat(builtIn.isExceptionDueToAuthenticationError(new SQLException("x", "28P01"))).isTrue();
        // wrapped URLs with the subclass's subprefix
        String wrapped = "jdbc-secretsmanager:pghooked:" + server.jdbcUrl("postgresql").substring("jdbc:".length());
        assertThat(hooked.acceptsURL(wrapped)).isTrue();
        DriverManager.deregisterDriver(hooked);
    }

    /** A user's subclass: PostgreSQL under another subprefix; the auth hook counts its calls. */
    static final class HookedPostgresDriver extends AWSSecretsManagerDriver {
        final List<String> urls = Collections.synchronizedList(new java.util.ArrayList<>());

        HookedPostgresDriver(SecretCacheConfiguration configuration) {
            super(configuration);
        }

        @Override
        public String getPropertySubprefix() {
            return "pghooked";
        }

        @Override
        public boolean isExceptionDueToAuthenticationError(Exception e) {
            return e instanceof SQLException && "28P01".equals(((SQLException) e).getSQLState());
        }

        @Override
        public String constructUrlFromEndpointPortDatabase(String endpoint, String port, String dbname) {
            String url = "jdbc:postgresql://" + endpoint + ":" + port + "/" + (dbname == null ? "" : dbname);
            urls.add(url);
            return url;
        }

        @Override
        public String getDefaultDriverClass() {
            return "org.postgresql.Driver";
        }
    }

    private static List<Driver> registered(Class<?> type) {
        return Collections.list(DriverManager.getDrivers()).stream().filter(d -> d.getClass() == type)
                .collect(Collectors.toList());
    }

    private static String currentUser(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
