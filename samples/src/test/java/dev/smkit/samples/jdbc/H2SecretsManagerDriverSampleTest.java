package dev.smkit.samples.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.samples.ConsoleCapture;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The H2 wrapper added by subclassing: it connects, and it follows password rotations under load. */
class H2SecretsManagerDriverSampleTest {

    static {
        // H2 slows down every failed login server-wide (250 ms doubling to 4 s, one at a time) against password
        // guessing; the rotation test fails logins on purpose, from eight threads. Read when H2's engine first loads.
        System.setProperty("h2.delayWrongPasswordMin", "0");
        System.setProperty("h2.delayWrongPasswordMax", "0");
    }

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    @TempDir
    Path baseDir;

    @Test
    void mainConnectsThroughTheSubclass() {
        String out = ConsoleCapture.run(() -> H2SecretsManagerDriverSample.main(new String[0]));
        assertThat(out).contains("H2 through the subclassed wrapper: connected as APP_USER");
    }

    /**
     * Eight threads connect and query through DriverManager while the H2 user's password is rotated four times, the
     * way a rotation does it: the database first (ALTER USER ... SET PASSWORD), then the secret. Connections that
     * log in with the old password in between go through the retry path (the subclass's
     * isExceptionDueToAuthenticationError, a version check, a login with the new version): none fails.
     */
    @Test
    void rotatingTheH2PasswordUnderLoadFailsNoConnection() throws Exception {
        Server server = H2SecretsManagerDriverSample.startServer(baseDir, "ROTATING_USER", "h2-Pw-0");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            String secretId = "samples/h2-rotating";
            emulator.client().createSecret(r -> r.name(secretId)
                    .secretString(H2SecretsManagerDriverSample.secretJson(server.getPort(), "ROTATING_USER", "h2-Pw-0")));
            SampleEnvironment.useEmulatorCredentials(emulator.emulator());
            Properties aim = SampleEnvironment.aimDriversAtEmulator(emulator.emulator());
            assertThat(H2SecretsManagerDriverSample.whoAmI(secretId, aim)).isEqualTo("ROTATING_USER");
            emulator.emulator().resetCallCounts();

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger connections = new AtomicInteger();
            List<Future<List<Throwable>>> workers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                workers.add(pool.submit(() -> {
                    List<Throwable> failures = new ArrayList<>();
                    while (running.get()) {
                        try {
                            assertThat(H2SecretsManagerDriverSample.whoAmI(secretId, aim)).isEqualTo("ROTATING_USER");
                            connections.incrementAndGet();
                        } catch (Throwable t) {
                            failures.add(t);
                        }
                    }
                    return failures;
                }));
            }
            try (Connection admin = DriverManager.getConnection(
                    "jdbc:h2:tcp://localhost:" + server.getPort() + "/app", "sa", "sa-Pw-1")) {
                for (int rotation = 1; rotation <= 4; rotation++) {
                    TimeUnit.MILLISECONDS.sleep(300);
                    String password = "h2-Pw-" + rotation;
                    try (Statement statement = admin.createStatement()) {
                        statement.execute("ALTER USER ROTATING_USER SET PASSWORD '" + password + "'");
                    }
                    TimeUnit.MILLISECONDS.sleep(50); // the window in which the secret still holds the old password
                    emulator.client().putSecretValue(r -> r.secretId(secretId).secretString(
                            H2SecretsManagerDriverSample.secretJson(server.getPort(), "ROTATING_USER", password)));
                }
                TimeUnit.MILLISECONDS.sleep(300);
            } finally {
                running.set(false);
            }
            List<Throwable> failures = new ArrayList<>();
            for (Future<List<Throwable>> worker : workers) {
                failures.addAll(worker.get(60, TimeUnit.SECONDS));
            }
            assertThat(failures).isEmpty();
            assertThat(connections.get()).isGreaterThan(50);
            // rejected logins asked Secrets Manager for the new version: the retry path ran
            assertThat(emulator.emulator().callCount("DescribeSecret")).isPositive();
            assertThat(emulator.emulator().callCount("GetSecretValue")).isGreaterThanOrEqualTo(4);
        } finally {
            pool.shutdownNow();
            server.stop();
        }
    }

    @Test
    void theBuiltInWrappersLeaveAnH2SecretToTheSubclass() throws Exception {
        Server server = H2SecretsManagerDriverSample.startServer(baseDir, "APP_USER", "h2-Pw-1");
        try {
            emulator.client().createSecret(r -> r.name("samples/h2-declined")
                    .secretString(H2SecretsManagerDriverSample.secretJson(server.getPort(), "APP_USER", "h2-Pw-1")));
            SampleEnvironment.useEmulatorCredentials(emulator.emulator());
            Properties aim = SampleEnvironment.aimDriversAtEmulator(emulator.emulator());
            Class.forName("dev.smkit.samples.jdbc.H2SecretsManagerDriver");
            Properties info = new Properties();
            info.putAll(aim);
            info.setProperty("user", "samples/h2-declined");
            assertThat(new com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver()
                    .connect("samples/h2-declined", info)).isNull();
            assertThat(DriverManager.getDriver("samples/h2-declined")).isInstanceOf(H2SecretsManagerDriver.class);
        } catch (SQLException e) {
            throw new AssertionError(e);
        } finally {
            server.stop();
        }
    }
}
