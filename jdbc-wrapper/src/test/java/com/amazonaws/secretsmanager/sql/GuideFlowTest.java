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
 * The user guide's exact flow, each case in a fresh JVM (which driver classes are registered, and in which order, is
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
        SecretJson nobodyListening = withoutEngine.with("port", closedPort());
        emulator.client().createSecret(b -> b.name("guide/no-engine-closed").secretString(nobodyListening.toJson()));
    }

    private static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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

    /**
     * Changed by design (no stack walk any more): with no driver loaded, DriverManager asks the registered wrappers in
     * their registration order and the first one whose real driver is present (MySQL, first in META-INF/services) takes
     * an engine-less secret on a port no engine owns. Its failure carries a hint saying how to name the engine.
     */
    @Test
    void noDriverLoadedAndNoEngineGoesToTheFirstRegisteredWrapperWithAHint() throws Exception {
        List<String> lines = runLines(classPath(), "none", "guide/no-engine-closed");

        assertThat(lines.get(0)).startsWith("FAILED 08");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("SUPPRESSED")
                .contains("has no \"engine\" key").contains("mysql driver").contains("drivers.engine"));
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
        List<String> lines = runLines(classPath, driverClass, secretId);
        return lines.isEmpty() ? "no result line" : lines.get(0);
    }

    /** {@link GuideFlowMain} in a fresh JVM configured by system properties: its result and SUPPRESSED lines. */
    private List<String> runLines(List<String> classPath, String driverClass, String secretId) throws Exception {
        List<String> output = java(classPath, Arrays.asList(
                "-Ddrivers.endpointOverride=" + emulator.emulator().endpoint(),
                "-Ddrivers.region=" + emulator.emulator().region(),
                GuideFlowMain.class.getName(), driverClass, secretId));
        return output.stream().filter(line -> line.matches("^(CONNECTED|FAILED|SUPPRESSED) .*"))
                .collect(Collectors.toList());
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
