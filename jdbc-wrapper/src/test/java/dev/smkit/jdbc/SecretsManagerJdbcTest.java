package dev.smkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerDriver;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver;
import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SecretsManagerJdbcTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    @Test
    void everySupportedEngineNameMapsToARegisteredWrapperOfThatEngine() throws Exception {
        List<String> services;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(getClass().getResourceAsStream(
                "/META-INF/services/java.sql.Driver"), StandardCharsets.UTF_8))) {
            services = reader.lines().map(String::trim).filter(line -> !line.isEmpty()).collect(Collectors.toList());
        }
        assertThat(SecretsManagerJdbc.supportedEngineNames()).contains("mysql", "aurora", "aurora-mysql", "mariadb",
                "postgres", "postgresql", "aurora-postgresql", "redshift", "oracle", "sqlserver", "db2");

        for (String engine : SecretsManagerJdbc.supportedEngineNames()) {
            String className = SecretsManagerJdbc.wrapperDriverClassName(engine);
            assertThat(services).contains(className);
            assertThat(AWSSecretsManagerDriver.class.isAssignableFrom(Class.forName(className))).isTrue();
        }
        assertThat(SecretsManagerJdbc.wrapperDriverClassName("postgres"))
                .isEqualTo("com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver");
        assertThat(SecretsManagerJdbc.wrapperDriverClassName("Aurora-MySQL"))
                .isEqualTo("com.amazonaws.secretsmanager.sql.AWSSecretsManagerMySQLDriver");
        assertThat(SecretsManagerJdbc.wrapperDriverClassName("sqlserver-ee"))
                .isEqualTo("com.amazonaws.secretsmanager.sql.AWSSecretsManagerMSSQLServerDriver");
        assertThat(SecretsManagerJdbc.wrapperDriverClassName("db2"))
                .isEqualTo("com.amazonaws.secretsmanager.sql.AWSSecretsManagerDb2Driver");
    }

    @Test
    void anUnknownEngineIsNamedWithEverySupportedName() {
        assertThatThrownBy(() -> SecretsManagerJdbc.wrapperDriverClassName("mongo"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'mongo'")
                .satisfies(e -> assertThat(e.getMessage()).contains(SecretsManagerJdbc.supportedEngineNames()));
        assertThatThrownBy(() -> SecretsManagerJdbc.wrapperDriverClassName(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postgres");
    }

    @Test
    void supportedEngineNamesCannotBeModified() {
        assertThatThrownBy(() -> SecretsManagerJdbc.supportedEngineNames().add("mongo"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void theSharedCacheIsTheOneTheDriversUse() throws SQLException {
        DatabaseServer server = SharedDatabases.postgres();
        server.createUser("api_shared", "api-Pw1");
        emulator.client().createSecret(b -> b.name("api/shared").secretString(server.secretJson("api_shared", "api-Pw1")));
        Properties info = new Properties();
        // the endpoint and region are process-level configuration; a distinct TTL (allowed per connection) gives this
        // test its own shared cache (the emulator is reset between tests)
        info.setProperty("drivers.cache.ttlMillis", "3600101");
        String endpoint = "drivers.endpointOverride";
        String region = "drivers.region";
        System.setProperty(endpoint, emulator.emulator().endpoint().toString());
        System.setProperty(region, emulator.emulator().region());
        try {
            theSharedCacheIsTheOneTheDriversUse(info);
        } finally {
            System.clearProperty(endpoint);
            System.clearProperty(region);
        }
    }

    private void theSharedCacheIsTheOneTheDriversUse(Properties info) throws SQLException {
        SecretCache cache = SecretsManagerJdbc.sharedCache("api/shared", info);
        new AWSSecretsManagerPostgreSQLDriver().connect("api/shared", info).close();

        assertThat(SecretsManagerJdbc.sharedCache("api/shared", info)).isSameAs(cache);
        long reads = emulator.emulator().callCount("GetSecretValue");
        assertThat(reads).isEqualTo(1);
        // the driver's read is in this cache: reading through it costs no API call
        assertThat(DatabaseSecret.of(cache.getSecretVersion("api/shared")).username()).isEqualTo("api_shared");
        assertThat(emulator.emulator().callCount("GetSecretValue")).isEqualTo(reads);
        // other settings, another cache
        info.setProperty("drivers.cache.ttlMillis", "3600102");
        assertThat(SecretsManagerJdbc.sharedCache("api/shared", info)).isNotSameAs(cache);
    }

    @Test
    void aWrappedUrlNamesItsEnginesWrapperDriverAndOtherUrlsNone() {
        assertThat(SecretsManagerJdbc.wrapperDriverClassNameForUrl("jdbc-secretsmanager:postgresql://db:5432/app"))
                .isEqualTo("com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver");
        assertThat(SecretsManagerJdbc.wrapperDriverClassNameForUrl("jdbc-secretsmanager:mysql+srv://db/app"))
                .isEqualTo("com.amazonaws.secretsmanager.sql.AWSSecretsManagerMySQLDriver");
        assertThat(SecretsManagerJdbc.wrapperDriverClassNameForUrl("jdbc-secretsmanager:oracle:thin:@//db:1521/x"))
                .isEqualTo("com.amazonaws.secretsmanager.sql.AWSSecretsManagerOracleDriver");
        assertThat(SecretsManagerJdbc.wrapperDriverClassNameForUrl("jdbc-secretsmanager:sqlserver://db;x=y"))
                .isEqualTo("com.amazonaws.secretsmanager.sql.AWSSecretsManagerMSSQLServerDriver");
        assertThat(SecretsManagerJdbc.wrapperDriverClassNameForUrl("jdbc:postgresql://db/app")).isNull();
        assertThat(SecretsManagerJdbc.wrapperDriverClassNameForUrl("prod/orders-db")).isNull();
        assertThat(SecretsManagerJdbc.wrapperDriverClassNameForUrl(null)).isNull();
    }

    @Test
    void aWrappedUrlOfAnUnknownSubprotocolIsNamedWithoutTheRestOfTheUrl() {
        assertThatThrownBy(() -> SecretsManagerJdbc.wrapperDriverClassNameForUrl(
                "jdbc-secretsmanager:mongodb://db/app?password=hunter2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'mongodb'").hasMessageContaining("postgresql, redshift")
                .hasMessageNotContaining("hunter2");
        // a prefix of a known subprotocol is not that subprotocol
        assertThatThrownBy(() -> SecretsManagerJdbc.wrapperDriverClassNameForUrl("jdbc-secretsmanager:postgres://db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'postgres'");
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> SecretsManagerJdbc.sharedCache(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secretId");
        assertThatThrownBy(() -> SecretsManagerJdbc.sharedCache("  ", new Properties()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("secretId");
        Properties bad = new Properties();
        bad.setProperty("drivers.cache.ttlMillis", "soon");
        assertThatThrownBy(() -> SecretsManagerJdbc.sharedCache("api/x", bad))
                .isInstanceOf(SQLException.class).hasMessageContaining("drivers.cache.ttlMillis");
    }
}
