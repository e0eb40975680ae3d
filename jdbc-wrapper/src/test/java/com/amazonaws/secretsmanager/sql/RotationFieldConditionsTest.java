package com.amazonaws.secretsmanager.sql;

import static com.amazonaws.secretsmanager.sql.DriverFixture.currentUser;
import static com.amazonaws.secretsmanager.sql.DriverFixture.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smkit.emulator.InjectedError;
import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.DatabaseServer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * Rotations under field conditions, on real PostgreSQL and MariaDB servers: a retry budget of one attempt, and
 * Secrets Manager throttling or failing in the middle of a rotation. The rotation is done by hand (the database's
 * password changes, then AWSCURRENT moves) so each step is deterministic. The cache's client tries each call once,
 * so every injected fault reaches the driver.
 */
class RotationFieldConditionsTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    private DriverFixture fixture;

    @BeforeEach
    void setUp() {
        fixture = DriverFixture.withoutSdkRetries(emulator.emulator());
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    /** A user whose secret has been read (cached) and who then got a new password, in the database and in AWSCURRENT. */
    private String rotatedSecret(DatabaseServer server, String user) throws SQLException {
        server.createUser(user, "before-Pw1");
        String secretId = fixture.createSecret("field/" + user, server.secretJson(user, "before-Pw1"));
        assertThat(currentUser(fixture.driverFor(server).connect(secretId, null))).isEqualTo(user);
        server.setPassword(user, "after-Pw2");
        fixture.putCurrent(secretId, server.secretJson(user, "after-Pw2"));
        fixture.clock.advance(Duration.ofSeconds(5)); // the cache's last check is not "moments ago" any more
        emulator.emulator().resetCallCounts();
        return secretId;
    }

    private static Properties budget(int attempts) {
        Properties info = new Properties();
        info.setProperty("drivers.retry.maxAttempts", String.valueOf(attempts));
        return info;
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb"})
    void aBudgetOfOneAttemptStillChecksForTheNewPassword(String engine) throws SQLException {
        DatabaseServer server = server(engine);
        String secretId = rotatedSecret(server, "budget_one_" + engine);

        assertThat(currentUser(fixture.driverFor(server).connect(secretId, budget(1))))
                .isEqualTo("budget_one_" + engine);

        assertThat(fixture.calls("DescribeSecret")).isEqualTo(1);
        assertThat(fixture.calls("GetSecretValue")).isEqualTo(1);
        assertThat(fixture.clock.sleeps).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb"})
    void oneThrottledDescribeSecretDuringARotationDoesNotFailTheConnection(String engine) throws SQLException {
        DatabaseServer server = server(engine);
        String secretId = rotatedSecret(server, "throttled_once_" + engine);
        emulator.emulator().faults().failNext("DescribeSecret", 1, InjectedError.throttling());

        assertThat(currentUser(fixture.driverFor(server).connect(secretId, null)))
                .isEqualTo("throttled_once_" + engine);

        assertThat(fixture.calls("DescribeSecret")).isEqualTo(2); // the throttled one, then the forced one
        assertThat(fixture.calls("GetSecretValue")).isEqualTo(1);
        assertThat(fixture.clock.sleeps).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb"})
    void secretsManagerThrottledPastTheBudgetSays08001WithTheDatabasesRejectionAttached(String engine)
            throws SQLException {
        DatabaseServer server = server(engine);
        String secretId = rotatedSecret(server, "throttled_long_" + engine);
        emulator.emulator().faults().failNext("DescribeSecret", 100, InjectedError.throttling());

        assertThatThrownBy(() -> fixture.driverFor(server).connect(secretId, budget(3)))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("08001");
                    assertThat(e.getMessage()).contains("'" + secretId + "'").contains("on 1 attempt ")
                            .contains("ThrottlingException").doesNotContain("Pw1").doesNotContain("Pw2");
                    assertThat(e.getCause()).isInstanceOf(SecretsManagerException.class);
                    assertThat(e.getSuppressed()).singleElement().isInstanceOfSatisfying(SQLException.class,
                            rejection -> assertThat(rejection.getSQLState()).isIn("28P01", "28000"));
                });
        // One login; then the check is retried (with no login in between) until the 10 s time budget is spent.
        assertThat(fixture.clock.sleeps.size()).isGreaterThan(2);
        assertThat(fixture.clock.sleeps.stream().mapToLong(Long::longValue).sum()).isEqualTo(10_000L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb"})
    void aFirstReadThatIsThrottledOrFailsOnTheServerSaysTryAgain(String engine) throws SQLException {
        DatabaseServer server = server(engine);
        server.createUser("first_read_" + engine, "first-Pw1");
        String secretId = fixture.createSecret("field/first/" + engine, server.secretJson("first_read_" + engine,
                "first-Pw1"));
        AWSSecretsManagerDriver driver = fixture.driverFor(server);

        emulator.emulator().faults().failNext("DescribeSecret", 1, InjectedError.throttling());
        assertThatThrownBy(() -> driver.connect(secretId, null))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("08001");
                    assertThat(e.getMessage()).contains("'" + secretId + "'").contains("right now");
                    assertThat(e.getCause()).isInstanceOf(SecretsManagerException.class);
                });
        fixture.clock.advance(Duration.ofMinutes(5)); // past the cache's backoff after a failed first read
        emulator.emulator().faults().failNext("GetSecretValue", 1, InjectedError.internalServiceError());
        assertThatThrownBy(() -> driver.connect(secretId, null))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"));
        fixture.clock.advance(Duration.ofMinutes(5));
        assertThat(currentUser(driver.connect(secretId, null))).isEqualTo("first_read_" + engine);
    }
}
