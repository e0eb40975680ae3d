package dev.smkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.ProcessSettings;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/** Every condition of the cache, DataSource and driver-inference auto-configurations, against the emulator. */
class SmkitAutoConfigurationTest {

    private static final String POSTGRES_WRAPPER = "com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver";

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SecretCacheAutoConfiguration.class,
                        SmkitDataSourceAutoConfiguration.class))
                .withPropertyValues(TestDatabases.cacheProperties(emulator.emulator()));
    }

    /** With Boot's DataSource auto-configuration and smkit's driver inference, as in an application. */
    private ApplicationContextRunner bootRunner() {
        return runner().withConfiguration(AutoConfigurations.of(SmkitJdbcUrlAutoConfiguration.class,
                DataSourceAutoConfiguration.class));
    }

    @Test
    void theCacheBeanReadsFromTheConfiguredEndpoint() {
        emulator.client().createSecret(r -> r.name("app/plain").secretString("v1"));
        runner().run(context -> {
            assertThat(context).hasSingleBean(SecretCache.class);
            assertThat(context.getBean(SecretCache.class).getSecretString("app/plain")).isEqualTo("v1");
            assertThat(emulator.emulator().callCount("GetSecretValue")).isEqualTo(1);
        });
    }

    @Test
    void theCacheBeanIsOffWhenDisabled() {
        runner().withPropertyValues("smkit.cache.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SecretCache.class));
    }

    @Test
    void theCacheBeanBacksOffForTheApplicationsOwn() {
        SecretCache own = new SecretCache(new SecretCacheConfiguration().withClient(emulator.client()));
        runner().withBean("ownCache", SecretCache.class, () -> own)
                .run(context -> assertThat(context).getBean(SecretCache.class).isSameAs(own));
        own.close();
    }

    @Test
    void noDataSourceWithoutASecretId() {
        runner().run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DataSource.class));
    }

    @Test
    void aSecretIdGivesAWorkingPoolWithBootsHikariSettingsAheadOfBootsOwnDataSource() throws Exception {
        TestDatabases.createPostgresSecret(emulator.emulator(), "app/db");
        bootRunner().withPropertyValues("smkit.datasource.secret-id=app/db",
                "spring.datasource.hikari.maximum-pool-size=3", "spring.datasource.hikari.pool-name=orders")
                .run(context -> {
                    assertThat(context).hasSingleBean(DataSource.class);
                    HikariDataSource pool = context.getBean(HikariDataSource.class);
                    assertThat(pool.getMaximumPoolSize()).isEqualTo(3);
                    assertThat(pool.getPoolName()).isEqualTo("orders");
                    assertThat(new JdbcTemplate(pool).queryForObject("select 1", Integer.class)).isEqualTo(1);
                    assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isLessThanOrEqualTo(3);
                });
    }

    @Test
    void theSecretDataSourceBacksOffForTheApplicationsOwn() {
        DataSource own = new PGSimpleDataSource();
        runner().withPropertyValues("smkit.datasource.secret-id=app/db")
                .withBean("ownDataSource", DataSource.class, () -> own)
                .run(context -> assertThat(context).getBean(DataSource.class).isSameAs(own));
    }

    @Test
    void aSecretIdAndASpringDatasourceUrlTogetherFailNamingBoth() {
        bootRunner().withPropertyValues("smkit.datasource.secret-id=app/db",
                "spring.datasource.url=jdbc:postgresql://127.0.0.1/other").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(messages(context.getStartupFailure()))
                            .contains("smkit.datasource.secret-id").contains("spring.datasource.url");
                });
    }

    @Test
    void anUnknownSecretFailsStartupNamingIt() {
        runner().withPropertyValues("smkit.datasource.secret-id=app/missing").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("'app/missing'");
        });
    }

    @Test
    void aSecretWithoutAnEngineFailsStartupNamingItButNotItsValue() {
        emulator.client().createSecret(r -> r.name("app/no-engine")
                .secretString("{\"username\":\"u\",\"password\":\"hunter2-value\"}"));
        runner().withPropertyValues("smkit.datasource.secret-id=app/no-engine").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("'app/no-engine'").contains("engine")
                    .doesNotContain("hunter2-value");
        });
    }

    @Test
    void aSecretIdWithoutAnyCacheFailsStartupSayingWhy() {
        runner().withPropertyValues("smkit.datasource.secret-id=app/db", "smkit.cache.enabled=false")
                .run(context -> assertThat(messages(context.getStartupFailure()))
                        .contains("smkit.cache.enabled"));
    }

    @Test
    void aWrappedUrlGetsItsWrapperDriver() {
        bootRunner().withPropertyValues("spring.datasource.url=jdbc-secretsmanager:postgresql://127.0.0.1:5432/x",
                "spring.datasource.username=app/db").run(context -> assertThat(context)
                        .getBean(DataSourceProperties.class).extracting(DataSourceProperties::getDriverClassName)
                        .isEqualTo(POSTGRES_WRAPPER));
    }

    @Test
    void aBareSecretIdUrlGetsTheWrapperDriverOfTheSecretsEngine() throws Exception {
        TestDatabases.createPostgresSecret(emulator.emulator(), "app/bare");
        try (ProcessSettings drivers = TestDatabases.driversUse(emulator.emulator())) {
            bootRunner().withPropertyValues("spring.datasource.url=app/bare").run(context -> assertThat(context)
                    .getBean(DataSourceProperties.class).extracting(DataSourceProperties::getDriverClassName)
                    .isEqualTo(POSTGRES_WRAPPER));
        }
    }

    @Test
    void anExplicitDriverClassNameIsLeftAlone() {
        bootRunner().withPropertyValues("spring.datasource.url=jdbc-secretsmanager:postgresql://127.0.0.1:5432/x",
                "spring.datasource.driver-class-name=org.postgresql.Driver").run(context -> assertThat(context)
                        .getBean(DataSourceProperties.class).extracting(DataSourceProperties::getDriverClassName)
                        .isEqualTo("org.postgresql.Driver"));
    }

    @Test
    void aPlainJdbcUrlIsNotInferred() {
        bootRunner().withPropertyValues("spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/x").run(context ->
                assertThat(context).getBean(DataSourceProperties.class)
                        .extracting(DataSourceProperties::getDriverClassName).isNull());
    }

    /** Every message in {@code failure}'s cause chain, one per line. */
    static String messages(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }
}
