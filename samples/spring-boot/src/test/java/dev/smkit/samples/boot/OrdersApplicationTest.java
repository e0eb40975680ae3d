package dev.smkit.samples.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import dev.smkit.spring.boot.test.AutoConfigureSecretsManagerEmulator;
import dev.smkit.spring.boot.test.AutoConfigureSecretsManagerEmulator.Secret;
import dev.smkit.spring.boot.test.SecretsManagerEmulators;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The sample as a user would test it: the real application class, smkit's emulator in place of Secrets Manager, an
 * embedded PostgreSQL (password checks on) in place of the database. The database secret is created here because
 * its port is known only at run time; the report settings come from the annotation.
 */
@SpringBootTest(classes = OrdersApplication.class)
@AutoConfigureSecretsManagerEmulator(secrets = @Secret(id = "demo/orders-report",
        value = "{\"report\": {\"title\": \"Test orders\", \"largeOrderCents\": 5000}}"))
class OrdersApplicationTest {

    private static final String USER = "orders_sample_" + ProcessHandle.current().pid();

    @Autowired
    OrdersReport report;

    @Autowired
    DataSource dataSource;

    @Autowired
    SecretsManagerEmulator emulator;

    @BeforeAll
    static void databaseAndItsSecret() throws Exception {
        DatabaseServer postgres = SharedDatabases.postgres();
        postgres.createUser(USER, "first-Password-1");
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl("postgresql"), USER,
                "first-Password-1"); Statement statement = connection.createStatement()) {
            statement.execute("create table if not exists orders (id serial primary key, amount_cents bigint)");
            statement.execute("truncate orders");
            statement.execute("insert into orders (amount_cents) values (1200), (5000), (25000)");
        }
        SecretsManagerEmulators.shared().client().createSecret(r -> r.name("demo/orders-db")
                .secretString(postgres.secretJson(USER, "first-Password-1")));
    }

    @Test
    void reportsOrdersWithTheImportedSettings() {
        assertThat(report.line()).isEqualTo("Test orders: 3 orders, 2 of at least 5000 cents");
    }

    @Test
    void keepsReadingOrdersAfterThePasswordRotates() throws Exception {
        DatabaseServer postgres = SharedDatabases.postgres();
        postgres.setPassword(USER, "second-Password-2");
        emulator.client().putSecretValue(r -> r.secretId("demo/orders-db")
                .secretString(postgres.secretJson(USER, "second-Password-2")));
        // New logins from here on: the pool's next login is rejected, the driver finds the new version and retries.
        ((HikariDataSource) dataSource).getHikariPoolMXBean().softEvictConnections();

        assertThat(report.line()).isEqualTo("Test orders: 3 orders, 2 of at least 5000 cents");
    }
}
