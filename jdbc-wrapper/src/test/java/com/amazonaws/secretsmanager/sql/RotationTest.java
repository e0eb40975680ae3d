package com.amazonaws.secretsmanager.sql;

import static com.amazonaws.secretsmanager.sql.DriverFixture.currentUser;
import static com.amazonaws.secretsmanager.sql.DriverFixture.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smkit.emulator.RotationOutcome;
import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.DatabaseRotation;
import dev.smkit.jdbc.testing.DatabaseServer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Rotations on real servers: no failed connection, few API calls. */
class RotationTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    private DriverFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = new DriverFixture(emulator.emulator(), Duration.ofMinutes(10));
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    /** RotateSecret, then wait until the emulator's background rotation has finished (it answers at once, as AWS). */
    private static void rotate(String secretId) {
        emulator.client().rotateSecret(b -> b.secretId(secretId));
        RotationOutcome outcome = emulator.emulator().awaitRotation(secretId, Duration.ofSeconds(60));
        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
    }

    private String connectedSecret(DatabaseServer server, String name, String user, String password) throws SQLException {
        server.createUser(user, password);
        String secretId = fixture.createSecret(name, server.secretJson(user, password));
        assertThat(currentUser(fixture.driverFor(server).connect(secretId, null))).isEqualTo(user);
        return secretId;
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb"})
    void singleUserRotationIsFollowedWithOneVersionCheck(String engine) throws SQLException {
        DatabaseServer server = server(engine);
        String secretId = connectedSecret(server, "rotate/single/" + engine, "single_" + engine, "single-Pw1");
        emulator.emulator().registerRotation(secretId, DatabaseRotation.singleUser(server));
        rotate(secretId);
        fixture.clock.advance(Duration.ofSeconds(5));
        emulator.emulator().resetCallCounts();

        Connection connection = fixture.driverFor(server).connect(secretId, null);

        assertThat(currentUser(connection)).isEqualTo("single_" + engine);
        assertThat(fixture.calls("DescribeSecret")).isEqualTo(1);
        assertThat(fixture.calls("GetSecretValue")).isEqualTo(1);
        assertThat(fixture.clock.sleeps).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb"})
    void aVersionCheckFromJustBeforeTheRotationDoesNotHideTheNewPassword(String engine) throws SQLException {
        DatabaseServer server = server(engine);
        String secretId = connectedSecret(server, "rotate/recent/" + engine, "recent_" + engine, "recent-Pw1");
        emulator.emulator().registerRotation(secretId, DatabaseRotation.singleUser(server));
        // The load above is a check of a moment ago, but from before the rotation: the check after the failed login
        // must not reuse it, since only a check that started after the failure is sure to see the new version.
        rotate(secretId);
        emulator.emulator().resetCallCounts();

        Connection connection = fixture.driverFor(server).connect(secretId, null);

        assertThat(currentUser(connection)).isEqualTo("recent_" + engine);
        assertThat(fixture.clock.sleeps).as("no backoff: the first check finds the new version").isEmpty();
        assertThat(fixture.calls("DescribeSecret")).isEqualTo(1);
        assertThat(fixture.calls("GetSecretValue")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb"})
    void singleUserWindowIsBridgedByThePendingVersion(String engine) throws SQLException {
        DatabaseServer server = server(engine);
        String user = "window_" + engine;
        String secretId = connectedSecret(server, "rotate/window/" + engine, user, "window-Pw1");
        // setSecret has run (the database has the new password) but finishSecret has not: AWSCURRENT is still old
        server.setPassword(user, "window-Pw2");
        fixture.putPending(secretId, server.secretJson(user, "window-Pw2"));
        fixture.clock.advance(Duration.ofSeconds(5));

        Connection connection = fixture.driverFor(server).connect(secretId, null);

        assertThat(currentUser(connection)).isEqualTo(user);
        assertThat(fixture.clock.sleeps).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb"})
    void alternatingUsersRotationSwitchesUsersWithoutFailures(String engine) throws SQLException {
        DatabaseServer server = server(engine);
        String user = "alternate_" + engine;
        String secretId = connectedSecret(server, "rotate/alternate/" + engine, user, "alternate-Pw1");
        emulator.emulator().registerRotation(secretId, DatabaseRotation.alternatingUsers(server));
        AWSSecretsManagerDriver driver = fixture.driverFor(server);

        rotate(secretId);
        // until the cache checks again, the previous user still logs in (that is the point of this strategy)
        assertThat(currentUser(driver.connect(secretId, null))).isEqualTo(user);
        fixture.clock.advance(Duration.ofMinutes(11));
        assertThat(currentUser(driver.connect(secretId, null))).isEqualTo(user + "_clone");

        rotate(secretId);
        fixture.clock.advance(Duration.ofMinutes(11));
        assertThat(currentUser(driver.connect(secretId, null))).isEqualTo(user);
        assertThat(fixture.clock.sleeps).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb"})
    void aPersistentlyWrongPasswordEndsWithinTheBudget(String engine) {
        DatabaseServer server = server(engine);
        String user = "wrong_" + engine;
        try {
            server.createUser(user, "right-Pw1");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        String secretId = fixture.createSecret("rotate/wrong/" + engine, server.secretJson(user, "wrong-Pw9"));
        Properties info = new Properties();
        info.setProperty("drivers.retry.maxAttempts", "5");
        info.setProperty("drivers.retry.maxDurationMillis", "3000");

        assertThatThrownBy(() -> fixture.driverFor(server).connect(secretId, info))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("28000");
                    assertThat(e.getErrorCode()).isEqualTo("postgres".equals(engine) ? 0 : 1045);
                    assertThat(e.getMessage()).contains("'" + secretId + "'").contains("5 attempts").contains(" ms");
                    assertThat(e.getCause()).isInstanceOf(SQLException.class);
                    assertThat(((SQLException) e.getCause()).getSQLState()).isIn("28P01", "28000");
                });
        assertThat(fixture.clock.sleptMillis()).isLessThanOrEqualTo(3000);
        assertThat(fixture.clock.sleeps).hasSize(4);
        // the load just happened: the first check reuses it, the second is forced, later ones reuse that one until a
        // second of (fake) backoff has passed
        assertThat(fixture.calls("DescribeSecret")).isBetween(2L, 3L);
        assertThat(fixture.calls("GetSecretValue")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb"})
    void thirtyTwoThreadsRightAfterARotationAllSucceedWithTwoCallsAtMost(String engine) throws Exception {
        DatabaseServer server = server(engine);
        String user = "herd_" + engine;
        String secretId = connectedSecret(server, "rotate/herd/" + engine, user, "herd-Pw1");
        emulator.emulator().registerRotation(secretId, DatabaseRotation.singleUser(server));
        rotate(secretId);
        fixture.clock.advance(Duration.ofSeconds(5));
        emulator.emulator().resetCallCounts();
        AWSSecretsManagerDriver driver = fixture.driverFor(server);
        int threads = 32;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return currentUser(driver.connect(secretId, null));
                }));
            }
            start.countDown();
            for (Future<String> result : results) {
                assertThat(result.get(60, TimeUnit.SECONDS)).isEqualTo(user);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(fixture.calls("DescribeSecret")).isBetween(1L, 2L);
        assertThat(fixture.calls("GetSecretValue")).isBetween(1L, 2L);
    }
}
