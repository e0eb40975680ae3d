package dev.smkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.ProcessSettings;
import dev.smkit.jdbc.testing.SecretJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Boot's own DataSource with smkit URLs and no {@code driver-class-name}: the wrapper drivers (process-level
 * settings pointed at the emulator) log in to PostgreSQL with the secret's credentials.
 */
class UrlPathTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    private static ProcessSettings drivers;

    @BeforeAll
    static void pointTheDriversAtTheEmulator() {
        drivers = TestDatabases.driversUse(emulator.emulator());
    }

    @AfterAll
    static void restoreTheDriverSettings() {
        drivers.close();
    }

    private static ApplicationContextRunner boot() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SecretCacheAutoConfiguration.class,
                        SmkitDataSourceAutoConfiguration.class, SmkitJdbcUrlAutoConfiguration.class,
                        DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class))
                .withPropertyValues(TestDatabases.cacheProperties(emulator.emulator()));
    }

    @Test
    void aWrappedUrlWithTheSecretAsUsername() throws Exception {
        TestDatabases.createPostgresSecret(emulator.emulator(), "urls/wrapped");
        String url = TestDatabases.postgres().jdbcUrl("postgresql").replaceFirst("^jdbc:", "jdbc-secretsmanager:");
        boot().withPropertyValues("spring.datasource.url=" + url, "spring.datasource.username=urls/wrapped")
                .run(context -> assertLogsInAsTheSecretsUser(context.getBean(JdbcTemplate.class), "urls/wrapped"));
    }

    @Test
    void aBareSecretIdAsTheUrl() throws Exception {
        TestDatabases.createPostgresSecret(emulator.emulator(), "urls/bare");
        boot().withPropertyValues("spring.datasource.url=urls/bare")
                .run(context -> assertLogsInAsTheSecretsUser(context.getBean(JdbcTemplate.class), "urls/bare"));
    }

    private static void assertLogsInAsTheSecretsUser(JdbcTemplate jdbc, String secretId) {
        assertThat(jdbc.queryForObject("select 1", Integer.class)).isEqualTo(1);
        String user = SecretJson.field(emulator.client().getSecretValue(r -> r.secretId(secretId)).secretString(),
                "username");
        assertThat(jdbc.queryForObject("select current_user", String.class)).isEqualTo(user);
    }
}
