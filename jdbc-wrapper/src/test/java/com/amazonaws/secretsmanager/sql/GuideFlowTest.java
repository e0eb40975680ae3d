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

    @Test
    void withAllSevenRegisteredDriverManagerFindsEachSecretsOwnWrapper() throws Exception {
        DatabaseServer mariadb = SharedDatabases.mariadb();
        emulator.client().createSecret(b -> b.name("lookup/maria").secretString(mariadb.secretJson("u", "lookup-Pw1")));

        List<String> lines = runLookup("none", "guide/postgres", "lookup/maria");

        assertThat(lines).containsExactly(
                "REGISTERED 7",
                "DRIVER guide/postgres AWSSecretsManagerPostgreSQLDriver",
                "DRIVER lookup/maria AWSSecretsManagerMariaDBDriver",
                "CONNECTED org.postgresql.jdbc.PgConnection");
    }

    @Test
    void aSecretThatCannotBeReadStillFindsAWrapperWhoseConnectSaysWhy() throws Exception {
        List<String> lines = runLookup("none", "lookup/missing");

        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("DRIVER lookup/missing AWSSecretsManager");
        assertThat(lines.get(2)).startsWith("FAILED 28000").contains("'lookup/missing' was not found");
    }

    @Test
    void anEngineLessSecretFindsTheExplicitlyLoadedWrapper() throws Exception {
        assertThat(runLookup(PACKAGE + "AWSSecretsManagerPostgreSQLDriver", "guide/no-engine")).containsExactly(
                "REGISTERED 7",
                "DRIVER guide/no-engine AWSSecretsManagerPostgreSQLDriver",
                "CONNECTED org.postgresql.jdbc.PgConnection");
    }

    /** {@link DriverLookupMain} in a fresh JVM, configured by system properties (no connection properties). */
    private List<String> runLookup(String driverClass, String... secretIds) throws Exception {
        List<String> command = new ArrayList<>(Arrays.asList(
                "-Ddrivers.endpointOverride=" + emulator.emulator().endpoint(),
                "-Ddrivers.region=" + emulator.emulator().region(),
                DriverLookupMain.class.getName(), driverClass));
        command.addAll(Arrays.asList(secretIds));
        return java(classPath(), command).stream()
                .filter(line -> line.matches("^(REGISTERED|DRIVER|CONNECTED|FAILED) .*"))
                .collect(Collectors.toList());
    }

    private static List<String> classPath() {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return new ArrayList<>(Arrays.asList(path.split(File.pathSeparator)));
    }

    private String run(List<String> classPath, String driverClass, String secretId) throws Exception {
        List<String> output = java(classPath, Arrays.asList(GuideFlowMain.class.getName(), driverClass, secretId,
                emulator.emulator().endpoint().toString(), emulator.emulator().region()));
        return output.stream().filter(line -> line.startsWith("CONNECTED") || line.startsWith("FAILED"))
                .findFirst().orElse("no result line in: " + output);
    }

    /** The output lines of a fresh JVM on {@code classPath} with the emulator's credentials. */
    private List<String> java(List<String> classPath, List<String> arguments) throws Exception {
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(Arrays.asList(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                "-Daws.accessKeyId=" + emulator.emulator().accessKeyId(),
                "-Daws.secretAccessKey=" + emulator.emulator().secretAccessKey(),
                "-cp", String.join(File.pathSeparator, classPath)));
        command.addAll(arguments); // system properties, then the main class and its arguments
        ProcessBuilder builder = new ProcessBuilder(command);
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
        return output;
    }
}
