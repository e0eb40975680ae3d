package com.amazonaws.secretsmanager.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import dev.smkit.emulator.InjectedError;
import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.LoginRetryStats;
import dev.smkit.jdbc.SecretsManagerJdbc;
import dev.smkit.jdbc.testing.SecretJson;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * The retry state machine, step by step: a real SecretCache and SDK client against the emulator (SDK retries off, so
 * each injected fault reaches the cache), a scripted database with PostgreSQL's real exceptions, a fake clock and no
 * jitter. Counts and order are asserted, never wall-clock time.
 */
class LoginRetryTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    private static final String SECRET = "retry/app";

    private final TestClock clock = new TestClock();
    private SecretsManagerClient client;
    private SecretCache cache;
    private ScriptedDatabase database;
    private final RotationWindows windows = new RotationWindows();

    @BeforeEach
    void setUp() {
        client = emulator.emulator().clientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build();
        // The cache's own pause after a failed check (at most 50 ms, then 100 ms) is shorter than the retry's backoff
        // (100 ms, then 200 ms): each check of the loop reaches Secrets Manager, whatever the cache's policy inside it.
        cache = new SecretCache(new SecretCacheConfiguration().withClient(client).withTicker(clock)
                .withCacheItemTTL(Duration.ofHours(1)).withRefreshAheadFraction(0).withExceptionRetryDelayBase(50));
        database = new ScriptedDatabase(clock);
        emulator.client().createSecret(b -> b.name(SECRET).secretString(secret("Pw-1")));
        cache.getSecretVersion(SECRET); // loaded: one DescribeSecret, one GetSecretValue
        emulator.emulator().resetCallCounts();
    }

    @AfterEach
    void tearDown() {
        cache.close();
        client.close();
    }

    private static String secret(String password) {
        return SecretJson.object().with("engine", "postgres").with("host", "db.example").with("username", "app")
                .with("password", password).toJson();
    }

    /** The rotation finished in Secrets Manager and the database: AWSCURRENT moved, the database has the new password. */
    private void rotateTo(String password) {
        emulator.client().putSecretValue(b -> b.secretId(SECRET).secretString(secret(password)));
        database.accept(password);
    }

    /** A rotation's window: {@code password} as AWSPENDING; returns its version ID. */
    private String putPending(String password) {
        return emulator.client().putSecretValue(b -> b.secretId(SECRET).secretString(secret(password))
                .versionStages("AWSPENDING")).versionId();
    }

    /** finishSecret: AWSCURRENT moves to {@code versionId} (no DescribeSecret counted). */
    private void finishRotation(String versionId) {
        String currentId = emulator.client().listSecretVersionIds(b -> b.secretId(SECRET)).versions().stream()
                .filter(v -> v.versionStages().contains("AWSCURRENT")).findFirst().get().versionId();
        emulator.client().updateSecretVersionStage(b -> b.secretId(SECRET).versionStage("AWSCURRENT")
                .moveToVersionId(versionId).removeFromVersionId(currentId));
    }

    private Connection connect(int maxAttempts, long maxDurationMillis) throws SQLException {
        return connectWithSpread(maxAttempts, maxDurationMillis, 0, 0);
    }

    private Connection connectWithSpread(int maxAttempts, long maxDurationMillis, long spreadMillis, long salt)
            throws SQLException {
        CachedSecret secret = new CachedSecret(cache, SECRET);
        return retry(maxAttempts, maxDurationMillis, spreadMillis, salt).connect(secret, secret.current(), database);
    }

    private LoginRetry retry(int maxAttempts, long maxDurationMillis, long spreadMillis, long salt) {
        return new LoginRetry(Engine.POSTGRESQL, "username", "password", maxAttempts, maxDurationMillis, spreadMillis,
                salt, clock, d -> d, windows);
    }

    private long calls(String operation) {
        return emulator.emulator().callCount(operation);
    }

    @Test
    void withMaxAttemptsOneTheFirstRejectionStillChecksAndTheNewVersionLogsIn() throws SQLException {
        rotateTo("Pw-2");
        clock.advance(Duration.ofSeconds(5)); // the cache's last check is not recent any more

        assertThat(connect(1, 10_000)).isNotNull();

        assertThat(database.tried).containsExactly("Pw-1", "Pw-2");
        assertThat(calls("DescribeSecret")).isEqualTo(1);
        assertThat(calls("GetSecretValue")).isEqualTo(1);
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void withACheckSpreadTheFirstCheckWaitsThisProcessesShareOfItOnce() throws SQLException {
        rotateTo("Pw-2");
        clock.advance(Duration.ofSeconds(5));

        assertThat(connectWithSpread(6, 10_000, 3_000, 42)).isNotNull();

        assertThat(database.tried).containsExactly("Pw-1", "Pw-2");
        assertThat(clock.sleeps).hasSize(1);
        assertThat(clock.sleeps.get(0)).isBetween(0L, 3_000L);
        assertThat(calls("DescribeSecret")).isEqualTo(1);
    }

    @Test
    void theSpreadGivesOneProcessOneWaitPerVersionAndAFleetWaitsSpreadEvenly() throws SQLException {
        database.acceptNothing();   // the version keeps failing: each connect checks once, then gives up
        assertThatThrownBy(() -> connectWithSpread(1, 10_000, 3_000, 7)).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connectWithSpread(1, 10_000, 3_000, 7)).isInstanceOf(SQLException.class);
        assertThat(clock.sleeps).hasSize(2);
        assertThat(clock.sleeps.get(1)).as("same process, same version").isEqualTo(clock.sleeps.get(0));

        List<Long> fleet = new ArrayList<>();
        for (long process = 100; process < 400; process++) {
            long salt = process;
            clock.sleeps.clear();
            assertThatThrownBy(() -> connectWithSpread(1, 10_000, 3_000, salt)).isInstanceOf(SQLException.class);
            fleet.add(clock.sleeps.get(0));
        }
        long early = fleet.stream().filter(d -> d < 1_000).count();
        long late = fleet.stream().filter(d -> d >= 2_000).count();
        assertThat(fleet).allMatch(d -> d >= 0 && d <= 3_000);
        assertThat(early).as("thirds of the spread, 300 processes: %s", fleet).isBetween(60L, 140L);
        assertThat(late).as("thirds of the spread, 300 processes: %s", fleet).isBetween(60L, 140L);
    }

    @Test
    void noSpreadWaitWhenTheCacheAlreadyHoldsANewerVersion() throws Exception {
        CachedSecret secret = new CachedSecret(cache, SECRET);
        com.amazonaws.secretsmanager.caching.SecretVersion before = secret.current();
        rotateTo("Pw-2");
        clock.advance(Duration.ofSeconds(5));
        assertThat(cache.refreshNow(SECRET)).isTrue();    // another thread of the process already checked
        emulator.emulator().resetCallCounts();

        assertThat(retry(6, 10_000, 3_000, 42).connect(secret, before, database)).isNotNull();

        assertThat(database.tried).containsExactly("Pw-1", "Pw-2");
        assertThat(clock.sleeps).isEmpty();
        assertThat(calls("DescribeSecret")).isZero();
    }

    @Test
    void theSpreadWaitLeavesHalfTheTimeBudgetForTheCheck() throws SQLException {
        rotateTo("Pw-2");
        clock.advance(Duration.ofSeconds(5));

        assertThat(connectWithSpread(6, 500, 1_000_000, 42)).isNotNull();
        assertThat(clock.sleeps).hasSize(1);
        assertThat(clock.sleeps.get(0)).isBetween(0L, 250L);

        // the window shrinks: waits stay spread over it, not bunched at the limit
        List<Long> fleet = new ArrayList<>();
        database.acceptNothing();
        for (long process = 100; process < 200; process++) {
            long salt = process;
            clock.sleeps.clear();
            assertThatThrownBy(() -> connectWithSpread(1, 1_000, 1_000_000, salt)).isInstanceOf(SQLException.class);
            fleet.add(clock.sleeps.get(0));
        }
        assertThat(fleet.stream().filter(d -> d == 500).count()).as("%s", fleet).isLessThanOrEqualTo(2);
        assertThat(fleet.stream().filter(d -> d < 250).count()).as("%s", fleet).isBetween(30L, 70L);
    }

    @Test
    void aLoginSlowerThanTheWholeTimeBudgetStillGetsItsVersionCheck() throws SQLException {
        rotateTo("Pw-2");
        clock.advance(Duration.ofSeconds(5));
        database.eachLoginTakes(Duration.ofSeconds(15));

        assertThat(connect(6, 1_000)).isNotNull();

        assertThat(database.tried).containsExactly("Pw-1", "Pw-2");
        assertThat(calls("DescribeSecret")).isEqualTo(1);
    }

    @Test
    void aNewVersionCostsNoAttemptButWithNothingUntriedLeftMaxAttemptsOneEndsTheConnect() {
        emulator.client().putSecretValue(b -> b.secretId(SECRET).secretString(secret("Pw-2")));
        clock.advance(Duration.ofSeconds(5));

        assertThatThrownBy(() -> connect(1, 10_000))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("28000");
                    assertThat(e.getMessage()).contains("'" + SECRET + "'").contains("on 2 attempts");
                });
        // Pw-2 was new, so it cost no attempt; after its rejection the forced check looks for anything newer, finds
        // nothing untried, and no attempt is left to repeat Pw-2.
        assertThat(database.tried).containsExactly("Pw-1", "Pw-2");
        assertThat(calls("DescribeSecret")).isEqualTo(2);
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void rotationsThatFollowEachOtherDuringOneConnectAreChasedWhateverMaxAttempts() throws SQLException {
        // While this connect waited, one rotation finished (AWSCURRENT Pw-2) and the next reached its single-user
        // window (AWSPENDING Pw-3, already in the database): Pw-1 and Pw-2 are both rejected.
        emulator.client().putSecretValue(b -> b.secretId(SECRET).secretString(secret("Pw-2")));
        database.accept("Pw-3");
        clock.advance(Duration.ofSeconds(5));
        database.onRejection("Pw-2", () -> emulator.client().putSecretValue(b -> b.secretId(SECRET)
                .secretString(secret("Pw-3")).versionStages("AWSPENDING")));

        assertThat(connect(1, 10_000)).isNotNull();

        assertThat(database.tried).containsExactly("Pw-1", "Pw-2", "Pw-3");
        assertThat(calls("DescribeSecret")).isEqualTo(2);
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void credentialsStillRejectedEndIn28000WithTheDatabasesFailureAsCause() {
        assertThatThrownBy(() -> connect(1, 10_000))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("28000");
                    assertThat(e.getMessage()).contains("'" + SECRET + "'").contains("on 1 attempt over 0 ms")
                            .contains("last SQLState 28P01").doesNotContain("Pw-1");
                    assertThat(e.getCause()).isSameAs(database.failures.get(0));
                    assertThat(e.getSuppressed()).isEmpty();
                });
        assertThat(database.tried).containsExactly("Pw-1");
        // the guaranteed check: it may not reuse the load of a moment ago, which predates the rejection
        assertThat(calls("DescribeSecret")).isEqualTo(1);
    }

    @Test
    void aThrottledCheckInTheMiddleOfARotationIsRetriedAndTheConnectSucceeds() throws SQLException {
        rotateTo("Pw-2");
        clock.advance(Duration.ofSeconds(5));
        emulator.emulator().faults().failNext("DescribeSecret", 1, InjectedError.throttling());

        assertThat(connect(6, 10_000)).isNotNull();

        // throttled check, back off, check again (no login with the rejected password in between): the new version
        assertThat(database.tried).containsExactly("Pw-1", "Pw-2");
        assertThat(clock.sleeps).containsExactly(100L);
        assertThat(calls("DescribeSecret")).isEqualTo(2);
        assertThat(calls("GetSecretValue")).isEqualTo(1);
    }

    @Test
    void secretsManagerThrottledPastTheBudgetIs08001WithBothFailuresAttached() {
        rotateTo("Pw-2");
        clock.advance(Duration.ofSeconds(5));
        emulator.emulator().faults().failNext("DescribeSecret", 50, InjectedError.throttling());

        assertThatThrownBy(() -> connect(3, 10_000))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("08001");
                    assertThat(e.getMessage()).contains("'" + SECRET + "'").contains("on 1 attempt ")
                            .contains("could not be asked for a newer version").contains("ThrottlingException")
                            .contains("Try again later").doesNotContain("Pw-1").doesNotContain("Pw-2");
                    assertThat(e.getCause()).isInstanceOf(SecretsManagerException.class);
                    assertThat(((SecretsManagerException) e.getCause()).isThrottlingException()).isTrue();
                    assertThat(e.getSuppressed()).containsExactly(database.failures.get(0));
                });
        // One login: the rejected password is not tried again while Secrets Manager cannot say whether it changed;
        // the checks back off 100 ms doubling to 2 s until the 10 s time budget is spent.
        assertThat(database.tried).containsExactly("Pw-1");
        assertThat(clock.sleeps).containsExactly(100L, 200L, 400L, 800L, 1600L, 2000L, 2000L, 2000L, 900L);
        assertThat(calls("DescribeSecret")).isBetween(2L, (long) clock.sleeps.size() + 1);
    }

    @Test
    void secretsManagerServerErrorsPastTheBudgetAre08001() {
        clock.advance(Duration.ofSeconds(5));
        emulator.emulator().faults().failNext("DescribeSecret", 50, InjectedError.internalServiceError());

        assertThatThrownBy(() -> connect(1, 10_000))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("08001");
                    assertThat(e.getMessage()).contains("on 1 attempt").contains("InternalServiceError (HTTP 500)");
                    assertThat(e.getSuppressed()).hasSize(1);
                    // Failed checks spend time, not logins: the check is retried until the time budget is spent,
                    // each one a call only when the cache's own backoff allows it.
                    Matcher failed = Pattern.compile("\\((\\d+) failed checks").matcher(e.getMessage());
                    assertThat(failed.find()).isTrue();
                    assertThat(calls("DescribeSecret")).isBetween(2L, Long.parseLong(failed.group(1)));
                });
    }

    @Test
    void aSecretsManagerRefusalPastTheBudgetKeeps28000() {
        clock.advance(Duration.ofSeconds(5));
        emulator.emulator().faults().failNext("DescribeSecret", 50,
                InjectedError.of(400, "AccessDeniedException", "not authorized"));

        assertThatThrownBy(() -> connect(1, 10_000))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("28000");
                    assertThat(e.getMessage()).contains("AccessDeniedException");
                    assertThat(e.getCause()).isInstanceOf(SecretsManagerException.class);
                });
    }

    @Test
    void aRefusalNoPasswordCanFixIsNotRetriedAndAsksSecretsManagerNothing() {
        SQLException pgHba = new PSQLException("FATAL: no pg_hba.conf entry for host \"10.0.0.7\", user \"app\", "
                + "database \"orders\", no encryption", PSQLState.INVALID_AUTHORIZATION_SPECIFICATION);
        database.failWith(pgHba);

        assertThatThrownBy(() -> connect(6, 10_000))
                .isInstanceOfSatisfying(SQLException.class, e -> {
                    assertThat(e.getSQLState()).isEqualTo("28000");
                    assertThat(e.getMessage()).contains("'" + SECRET + "'").contains("a new password cannot fix")
                            .contains("access rules").contains("Not retried").doesNotContain("Pw-1");
                    assertThat(e.getCause()).isSameAs(pgHba);
                });
        assertThat(database.tried).containsExactly("Pw-1");
        assertThat(emulator.emulator().callCounts().values().stream().mapToLong(Long::longValue).sum()).isZero();
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void anyOtherFailureIsRethrownAsRaisedAfterOneAttempt() {
        SQLException refused = new PSQLException("Connection to db.example:5432 refused",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT);
        database.failWith(refused);

        assertThatThrownBy(() -> connect(6, 10_000)).isSameAs(refused);
        assertThat(database.tried).containsExactly("Pw-1");
        assertThat(emulator.emulator().callCounts().values().stream().mapToLong(Long::longValue).sum()).isZero();
    }

    @Test
    void inTheSingleUserWindowOnlyTheFirstConnectIsRejectedTheNextOnesStartWithAwsPending() throws Exception {
        String pending = putPending("Pw-2");
        database.accept("Pw-2");
        clock.advance(Duration.ofSeconds(5)); // the first check is a real one and sees AWSPENDING

        assertThat(connect(6, 10_000)).isNotNull();
        assertThat(database.tried).containsExactly("Pw-1", "Pw-2");
        assertThat(calls("DescribeSecret")).isEqualTo(1);

        database.tried.clear();
        assertThat(connect(6, 10_000)).isNotNull();
        assertThat(connect(6, 10_000)).isNotNull();
        assertThat(database.tried).as("the database rejected Pw-1 and accepted Pw-2: no more rejected logins")
                .containsExactly("Pw-2", "Pw-2");
        assertThat(calls("DescribeSecret")).isEqualTo(1);
        assertThat(clock.sleeps).isEmpty();

        // The rotation finishes and the cache sees it: AWSCURRENT again, the window is over.
        finishRotation(pending);
        assertThat(cache.refreshNow(SECRET)).isTrue();
        database.tried.clear();
        assertThat(connect(6, 10_000)).isNotNull();
        assertThat(database.tried).containsExactly("Pw-2");
    }

    @Test
    void aRememberedAwsPendingThatIsRejectedIsForgottenAndItsConnectForcesItsCheck() throws SQLException {
        emulator.client().putSecretValue(b -> b.secretId(SECRET).secretString(secret("Pw-2"))
                .versionStages("AWSPENDING"));
        database.accept("Pw-2");
        clock.advance(Duration.ofSeconds(5));
        assertThat(connect(6, 10_000)).isNotNull();

        database.acceptNothing();
        database.tried.clear();
        assertThatThrownBy(() -> connect(4, 10_000)).isInstanceOf(SQLException.class);
        // Pw-2 (remembered) is rejected: the first check is forced; Pw-1 was rejected already, so nothing is untried
        // and the remaining three attempts repeat AWSCURRENT after backoffs.
        assertThat(database.tried).containsExactly("Pw-2", "Pw-1", "Pw-1", "Pw-1");
        assertThat(clock.sleeps).containsExactly(100L, 200L, 400L);

        database.accept("Pw-1");
        database.tried.clear();
        assertThat(connect(6, 10_000)).isNotNull();
        assertThat(database.tried).as("the window was forgotten").containsExactly("Pw-1");
    }

    @Test
    void aSecondRotationWhileTheCheckOfTheFirstIsStillRecentIsFoundByTheForcedCheck() throws SQLException {
        // Rotation 1 in its single-user window: AWSPENDING holds Pw-2, which the database already has.
        String pending = putPending("Pw-2");
        database.accept("Pw-2");
        clock.advance(Duration.ofSeconds(5));
        assertThat(connect(6, 10_000)).isNotNull();
        assertThat(calls("DescribeSecret")).as("one check after Pw-1 first failed").isEqualTo(1);

        // Within the forced-refresh interval, rotation 1 finishes and rotation 2 reaches its window (Pw-3).
        finishRotation(pending);
        putPending("Pw-3");
        database.acceptNothing();
        database.accept("Pw-3");
        clock.advance(Duration.ofMillis(500));
        database.tried.clear();

        assertThat(connect(6, 10_000)).isNotNull();
        // The window of rotation 1 says Pw-2: rejected, so the check is forced and finds AWSCURRENT Pw-2 (tried) and
        // AWSPENDING Pw-3, which logs in.
        assertThat(database.tried).containsExactly("Pw-2", "Pw-3");
        assertThat(calls("DescribeSecret")).isEqualTo(2);
        assertThat(clock.sleeps).isEmpty();
    }

    @Test
    void anInterruptedBackoffStopsWith08001AndKeepsTheInterruptFlag() {
        clock.interruptSleeps = true;
        try {
            assertThatThrownBy(() -> connect(6, 10_000))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("08001");
                        assertThat(e.getCause()).isInstanceOf(InterruptedException.class);
                        assertThat(e.getSuppressed()).containsExactly(database.failures.get(0));
                    });
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void theProcessWideCountersCountLoginsRetriesByReasonAndConnectsThatGaveUp() throws SQLException {
        // Throttled check, a wait, then the new AWSCURRENT: two logins, one wait on Secrets Manager, one new version.
        rotateTo("Pw-2");
        clock.advance(Duration.ofSeconds(5));
        emulator.emulator().faults().failNext("DescribeSecret", 1, InjectedError.throttling());
        LoginRetryStats before = SecretsManagerJdbc.loginRetryStats();
        assertThat(connect(6, 10_000)).isNotNull();
        assertCountsSince(before, 2, 1, 0, 0, 1, 0);

        // In a rotation's window: AWSCURRENT Pw-2 rejected, AWSPENDING Pw-3 accepted.
        putPending("Pw-3");
        database.acceptNothing();
        database.accept("Pw-3");
        clock.advance(Duration.ofSeconds(5));
        before = SecretsManagerJdbc.loginRetryStats();
        assertThat(connect(6, 10_000)).isNotNull();
        assertCountsSince(before, 2, 0, 1, 0, 0, 0);

        // Nothing accepted, two attempts: the remembered AWSPENDING Pw-3, then Pw-2 again after one backoff; the
        // connect gives up.
        database.acceptNothing();
        clock.advance(Duration.ofSeconds(5));
        before = SecretsManagerJdbc.loginRetryStats();
        assertThatThrownBy(() -> connect(2, 10_000)).isInstanceOf(SQLException.class);
        assertCountsSince(before, 2, 0, 0, 1, 0, 1);
        assertThat(before.retries()).containsOnlyKeys(LoginRetryStats.NEW_CURRENT, LoginRetryStats.PENDING,
                LoginRetryStats.BACKOFF, LoginRetryStats.SECRETS_MANAGER_UNAVAILABLE);
        assertThat(before.toString()).startsWith("LoginRetryStats{attempts=").contains("backoff=");
    }

    /** The counters are process-wide: only their change since {@code before} belongs to this test. */
    private static void assertCountsSince(LoginRetryStats before, long attempts, long newCurrent, long pending,
            long backoff, long unavailable, long rejected) {
        LoginRetryStats after = SecretsManagerJdbc.loginRetryStats();
        assertThat(after.attempts() - before.attempts()).as("attempts").isEqualTo(attempts);
        assertThat(after.retriesFor(LoginRetryStats.NEW_CURRENT) - before.retriesFor(LoginRetryStats.NEW_CURRENT))
                .as("new-current").isEqualTo(newCurrent);
        assertThat(after.retriesFor(LoginRetryStats.PENDING) - before.retriesFor(LoginRetryStats.PENDING))
                .as("pending").isEqualTo(pending);
        assertThat(after.retriesFor(LoginRetryStats.BACKOFF) - before.retriesFor(LoginRetryStats.BACKOFF))
                .as("backoff").isEqualTo(backoff);
        assertThat(after.retriesFor(LoginRetryStats.SECRETS_MANAGER_UNAVAILABLE)
                - before.retriesFor(LoginRetryStats.SECRETS_MANAGER_UNAVAILABLE)).as("unavailable")
                .isEqualTo(unavailable);
        assertThat(after.rejectedAfterBudget() - before.rejectedAfterBudget()).as("rejected after the budget")
                .isEqualTo(rejected);
    }

    /** A database that accepts some passwords and rejects the others with pgjdbc's 28P01, recording each attempt. */
    private static final class ScriptedDatabase implements LoginRetry.Login {
        private final TestClock clock;
        final Set<String> accepted = new HashSet<>();
        final List<String> tried = new ArrayList<>();
        final List<SQLException> failures = new ArrayList<>();
        private SQLException failure;
        private Duration loginTime = Duration.ZERO;
        private final java.util.Map<String, Runnable> onRejection = new java.util.HashMap<>();

        ScriptedDatabase(TestClock clock) {
            this.clock = clock;
        }

        void accept(String... passwords) {
            accepted.addAll(Arrays.asList(passwords));
        }

        void acceptNothing() {
            accepted.clear();
        }

        void failWith(SQLException e) {
            this.failure = e;
        }

        /** Runs {@code action} (once) when {@code password} is rejected, before the rejection reaches the driver. */
        void onRejection(String password, Runnable action) {
            onRejection.put(password, action);
        }

        void eachLoginTakes(Duration duration) {
            this.loginTime = duration;
        }

        @Override
        public Connection attempt(dev.smkit.jdbc.DatabaseSecret credentials) throws SQLException {
            tried.add(credentials.password());
            clock.advance(loginTime);
            if (failure != null) {
                throw failure;
            }
            if (accepted.contains(credentials.password())) {
                return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {Connection.class}, (proxy, method, args) -> null);
            }
            SQLException rejected = new PSQLException("FATAL: password authentication failed for user \""
                    + credentials.username() + "\"", PSQLState.INVALID_PASSWORD);
            failures.add(rejected);
            Runnable action = onRejection.remove(credentials.password());
            if (action != null) {
                action.run();
            }
            throw rejected;
        }
    }
}
