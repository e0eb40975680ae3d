package com.amazonaws.secretsmanager.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SecretJson;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The user guide's exact flow, each case in a fresh JVM (which driver classes the application loaded is
 * per-JVM state): {@code Class.forName(...)} then {@code DriverManager.getConnection(secretId, info)}, with all seven
 * drivers found by ServiceLoader.
 */
class GuideFlowTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    private static final String PACKAGE = "com.amazonaws.secretsmanager.sql.";

    private DatabaseServer server;

    @BeforeEach
    void setUp() throws SQLException {
        server = SharedDatabases.postgres();
        server.createUser("guide_user", "guide-Pw1");
        SecretJson withoutEngine = SecretJson.parse(server.secretJson("guide_user", "guide-Pw1")).without("engine");
        emulator.client().createSecret(b -> b.name("guide/no-engine").secretString(withoutEngine.toJson()));
        emulator.client().createSecret(b -> b.name("guide/postgres")
                .secretString(server.secretJson("guide_user", "guide-Pw1")));
    }

    @Test
    void oneSDriverNameWithoutEngine() throws Exception {
        assertThat(run(classPath(), PACKAGE + "AWSecretsManagerPostgreSQLDriver", "guide/no-engine"))
                .isEqualTo("CONNECTED org.postgresql.jdbc.PgConnection");
    }

    @Test
    void twoSDriverNameWithoutEngine() throws Exception {
        assertThat(run(classPath(), PACKAGE + "AWSSecretsManagerPostgreSQLDriver", "guide/no-engine"))
                .isEqualTo("CONNECTED org.postgresql.jdbc.PgConnection");
    }

    @Test
    void noDriverLoadedAndNoEngineIsAmbiguousWithAHelpfulMessage() throws Exception {
        assertThat(run(classPath(), "none", "guide/no-engine"))
                .startsWith("FAILED 08001")
                .contains("ambiguous")
                .contains("Add \"engine\" to the secret");
    }

    @Test
    void noDriverLoadedButEngineInTheSecret() throws Exception {
        assertThat(run(classPath(), "none", "guide/postgres")).isEqualTo("CONNECTED org.postgresql.jdbc.PgConnection");
    }

    @Test
    void anotherEnginesDriverLoadedStillReachesTheSecretsEngine() throws Exception {
        assertThat(run(classPath(), PACKAGE + "AWSecretsManagerMySQLDriver", "guide/postgres"))
                .isEqualTo("CONNECTED org.postgresql.jdbc.PgConnection");
    }

    @Test
    void aMissingRealDriverIsNamedWithItsMavenCoordinates() throws Exception {
        List<String> withoutPostgres = classPath().stream()
                .filter(entry -> !entry.contains(File.separator + "postgresql" + File.separator + "postgresql"))
                .collect(Collectors.toList());
        assertThat(withoutPostgres).hasSizeLessThan(classPath().size());
        assertThat(run(withoutPostgres, "none", "guide/postgres"))
                .startsWith("FAILED 08001")
                .contains("org.postgresql.Driver")
                .contains("org.postgresql:postgresql");
    }

    private static List<String> classPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ArrayList<>(Arrays.asList(path.split(File.pathSeparator)));
    }

    private String run(List<String> classPath, String driverClass, String secretId) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-Daws.accessKeyId=" + emulator.emulator().accessKeyId(),
                "-Daws.secretAccessKey=" + emulator.emulator().secretAccessKey(),
                "-cp", String.join(File.pathSeparator, classPath), GuideFlowMain.class.getName(),
                driverClass, secretId, emulator.emulator().endpoint().toString(), emulator.emulator().region());
        builder.redirectErrorStream(true);
        Process process = builder.start();
        List<String> output = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                output.add(line);
            }
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return output.stream().filter(line -> line.startsWith("CONNECTED") || line.startsWith("FAILED"))
                .findFirst().orElse("no result line in: " + output);
    }
}
