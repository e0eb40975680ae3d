package com.amazonaws.secretsmanager.sql.internal;

import com.amazonaws.secretsmanager.caching.SecretVersion;
import dev.smkit.jdbc.DatabaseSecret;
import dev.smkit.jdbc.LoginRetryStats;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs in with a secret's credentials and follows credential rotations: one {@code connect}'s state machine.
 *
 * <pre>
 *   START: AWSPENDING if {@link RotationWindows} knows the database accepts it and rejects AWSCURRENT, else AWSCURRENT
 *   LOGIN(version) --ok--------------------------------------------------&gt; connection
 *        |--refused (host rules, locked, no database, TLS)------------------&gt; throw (real SQLState), no API call
 *        |--other failure (network, timeout...)---------------------------&gt; rethrow as raised, no API call
 *        '--wrong credentials--&gt; CHECK (first rejection: always, whatever the budget)
 *   (first rejection, with drivers.retry.checkSpreadMillis: wait a per-process share of the spread, shrunk to half
 *    the time left if longer, unless the cache already holds a newer AWSCURRENT)
 *   CHECK --a version this connect has not tried (new AWSCURRENT first, then AWSPENDING)--&gt; LOGIN(it)
 *         --nothing untried--&gt; BACK_OFF, or GIVE_UP(28000) when the budget is spent
 *         --Secrets Manager failed--&gt; wait (backoff) and CHECK again, with no login in between, or GIVE_UP(08001,
 *                              or 28000 if it refused) when the time budget is spent
 *   BACK_OFF (100 ms doubling to 2 s, jittered into [d/2, d], never past the time budget) --&gt; LOGIN(AWSCURRENT)
 * </pre>
 *
 * The budget is {@code drivers.retry.maxDurationMillis} for the whole connect and {@code drivers.retry.maxAttempts}
 * for the logins that repeat credentials: the first login and every login with a version this connect saw rejected
 * already. A version it has not tried yet is worth one login while time is left (the first check's always is): rotations
 * that follow each other while a connect waits, through an outage say, cost it no attempts, and their number is
 * bounded by the time budget. Failed checks spend only time. Checks:
 * <ul>
 *   <li>the first asks for the version current after a check that started after the rejected version first failed
 *       ({@link CachedSecret#checkAfterFailure}): all threads failing on the same version share one such check, and
 *       it is sure to see what made the version fail;</li>
 *   <li>the second is forced ({@link CachedSecret#checkNow}): the first one's answer was just rejected too, so
 *       something changed again after it (a second rotation, for instance). A connect that started with a remembered
 *       AWSPENDING and had it rejected forces its first check instead: the window it relied on has just ended;</li>
 *   <li>later ones are shared again, so a secret that stays wrong costs at most one check per the cache's
 *       forced-refresh interval.</li>
 * </ul>
 * The final error names
 * the secret, attempts and elapsed time, never a secret value, and carries both failures: the database's and
 * Secrets Manager's (one as cause, the other suppressed).
 */
public final class LoginRetry {

    /** One login with the given credentials; returns the connection or throws the real driver's exception. */
    public interface Login {
        Connection attempt(DatabaseSecret credentials) throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger("com.amazonaws.secretsmanager.sql");
    private static final long FIRST_BACKOFF_MILLIS = 100;
    private static final long MAX_BACKOFF_MILLIS = 2000;
    /**
     * This JVM's place in the check spread. Random per process, so a fleet's processes spread out; the same for every
     * connect of the process, so its threads failing on one version wake together and share one check.
     */
    public static final long PROCESS_SPREAD_SALT = ThreadLocalRandom.current().nextLong();
    /** A sleep of d milliseconds becomes one in [d/2, d]. */
    static final LongUnaryOperator RANDOM_JITTER = d -> d / 2 + ThreadLocalRandom.current().nextLong(d / 2 + 1);

    private final Dialect engine;
    private final String usernameKey;
    private final String passwordKey;
    private final int maxAttempts;
    private final long maxDurationMillis;
    private final long checkSpreadMillis;
    private final long spreadSalt;
    private final RetryTiming timing;
    private final LongUnaryOperator jitter;
    private final RotationWindows windows;

    /**
     * @param spreadSalt {@link #PROCESS_SPREAD_SALT}; a simulation of many processes in one JVM gives each its own
     */
    public LoginRetry(Dialect engine, DriverSettings settings, RetryTiming timing, RotationWindows windows,
                      long spreadSalt) {
        this(engine, settings.usernameKey(), settings.passwordKey(), settings.retryMaxAttempts(),
                settings.retryMaxDurationMillis(), settings.retryCheckSpreadMillis(), spreadSalt, timing, RANDOM_JITTER,
                windows);
    }

    LoginRetry(Dialect engine, String usernameKey, String passwordKey, int maxAttempts, long maxDurationMillis,
               long checkSpreadMillis, long spreadSalt, RetryTiming timing, LongUnaryOperator jitter,
               RotationWindows windows) {
        this.engine = engine;
        this.usernameKey = usernameKey;
        this.passwordKey = passwordKey;
        this.maxAttempts = maxAttempts;
        this.maxDurationMillis = maxDurationMillis;
        this.checkSpreadMillis = checkSpreadMillis;
        this.spreadSalt = spreadSalt;
        this.timing = timing;
        this.jitter = jitter;
        this.windows = windows;
    }

    /** Logs in with {@code current}'s credentials, following rotations of {@code secret} as described above. */
    public Connection connect(CachedSecret secret, SecretVersion current, Login login) throws SQLException {
        Run run = new Run(secret, current);
        SecretVersion next = run.firstVersion();
        while (true) {
            DatabaseSecret credentials = DatabaseSecret.of(next, usernameKey, passwordKey);
            Exception failure;
            try {
                LoginRetryCounters.attempt();
                Connection connection = login.attempt(credentials);
                run.accepted(next);
                return connection;
            } catch (SQLException | RuntimeException e) {
                failure = e;
            }
            LoginFailure verdict = engine.classify(failure);
            switch (verdict.kind()) {
                case WRONG_CREDENTIALS:
                    run.rejected(next, verdict.evidence(), failure);
                    next = run.nextVersion();
                    break;
                case REFUSED:
                    throw refused(secret.secretId(), verdict, failure);
                default:
                    throw rethrow(failure);
            }
        }
    }

    private static SQLException refused(String secretId, LoginFailure verdict, Exception failure) {
        SQLException evidence = verdict.evidence();
        return new SQLException("The database refused the login with the credentials from secret '" + secretId
                + "' for a reason a new password cannot fix: " + verdict.refusal().description() + " (SQLState "
                + evidence.getSQLState() + ", vendor code " + evidence.getErrorCode() + "). Not retried; Secrets "
                + "Manager was not asked for a newer version.",
                evidence.getSQLState() != null ? evidence.getSQLState() : "28000", evidence.getErrorCode(), failure);
    }

    private static SQLException rethrow(Exception failure) {
        if (failure instanceof SQLException) {
            return (SQLException) failure;
        }
        throw (RuntimeException) failure;
    }

    /** The state of one {@code connect}. */
    private final class Run {
        private final CachedSecret secret;
        private final long start = timing.nanoTime();
        /** The newest AWSCURRENT version known to this connect. */
        private SecretVersion current;
        private int attempts;
        /** Logins with credentials this connect saw rejected before: what {@code maxAttempts} bounds, with the first. */
        private int repeats;
        private boolean lastLoginRepeated;
        private int checks;
        /** Which check is forced: the second, or the first after a remembered AWSPENDING was rejected. */
        private int forcedCheck = 2;
        private long backoff = FIRST_BACKOFF_MILLIS;
        /** The version IDs the database rejected in this connect (or, remembered, just before it). */
        private final Set<String> rejectedVersionIds = new HashSet<>();
        private String rememberedPendingId;
        private SQLException lastRejection;
        private Exception lastFailure;
        private boolean lastCheckFailed;
        private int failedChecks;
        private RuntimeException lastSecretsManagerError;

        Run(CachedSecret secret, SecretVersion current) {
            this.secret = secret;
            this.current = current;
        }

        /** AWSPENDING when a rotation window is known (see {@link RotationWindows}), else AWSCURRENT. */
        SecretVersion firstVersion() {
            SecretVersion pending = windows.pendingToUse(secret, current);
            if (pending == null) {
                return current;
            }
            rememberedPendingId = pending.getVersionId();
            rejectedVersionIds.add(current.getVersionId());
            return pending;
        }

        void accepted(SecretVersion version) {
            if (version.getVersionId().equals(current.getVersionId())) {
                windows.acceptedCurrent(secret.secretId(), current.getVersionId());
            } else if (rejectedVersionIds.contains(current.getVersionId())) {
                windows.acceptedPending(secret.secretId(), current.getVersionId(), version.getVersionId());
            }
        }

        void rejected(SecretVersion version, SQLException rejection, Exception failure) {
            attempts++;
            lastLoginRepeated = !rejectedVersionIds.add(version.getVersionId());
            if (lastLoginRepeated) {
                repeats++;
            }
            if (version.getVersionId().equals(rememberedPendingId)) {
                windows.rejectedPending(secret.secretId(), rememberedPendingId);
                forcedCheck = 1;
            }
            lastRejection = rejection;
            lastFailure = failure;
        }

        /** The version to log in with next, or the final error. */
        SecretVersion nextVersion() throws SQLException {
            boolean firstCheck = checks == 0;
            // After a repeat there is nothing new to chase: with no repeat left, give up without another check.
            if (!firstCheck && (outOfTime() || (lastLoginRepeated && !withinBudget()))) {
                throw giveUp();
            }
            if (firstCheck) {
                spreadFirstCheck();
            }
            SecretVersion checked = check();
            while (checked == null) {
                // Logging in again with the credentials just rejected would only spend the attempts: Secrets Manager
                // failures spend time alone, and the next login waits for a check that answers.
                if (outOfTime()) {
                    throw giveUp();
                }
                pause("could not check Secrets Manager for a newer version"
                        + (lastSecretsManagerError != null
                        ? " (" + SecretsManagerFailures.describe(lastSecretsManagerError) + ")" : ""));
                LoginRetryCounters.retry(LoginRetryStats.SECRETS_MANAGER_UNAVAILABLE);
                checked = check();
            }
            current = checked;
            if (firstCheck || !outOfTime()) {
                if (!rejectedVersionIds.contains(current.getVersionId())) {
                    warn("retrying with new version " + current.getVersionId());
                    LoginRetryCounters.retry(LoginRetryStats.NEW_CURRENT);
                    return current;
                }
                SecretVersion pending = secret.pending();
                if (pending != null && !rejectedVersionIds.contains(pending.getVersionId())) {
                    warn("trying AWSPENDING version " + pending.getVersionId());
                    LoginRetryCounters.retry(LoginRetryStats.PENDING);
                    return pending;
                }
            }
            return backOffOrGiveUp("no newer version yet");
        }

        /**
         * With a check spread, waits this process's share of it before the first check, so that a fleet whose logins
         * all start failing at one rotation asks Secrets Manager over the spread, not in the same second. No wait when
         * the cache already holds another AWSCURRENT (a check of this process, or its TTL, found it): that costs no call.
         */
        private void spreadFirstCheck() throws SQLException {
            if (checkSpreadMillis == 0 || cacheHasAnotherCurrent()) {
                return;
            }
            // Within half the time left: the check and any retry it needs (throttling, say) keep the other half. The
            // window shrinks rather than the wait being cut, which would bunch every longer wait at the cut.
            long window = Math.min(checkSpreadMillis, Math.max(0, maxDurationMillis - elapsedMillis()) / 2);
            long wait = (long) (spreadShare(current.getVersionId()) * window);
            warn("waiting " + wait + " ms of the check spread (drivers.retry.checkSpreadMillis)");
            try {
                timing.sleep(wait);
            } catch (InterruptedException e) {
                throw interrupted("waiting to check secret '" + secret.secretId() + "' for a new version", e);
            }
        }

        private boolean cacheHasAnotherCurrent() {
            try {
                return !secret.current().getVersionId().equals(current.getVersionId());
            } catch (SQLException e) {
                return false;   // the check that follows reports Secrets Manager's failure
            }
        }

        /** This process's place in the spread for one version, in [0, 1): uniform across processes. */
        private double spreadShare(String versionId) {
            long z = spreadSalt + versionId.hashCode() * 0x9E3779B97F4A7C15L;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z ^= z >>> 31;
            return (z >>> 11) * 0x1.0p-53;
        }

        /** One version check; null when Secrets Manager failed (recorded for the final error). */
        private SecretVersion check() throws SQLException {
            checks++;
            try {
                SecretVersion checked = checks == forcedCheck ? secret.checkNow()
                        : secret.checkAfterFailure(current.getVersionId());
                if (checked != null) {
                    lastCheckFailed = false;
                    return checked;
                }
                recordFailedCheck(null);
            } catch (InterruptedException e) {
                throw interrupted("checking secret '" + secret.secretId() + "' for a new version", e);
            } catch (RuntimeException e) {
                recordFailedCheck(e);
            }
            return null;
        }

        private void recordFailedCheck(RuntimeException error) {
            lastCheckFailed = true;
            failedChecks++;
            if (error != null) {
                lastSecretsManagerError = error;
            }
        }

        private SecretVersion backOffOrGiveUp(String why) throws SQLException {
            if (!withinBudget()) {
                throw giveUp();
            }
            pause(why);
            LoginRetryCounters.retry(LoginRetryStats.BACKOFF);
            return current;
        }

        /** Sleeps the next backoff step, never past the time budget. */
        private void pause(String why) throws SQLException {
            long sleep = Math.max(0, Math.min(maxDurationMillis - elapsedMillis(), jitter.applyAsLong(backoff)));
            warn(why + "; backing off " + sleep + " ms");
            try {
                timing.sleep(sleep);
            } catch (InterruptedException e) {
                throw interrupted("waiting to retry the login with secret '" + secret.secretId() + "'", e);
            }
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }

        private boolean withinBudget() {
            return 1 + repeats < maxAttempts && !outOfTime();
        }

        private boolean outOfTime() {
            return elapsedMillis() >= maxDurationMillis;
        }

        private long elapsedMillis() {
            return TimeUnit.NANOSECONDS.toMillis(timing.nanoTime() - start);
        }

        private SQLException giveUp() {
            LoginRetryCounters.rejectedAfterBudget();
            String tried = "on " + attempts + (attempts == 1 ? " attempt" : " attempts") + " over " + elapsedMillis()
                    + " ms (last SQLState " + lastRejection.getSQLState() + ", vendor code "
                    + lastRejection.getErrorCode() + ")";
            if (lastCheckFailed) {
                Throwable cause = lastSecretsManagerError != null ? lastSecretsManagerError
                        : new SQLException("The forced version check of secret '" + secret.secretId() + "' failed; "
                                + "the cache's log names the error", SecretsManagerFailures.TRANSIENT);
                SQLException unreachable = new SQLException("The database rejected the credentials from secret '"
                        + secret.secretId() + "' " + tried + ", and Secrets Manager could not be asked for a newer "
                        + "version (" + failedChecks + (failedChecks == 1 ? " failed check" : " failed checks")
                        + (lastSecretsManagerError != null ? ", last: "
                        + SecretsManagerFailures.describe(lastSecretsManagerError) : "") + "). Try again later.",
                        lastSecretsManagerError != null ? SecretsManagerFailures.sqlState(lastSecretsManagerError)
                                : SecretsManagerFailures.TRANSIENT, cause);
                unreachable.addSuppressed(lastFailure);
                return unreachable;
            }
            SQLException rejected = new SQLException("The database rejected the credentials from secret '"
                    + secret.secretId() + "' " + tried + ", even after checking Secrets Manager for a newer version. "
                    + "Check that the secret's credentials match the database.", "28000",
                    lastRejection.getErrorCode(), lastFailure);
            if (lastSecretsManagerError != null) {
                rejected.addSuppressed(lastSecretsManagerError);
            }
            return rejected;
        }

        private SQLException interrupted(String what, InterruptedException e) {
            Thread.currentThread().interrupt();
            SQLException stopped = new SQLException("Interrupted while " + what, "08001", e);
            stopped.addSuppressed(lastFailure);
            return stopped;
        }

        private void warn(String action) {
            LOG.warn("Database rejected the credentials from secret '{}' (SQLState {}, vendor code {}) on attempt {} "
                    + "after {} ms; {}", secret.secretId(), lastRejection.getSQLState(), lastRejection.getErrorCode(),
                    attempts, elapsedMillis(), action);
        }
    }
}
