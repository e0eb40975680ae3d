package com.amazonaws.secretsmanager.sql;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SecretJson;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** Every path, with all logging (ours, the SDK's, the drivers', the emulator's) at TRACE: the password never shows. */
class CanaryTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    private static final String CANARY = "Canary-Pw-7f3e9c1d";

    private final List<String> seen = new ArrayList<>();
    private GatedAppender appender;

    /** Captures only while open: database administration by the test itself (ALTER USER ...) is not the subject. */
    private static final class GatedAppender extends ListAppender<ILoggingEvent> {
        volatile boolean open;

        @Override
        protected void append(ILoggingEvent event) {
            if (open) {
                super.append(event);
            }
        }
    }

    @Test
    void theCanaryPasswordAppearsNowhere() throws Exception {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Level previousRoot = root.getLevel();
        Logger ours = (Logger) LoggerFactory.getLogger("com.amazonaws.secretsmanager.sql");
        Level previousOurs = ours.getLevel();
        appender = new GatedAppender();
        appender.start();
        root.addAppender(appender);
        root.setLevel(Level.TRACE);
        ours.setLevel(Level.TRACE);
        try (DriverFixture fixture = new DriverFixture(emulator.emulator())) {
            exercise(fixture);
        } finally {
            root.detachAppender(appender);
            root.setLevel(previousRoot);
            ours.setLevel(previousOurs);
        }
        for (ILoggingEvent event : appender.list) {
            seen.add(event.getFormattedMessage());
            for (IThrowableProxy proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
                seen.add(proxy.getClassName() + ": " + proxy.getMessage());
                for (StackTraceElementProxy frame : proxy.getStackTraceElementProxyArray()) {
                    seen.add(frame.getSTEAsString());
                }
            }
        }
        assertThat(appender.list).isNotEmpty();
        assertThat(appender.list).anyMatch(e -> e.getLevel() == Level.WARN
                && e.getLoggerName().equals("com.amazonaws.secretsmanager.sql"));
        assertThat(seen).noneMatch(text -> text != null && text.contains(CANARY));
        assertThat(seen).noneMatch(text -> text != null && text.contains("not-json-" + CANARY));
    }

    private void exercise(DriverFixture fixture) throws Exception {
        DatabaseServer postgres = SharedDatabases.postgres();
        DatabaseServer mariadb = SharedDatabases.mariadb();
        postgres.createUser("canary_user", CANARY);
        mariadb.createUser("canary_user", CANARY);
        String pg = fixture.createSecret("canary/pg", postgres.secretJson("canary_user", CANARY));
        String maria = fixture.createSecret("canary/maria", mariadb.secretJson("canary_user", CANARY));
        AWSSecretsManagerDriver driver = fixture.driverFor(postgres);
        AWSSecretsManagerDriver mariaDriver = fixture.driverFor(mariadb);
        String asMysql = fixture.createSecret("canary/as-mysql",
                SecretJson.parse(mariadb.secretJson("canary_user", CANARY)).with("engine", "mysql").toJson());
        Properties mysqlProps = new Properties();
        mysqlProps.setProperty("sslMode", "DISABLED");
        mysqlProps.setProperty("allowPublicKeyRetrieval", "true");

        // successes, both URL forms, three real drivers
        appender.open = true;
        close(driver.connect(pg, null));
        close(driver.connect(DriverFixture.wrappedUrl(postgres), DriverFixture.user(pg)));
        close(mariaDriver.connect(maria, null));
        close(fixture.timed(new AWSSecretsManagerMySQLDriver(fixture.cache)).connect(asMysql, mysqlProps));

        // the rotation window: the database has a new password only AWSPENDING knows
        appender.open = false;
        postgres.setPassword("canary_user", CANARY + "-2");
        appender.open = true;
        fixture.putPending(pg, postgres.secretJson("canary_user", CANARY + "-2"));
        fixture.clock.advance(Duration.ofSeconds(5));
        close(driver.connect(pg, null));

        // a persistently wrong password, on both servers
        String wrongPg = fixture.createSecret("canary/wrong-pg", postgres.secretJson("canary_user", CANARY + "-wrong"));
        String wrongMaria = fixture.createSecret("canary/wrong-maria", mariadb.secretJson("canary_user", CANARY + "-wrong"));
        Properties quick = new Properties();
        quick.setProperty("drivers.retry.maxAttempts", "3");
        failure(() -> driver.connect(wrongPg, quick));
        failure(() -> mariaDriver.connect(wrongMaria, quick));

        // broken secrets
        fixture.createSecret("canary/not-json", "not-json-" + CANARY);
        failure(() -> driver.connect("canary/not-json", null));
        fixture.createSecret("canary/no-user", SecretJson.object().with("password", CANARY).with("host", "h").toJson());
        failure(() -> driver.connect("canary/no-user", null));
        fixture.createSecret("canary/no-host", SecretJson.object().with("username", "u").with("password", CANARY).toJson());
        failure(() -> driver.connect("canary/no-host", null));
        failure(() -> driver.connect("canary/missing", null));
        // a refused connection with real credentials
        fixture.createSecret("canary/refused", SecretJson.object().with("engine", "postgres").with("host", "127.0.0.1")
                .with("port", 1).with("username", "u").with("password", CANARY).toJson());
        failure(() -> driver.connect("canary/refused", null));

        seen.add(driver.toString());
        seen.add(fixture.cache.toString());
        seen.add(fixture.cache.getSecretVersion(pg).toString());
        seen.add(com.amazonaws.secretsmanager.sql.internal.SecretFields.of(fixture.cache.getSecretVersion(pg)).toString());
        seen.add(dev.smkit.jdbc.DatabaseSecret.of(fixture.cache.getSecretVersion(pg)).toString());
    }

    private static void close(Connection connection) throws SQLException {
        assertThat(connection).isNotNull();
        connection.close();
    }

    private interface Attempt {
        void run() throws Exception;
    }

    private void failure(Attempt attempt) {
        try {
            attempt.run();
            throw new AssertionError("expected a failure");
        } catch (Exception e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            seen.add(trace.toString());
            seen.add(e.toString());
        }
    }
}
