package dev.smkit.samples.demo;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.caching.SecretCacheStats;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.emulator.RotationFunction;
import dev.smkit.emulator.RotationOutcome;
import dev.smkit.emulator.RotationStep;
import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.emulator.StepDelays;
import dev.smkit.jdbc.testing.DatabaseRotation;
import dev.smkit.jdbc.testing.DatabaseServer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The rotation demo: one process runs the Secrets Manager emulator and an embedded database, a HikariCP pool that
 * connects through the smkit wrapper driver with a {@code jdbc-secretsmanager:} URL, worker threads running queries
 * and small write transactions, and a rotator that rotates the database password through RotateSecret every few
 * seconds. It shows a live progress line, prints a summary table, writes an HTML timeline and exits non-zero if any
 * query or rotation failed.
 *
 * <p>Run it from the repository root with {@code mvn -B -q -Pdemo -pl samples -am package -DskipTests}
 * (options: {@code -Dexec.args="--duration 60s --threads 16"}); see {@link DemoOptions} for every option.
 */
public final class RotationDemo {

    static final String SECRET_ID = "smkit-demo/app-db";
    static final String DB_USER = "smkit_demo";
    static final String TIMELINE_FILE = "smkit-demo-timeline.html";
    static final String LOG_FILE = "smkit-demo.log";

    /**
     * Each rotation waits this long before finishSecret: the database already has the new password while AWSCURRENT
     * still holds the old one (the single-user window), so the timeline shows rotations as they take time on AWS.
     */
    static final StepDelays ROTATION_WINDOW = StepDelays.none().with(RotationStep.FINISH_SECRET, Duration.ofSeconds(1));
    private static final Duration ROTATION_TIMEOUT = Duration.ofSeconds(60);

    private static final String ALPHANUMERIC = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private RotationDemo() {
    }

    /** Exits with 0 when nothing failed, 1 when a query or rotation failed, 2 for bad options or a setup error. */
    public static void main(String[] args) {
        int status;
        try {
            DemoOptions options = DemoOptions.parse(args);
            useDemoLogging(options);
            status = run(options, System.out, System.console() != null).exitStatus();
        } catch (DemoOptions.UsageException e) {
            (e.helpRequested() ? System.out : System.err).println(e.getMessage());
            status = e.helpRequested() ? 0 : 2;
        } catch (Exception e) {
            System.err.println("The demo could not run: " + e);
            e.printStackTrace();
            status = 2;
        }
        // Also ends the Maven JVM when run through exec:java, so Maven's exit status is the demo's.
        System.exit(status);
    }

    /**
     * Sends log lines to {@code <report dir>/smkit-demo.log} (errors also to stderr) so they do not break the
     * progress line. Must run before the first logger is created; an explicit logback configuration wins.
     */
    private static void useDemoLogging(DemoOptions options) {
        System.setProperty("smkit.demo.reportDir", options.reportDir().toString());
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "smkit-demo-logback.xml");
        }
    }

    /** Runs the demo once, printing to {@code out}; the returned report holds everything the summary shows. */
    public static DemoReport run(DemoOptions options, PrintStream out, boolean tty) throws Exception {
        out.println("smkit rotation demo: " + options.toString());
        out.println("Starting the Secrets Manager emulator and embedded " + options.engine().displayName() + " ...");
        DatabaseServer db = options.engine().server();
        try (SecretsManagerEmulator emulator = SecretsManagerEmulator.start()) {
            String password = randomPassword();
            prepareDatabase(options.engine(), db, password);
            emulator.client().createSecret(r -> r.name(SECRET_ID).description("smkit rotation demo")
                    .secretString(db.secretJson(DB_USER, password)));
            emulator.resetCallCounts(); // count only what the run itself costs

            SecretCacheConfiguration cacheConfig = new SecretCacheConfiguration().withClient(emulator.client());
            try (SecretCache cache = new SecretCache(cacheConfig)) {
                long seconds = (options.duration().toMillis() + 999) / 1000;
                DemoRecorder recorder = new DemoRecorder(System::nanoTime, seconds);
                String url = options.engine().wrapperUrl(db);
                out.println("Pool of " + options.threads() + " connections on " + url + " (user = secret "
                        + SECRET_ID + ")");
                HikariDataSource pool = new HikariDataSource(poolConfig(options,
                        new TimedDataSource(options.engine().wrapperDriver(cache), url, SECRET_ID, recorder)));
                try {
                    drive(options, emulator, db, pool, recorder, new ProgressLine(out, tty));
                } finally {
                    pool.close();
                }
                SecretCacheStats stats = cache.stats();
                DemoReport report = recorder.report(options, emulator.callCounts(), stats.hitCount(),
                        stats.missCount());
                printSummary(report, out);
                return report;
            }
        }
    }

    private static void prepareDatabase(DemoEngine engine, DatabaseServer db, String password) throws SQLException {
        db.createUser(DB_USER, password);
        try (Connection admin = db.adminConnection(); Statement statement = admin.createStatement()) {
            for (String sql : engine.schema()) {
                statement.execute(sql);
            }
        }
    }

    private static HikariConfig poolConfig(DemoOptions options, TimedDataSource dataSource) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("smkit-demo");
        config.setDataSource(dataSource);
        config.setMaximumPoolSize(options.threads());
        config.setMinimumIdle(options.threads());
        // A borrow that cannot be served within 5 s counts as a failure instead of hanging the demo.
        config.setConnectionTimeout(TimeUnit.SECONDS.toMillis(5));
        return config;
    }

    private static void drive(DemoOptions options, SecretsManagerEmulator emulator, DatabaseServer db,
            HikariDataSource pool, DemoRecorder recorder, ProgressLine progress) throws InterruptedException {
        long durationNanos = options.duration().toNanos();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < options.threads(); i++) {
            int worker = i;
            threads.add(start("smkit-demo-worker-" + i, () -> work(worker, pool, recorder, running)));
        }
        Thread rotator = start("smkit-demo-rotator", () -> rotate(options, emulator, db, pool, recorder));
        long totalSeconds = options.duration().getSeconds();
        long interval = progress.interval().toNanos();
        for (long next = interval; next < durationNanos; next += interval) {
            sleepUntil(recorder, next);
            progress.show(ProgressLine.text(recorder.elapsedNanos() / 1_000_000_000L, totalSeconds,
                    recorder.lastSecondRate(), recorder.rotationCount(), recorder.failedCount()));
        }
        sleepUntil(recorder, durationNanos);
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        rotator.join();
        progress.show(ProgressLine.text(totalSeconds, totalSeconds, recorder.lastSecondRate(),
                recorder.rotationCount(), recorder.failedCount()));
        progress.finish();
    }

    /** Borrow, read, write a one-row transaction, return; count each statement as one query. */
    private static void work(int worker, HikariDataSource pool, DemoRecorder recorder, AtomicBoolean running) {
        long seq = 0;
        while (running.get()) {
            try (Connection connection = pool.getConnection()) {
                try (PreparedStatement read = connection.prepareStatement(
                        "SELECT seq FROM smkit_demo_events WHERE worker = ? ORDER BY seq DESC LIMIT 1")) {
                    read.setInt(1, worker);
                    try (ResultSet rs = read.executeQuery()) {
                        rs.next();
                    }
                }
                recorder.queryOk();
                connection.setAutoCommit(false);
                try (PreparedStatement write = connection.prepareStatement(
                        "INSERT INTO smkit_demo_events (worker, seq) VALUES (?, ?)")) {
                    write.setInt(1, worker);
                    write.setLong(2, ++seq);
                    write.executeUpdate();
                }
                connection.commit();
                recorder.queryOk();
            } catch (SQLException | RuntimeException e) {
                recorder.queryFailed(e);
            }
        }
    }

    /**
     * Rotates at every multiple of {@code --rotate-every} and waits for the rotation to finish (it holds the single-user
     * window open for {@link #ROTATION_WINDOW}). After each rotation the pool is soft-evicted, as a
     * connection churn (max lifetime, failover) would: the connections that replace them start with credentials the
     * cache still holds from before the rotation, which is exactly the case the wrapper driver must absorb.
     */
    private static void rotate(DemoOptions options, SecretsManagerEmulator emulator, DatabaseServer db,
            HikariDataSource pool, DemoRecorder recorder) {
        for (int k = 1; k <= options.plannedRotations(); k++) {
            sleepUntil(recorder, options.rotateEvery().toNanos() * k);
            DemoOptions.Strategy strategy = options.strategy().forRotation(k - 1);
            RotationFunction function = strategy == DemoOptions.Strategy.SINGLE
                    ? DatabaseRotation.singleUser(db) : DatabaseRotation.alternatingUsers(db);
            emulator.registerRotation(SECRET_ID, function, ROTATION_WINDOW);
            long started = System.nanoTime();
            try {
                // RotateSecret answers at once; the emulator runs the steps in the background, as AWS runs the Lambda.
                emulator.client().rotateSecret(r -> r.secretId(SECRET_ID));
                RotationOutcome outcome = emulator.awaitRotation(SECRET_ID, ROTATION_TIMEOUT);
                // A failure names the step and the exception class, never a secret value.
                recorder.rotation(strategy.label(), started, outcome.succeeded(), outcome.succeeded() ? null
                        : outcome.failure().map(f -> f.step() + " failed: " + f.exceptionClass())
                                .orElse("rotation " + outcome.status()));
            } catch (RuntimeException e) {
                recorder.rotation(strategy.label(), started, false, e.getMessage());
            }
            pool.getHikariPoolMXBean().softEvictConnections();
        }
    }

    private static void printSummary(DemoReport report, PrintStream out) throws java.io.IOException {
        out.println();
        out.print(SummaryTable.render(report));
        report.failureKinds.forEach((kind, count) -> out.println("failure x" + count + ": " + kind));
        for (DemoReport.Rotation rotation : report.rotations) {
            if (!rotation.succeeded) {
                out.println("rotation at " + rotation.offsetMillis + " ms failed: " + rotation.failure);
            }
        }
        Path timeline = TimelineChart.write(report, report.options.reportDir().resolve(TIMELINE_FILE));
        out.println("Timeline: " + timeline.toAbsolutePath().normalize());
        Path log = report.options.reportDir().resolve(LOG_FILE);
        if (Files.exists(log)) {
            out.println("Log:      " + log.toAbsolutePath().normalize());
        }
        out.println(report.exitStatus() == 0
                ? "Result: OK, " + report.queriesOk() + " queries and " + report.rotationsSucceeded()
                        + " rotations without a single failure."
                : "Result: FAILED, " + report.queriesFailed() + " failed queries, " + report.rotationsFailed()
                        + " failed rotations.");
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void sleepUntil(DemoRecorder recorder, long elapsedNanos) {
        long remaining;
        while ((remaining = elapsedNanos - recorder.elapsedNanos()) > 0) {
            LockSupport.parkNanos(remaining);
        }
    }

    private static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return password.toString();
    }
}
