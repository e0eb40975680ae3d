package com.amazonaws.secretsmanager.sql;

import static com.amazonaws.secretsmanager.sql.DriverFixture.currentUser;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

class DriverRegistrationTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    private static final List<String> TWO_S = List.of("MySQL", "MariaDB", "PostgreSQL", "Oracle", "MSSQLServer", "Db2",
            "Redshift");

    @Test
    void serviceFileListsExactlyTheSevenTwoSDrivers() throws Exception {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(getClass().getClassLoader()
                .getResourceAsStream("META-INF/services/java.sql.Driver"), StandardCharsets.UTF_8))) {
            List<String> listed = reader.lines().map(String::trim).filter(line -> !line.isEmpty())
                    .filter(line -> line.startsWith("com.amazonaws")).collect(Collectors.toList());
            assertThat(listed).containsExactlyInAnyOrderElementsOf(TWO_S.stream()
                    .map(name -> "com.amazonaws.secretsmanager.sql.AWSSecretsManager" + name + "Driver")
                    .collect(Collectors.toList()));
        }
    }

    @Test
    void eachClassRegistersOnceAndConstructorsNeverRegister() throws Exception {
        for (String name : TWO_S) {
            Class.forName("com.amazonaws.secretsmanager.sql.AWSSecretsManager" + name + "Driver");
            Class.forName("com.amazonaws.secretsmanager.sql.AWSecretsManager" + name + "Driver");
        }
        int before = registeredWrappers().size();
        new AWSSecretsManagerMySQLDriver();
        new AWSecretsManagerPostgreSQLDriver(emulator.client());
        assertThat(registeredWrappers()).hasSize(before);
        for (String name : TWO_S) {
            for (String prefix : new String[] {"AWSSecretsManager", "AWSecretsManager"}) {
                String className = "com.amazonaws.secretsmanager.sql." + prefix + name + "Driver";
                assertThat(registeredWrappers()).filteredOn(d -> d.getClass().getName().equals(className)).hasSize(1);
            }
        }
    }

    private static List<Driver> registeredWrappers() {
        return Collections.list(DriverManager.getDrivers()).stream()
                .filter(driver -> driver instanceof AWSSecretsManagerDriver).collect(Collectors.toList());
    }

    @Test
    void builderAndConfigurationConstructorsBuildTheirClientOnFirstConnect() throws SQLException {
        // a builder whose build() fails, as it does for example when no region can be found
        AtomicInteger builds = new AtomicInteger();
        SecretsManagerClientBuilder failing = (SecretsManagerClientBuilder) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {SecretsManagerClientBuilder.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("build")) {
                        builds.incrementAndGet();
                        throw new IllegalStateException("Unable to load region");
                    }
                    return method.getReturnType().isInstance(proxy) ? proxy : null;
                });
        AWSSecretsManagerDriver broken = new AWSSecretsManagerPostgreSQLDriver(failing);
        assertThat(builds).hasValue(0);
        assertThatThrownBy(() -> broken.connect("db/secret", null))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageContaining("Could not create the Secrets Manager client")
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(builds).hasValue(1);

        DatabaseServer server = SharedDatabases.postgres();
        server.createUser("lazy_user", "lazy-Pw1");
        emulator.client().createSecret(b -> b.name("lazy").secretString(server.secretJson("lazy_user", "lazy-Pw1")));
        assertThat(currentUser(new AWSSecretsManagerPostgreSQLDriver(emulator.emulator().clientBuilder())
                .connect("lazy", null))).isEqualTo("lazy_user");
        assertThat(currentUser(new AWSSecretsManagerPostgreSQLDriver(new SecretCacheConfiguration()
                .withClient(emulator.client())).connect("lazy", null))).isEqualTo("lazy_user");
    }

    @Test
    void subprefixConstants() {
        assertThat(AWSSecretsManagerMSSQLServerDriver.SUBPREFIX).isEqualTo("sqlserver");
        assertThat(AWSecretsManagerPostgreSQLDriver.SUBPREFIX).isEqualTo("postgresql");
        assertThat(AWSSecretsManagerDriver.SCHEME).isEqualTo("jdbc-secretsmanager");
    }
}
