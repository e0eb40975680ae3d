package dev.smkit.benchmarks;

import dev.smkit.emulator.RotationFunction;
import dev.smkit.emulator.RotationListener;
import dev.smkit.emulator.RotationOutcome;
import dev.smkit.emulator.RotationStep;
import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.emulator.StepDelays;
import dev.smkit.emulator.StepPhase;
import dev.smkit.jdbc.testing.DatabaseRotation;
import dev.smkit.jdbc.testing.DatabaseServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One stack through one rotation strategy: {@code threads} threads open a connection, run
 * {@code select current_user} and close it, without pause, while the secret rotates {@code rotations} times with the
 * database password changed {@code window} before AWSCURRENT moves (a delay before {@code finishSecret}).
 *
 * <p>Measured from the moment every thread has logged in once (start-up loads are not counted): successful and failed
 * connects, the Secrets Manager calls the stack made (the benchmark's own RotateSecret excluded), and per rotation the
 * failures and the time from the end of {@code finishSecret} until every thread has logged in with the new
 * credentials. A login counts as new when it started after {@code setSecret} had changed the database and its
 * {@code current_user} is the rotation's user; for single-user rotations the old password no longer works by then, so
 * the login cannot have used it.
 */
final class SideBySideRun {

    /** The user guide's two rotation strategies, as {@link DatabaseRotation} implements them. */
    enum Scenario {
        SINGLE_USER("single user", "single"),
        ALTERNATING_USERS("alternating users", "alternating");

        private static final String CLONE_SUFFIX = "_clone";

        final String title;
        final String tag;

        Scenario(String title, String tag) {
            this.title = title;
            this.tag = tag;
        }

        static Scenario fromTag(String tag) {
            for (Scenario scenario : values()) {
                if (scenario.tag.equals(tag)) {
                    return scenario;
                }
            }
            throw new IllegalArgumentException("unknown scenario '" + tag + "': use single or alternating");
        }

        RotationFunction rotation(DatabaseServer server) {
            return this == SINGLE_USER ? DatabaseRotation.singleUser(server) : DatabaseRotation.alternatingUsers(server);
        }

        /** The user a rotation switches to, as {@link DatabaseRotation} chooses it. */
        String nextUser(String currentUser) {
            if (this == SINGLE_USER) {
                return currentUser;
            }
            return currentUser.endsWith(CLONE_SUFFIX)
                    ? currentUser.substring(0, currentUser.length() - CLONE_SUFFIX.length())
                    : currentUser + CLONE_SUFFIX;
        }
    }

    /** How long and how hard to run. */
    static final class Settings {
        final int threads;
        final int rotations;
        final Duration window;
        final Duration settle;
        final Duration gap;

        Settings(int threads, int rotations, Duration window, Duration settle, Duration gap) {
            if (threads < 1 || rotations < 1) {
                throw new IllegalArgumentException("threads and rotations must be at least 1, got " + threads + " and "
                        + rotations);
            }
            this.threads = threads;
            this.rotations = rotations;
            this.window = window;
            this.settle = settle;
            this.gap = gap;
        }
    }

    /** What one rotation cost. */
    static final class RotationResult {
        final long failed;
        /** From the end of finishSecret until the last thread's first new login ended; null when not all got there. */
        final Long allNewAfterFinishMillis;
        final int threadsOnNew;
        final long windowMillis;

        RotationResult(long failed, Long allNewAfterFinishMillis, int threadsOnNew, long windowMillis) {
            this.failed = failed;
            this.allNewAfterFinishMillis = allNewAfterFinishMillis;
            this.threadsOnNew = threadsOnNew;
            this.windowMillis = windowMillis;
        }
    }

    /** What one stack did through one scenario. */
    static final class Result {
        final String stack;
        final Scenario scenario;
        final long measuredMillis;
        final long ok;
        final long failed;
        final Map<String, Long> failureKinds;
        final List<RotationResult> rotations;
        final Map<String, Long> calls;

        Result(String stack, Scenario scenario, long measuredMillis, long ok, long failed,
                Map<String, Long> failureKinds, List<RotationResult> rotations, Map<String, Long> calls) {
            this.stack = stack;
            this.scenario = scenario;
            this.measuredMillis = measuredMillis;
            this.ok = ok;
            this.failed = failed;
            this.failureKinds = Collections.unmodifiableMap(new TreeMap<>(failureKinds));
            this.rotations = List.copyOf(rotations);
            this.calls = Collections.unmodifiableMap(new TreeMap<>(calls));
        }
    }

    private static final Duration WARM_UP_LIMIT = Duration.ofMinutes(2);
    private static final Duration ROTATION_LIMIT = Duration.ofMinutes(2);

    private final SecretsManagerEmulator emulator;
    private final DatabaseServer database;
    private final SideBySideStack stack;
    private final Scenario scenario;
    private final Settings settings;
    private final String secretId;
    private final String firstUser;

    private final LongAdder ok = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<String, Long> failureKinds = new ConcurrentHashMap<>();
    private final AtomicLongArray loggedInOnce;
    private final AtomicReference<Throwable> workerDied = new AtomicReference<>();
    private volatile RotationMark current;
    private volatile boolean running = true;

    private SideBySideRun(SecretsManagerEmulator emulator, DatabaseServer database, SideBySideStack stack,
            Scenario scenario, Settings settings) {
        this.emulator = emulator;
        this.database = database;
        this.stack = stack;
        this.scenario = scenario;
        this.settings = settings;
        this.secretId = "side/" + stack.name() + "/" + scenario.tag;
        this.firstUser = "side_" + stack.name() + "_" + scenario.tag;
        this.loggedInOnce = new AtomicLongArray(settings.threads);
    }

    static Result run(SecretsManagerEmulator emulator, DatabaseServer database, SideBySideStack stack,
            Scenario scenario, Settings settings) throws Exception {
        return new SideBySideRun(emulator, database, stack, scenario, settings).run();
    }

    private Result run() throws Exception {
        String password = "side-Pw-0-" + Long.toHexString(System.nanoTime());
        database.createUser(firstUser, password);
        emulator.client().createSecret(b -> b.name(secretId).secretString(database.secretJson(firstUser, password)));
        emulator.registerRotation(secretId, scenario.rotation(database),
                StepDelays.none().with(RotationStep.FINISH_SECRET, settings.window));
        RotationListener listener = new StepClock();
        emulator.addRotationListener(listener);
        List<Thread> workers = new ArrayList<>();
        try {
            for (int i = 0; i < settings.threads; i++) {
                int index = i;
                Thread worker = new Thread(() -> work(index), "side-" + stack.name() + "-" + i);
                worker.setContextClassLoader(stack.loader());
                worker.setDaemon(true);
                worker.setUncaughtExceptionHandler((thread, error) -> workerDied.compareAndSet(null, error));
                workers.add(worker);
                worker.start();
            }
            awaitEveryThreadLoggedIn();
            emulator.resetCallCounts();
            failureKinds.clear();
            long okBefore = ok.sum();
            long failedBefore = failed.sum();
            long start = System.nanoTime();
            sleep(settings.gap);
            List<RotationResult> rotations = new ArrayList<>();
            String user = firstUser;
            for (int i = 0; i < settings.rotations; i++) {
                user = scenario.nextUser(user);
                rotations.add(rotate(user));
                sleep(settings.gap);
            }
            running = false;
            long measuredMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            for (Thread worker : workers) {
                worker.join(ROTATION_LIMIT.toMillis());
            }
            Map<String, Long> calls = new TreeMap<>(emulator.callCounts());
            calls.remove("RotateSecret"); // the benchmark's, not the stack's
            return new Result(stack.name(), scenario, measuredMillis, ok.sum() - okBefore, failed.sum() - failedBefore,
                    failureKinds, rotations, calls);
        } finally {
            running = false;
            emulator.removeRotationListener(listener);
        }
    }

    private RotationResult rotate(String newUser) throws InterruptedException {
        RotationMark mark = new RotationMark(newUser, settings.threads);
        current = mark;
        String versionId = emulator.client().rotateSecret(b -> b.secretId(secretId)).versionId();
        RotationOutcome outcome = emulator.awaitRotation(secretId, versionId, ROTATION_LIMIT);
        if (!outcome.succeeded()) {
            throw new IllegalStateException("rotation of " + secretId + " did not succeed: " + outcome);
        }
        long deadline = mark.finishDone + settings.settle.toNanos();
        while (!mark.allNew() && System.nanoTime() - deadline < 0) {
            Thread.sleep(10);
        }
        int onNew = 0;
        long lastFirstNew = Long.MIN_VALUE;
        for (int i = 0; i < settings.threads; i++) {
            long firstNew = mark.firstNew.get(i);
            if (firstNew != 0) {
                onNew++;
                lastFirstNew = Math.max(lastFirstNew, firstNew);
            }
        }
        Long allNewAfterFinish = onNew == settings.threads
                ? TimeUnit.NANOSECONDS.toMillis(lastFirstNew - mark.finishDone) : null;
        return new RotationResult(mark.failed.sum(), allNewAfterFinish, onNew,
                TimeUnit.NANOSECONDS.toMillis(mark.finishDone - mark.setSecretDone));
    }

    private void work(int index) {
        while (running) {
            long start = System.nanoTime();
            try (Connection connection = stack.connect(secretId);
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select current_user")) {
                rows.next();
                String user = rows.getString(1);
                long end = System.nanoTime();
                ok.increment();
                loggedInOnce.set(index, 1);
                RotationMark mark = current;
                if (mark != null) {
                    mark.loggedIn(index, start, end, user);
                }
            } catch (SQLException | RuntimeException e) {
                failed.increment();
                failureKinds.merge(kind(e), 1L, Long::sum);
                RotationMark mark = current;
                if (mark != null) {
                    mark.failed.increment();
                }
            }
        }
    }

    private void awaitEveryThreadLoggedIn() throws InterruptedException {
        long deadline = System.nanoTime() + WARM_UP_LIMIT.toNanos();
        while (true) {
            if (workerDied.get() != null) {
                throw new IllegalStateException(stack.name() + ": a connecting thread died", workerDied.get());
            }
            int loggedIn = 0;
            for (int i = 0; i < settings.threads; i++) {
                loggedIn += (int) loggedInOnce.get(i);
            }
            if (loggedIn == settings.threads) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(stack.name() + ": only " + loggedIn + " of " + settings.threads
                        + " threads logged in within " + WARM_UP_LIMIT + "; failures so far: " + failureKinds);
            }
            Thread.sleep(20);
        }
    }

    /**
     * SQLState and exception class; the start of the message only when there is no SQLState to tell failures apart
     * (no stack puts credentials in its messages; the database's name the user, which is no secret here).
     */
    private static String kind(Exception e) {
        String state = e instanceof SQLException ? ((SQLException) e).getSQLState() : null;
        if (state != null) {
            return state + " " + e.getClass().getSimpleName();
        }
        String message = String.valueOf(e.getMessage());
        return e.getClass().getSimpleName() + ": " + (message.length() > 70 ? message.substring(0, 70) + "..." : message);
    }

    private static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    /** Stamps the current rotation when the database changed and when AWSCURRENT moved. */
    private final class StepClock implements RotationListener {
        @Override
        public void onStep(String secret, String versionId, RotationStep step, StepPhase phase) {
            RotationMark mark = current;
            if (mark == null || !secretId.equals(secret) || phase != StepPhase.FINISHED) {
                return;
            }
            if (step == RotationStep.SET_SECRET) {
                mark.setSecretDone = System.nanoTime();
            } else if (step == RotationStep.FINISH_SECRET) {
                mark.finishDone = System.nanoTime();
            }
        }
    }

    /** One rotation as the connecting threads see it. */
    private static final class RotationMark {
        final String newUser;
        final AtomicLongArray firstNew;
        final LongAdder failed = new LongAdder();
        volatile long setSecretDone;
        volatile long finishDone;

        RotationMark(String newUser, int threads) {
            this.newUser = newUser;
            this.firstNew = new AtomicLongArray(threads);
        }

        void loggedIn(int thread, long start, long end, String user) {
            long changed = setSecretDone;
            if (changed != 0 && start - changed > 0 && newUser.equals(user) && firstNew.get(thread) == 0) {
                firstNew.compareAndSet(thread, 0, end);
            }
        }

        boolean allNew() {
            for (int i = 0; i < firstNew.length(); i++) {
                if (firstNew.get(i) == 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
