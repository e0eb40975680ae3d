package dev.smkit.pools.testing;

import dev.smkit.jdbc.testing.DatabaseServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import javax.sql.DataSource;

/**
 * The rotation load shared by every pool path: {@link #THREADS} workers loop borrow, {@code select 1}, a small write
 * transaction, return; meanwhile the rotator calls {@code rotate} {@link #ROTATIONS} times, spread over the run, and
 * {@code churn} (retiring pooled connections the way maxLifetime does) runs between rotations so new connections are
 * opened throughout. Duration: system property {@value #DURATION_PROPERTY} (seconds, CI default 12), counted from the
 * moment every worker has completed one operation: an application is running before its secret rotates, and on a busy
 * machine the first connections (SDK client, class loading, the pool filling up) can take longer than the first slice.
 */
public final class RotationLoad {

    public static final String DURATION_PROPERTY = "smkit.rotationTest.seconds";
    public static final Duration DURATION = Duration.ofSeconds(Long.getLong(DURATION_PROPERTY, 12));
    public static final int THREADS = 16;
    /** Longer than every cache TTL the tests use (2 s). */
    static final Duration SETTLE = Duration.ofSeconds(3);
    public static final int ROTATIONS = 10;
    public static final int CHURNS_PER_ROTATION = 1;
    /** Resolution of {@link Result#operationsWithin}. */
    static final Duration BUCKET = Duration.ofMillis(100);
    /** Longest run {@link Result#operationsWithin} covers; later operations count in the totals only. */
    static final Duration LONGEST_RUN = Duration.ofMinutes(10);
    /** Longest the rotations wait for every worker's first operation; past it they start anyway (and fail the test). */
    static final Duration WARM_UP_LIMIT = Duration.ofSeconds(60);
    private static final String TABLE = "smkit_pool_load";

    private RotationLoad() {
    }

    /** What one run did. */
    public static final class Result {
        public final long operations;
        public final long failureCount;
        /** The first few failures (all of them are counted). */
        public final List<Throwable> failures;
        public final int rotations;
        /** Per pair of consecutive rotations: {start nanos, end nanos, operations completed in between}. */
        public final List<long[]> intervals;
        public final long operationsBetweenRotationsMin;
        /** How long the run took (rotations that hold a window take longer than {@link #DURATION}). */
        public final long elapsedMillis;
        private final long runStartNanos;
        /** Operations completed per {@link #BUCKET} since the run started. */
        private final AtomicLongArray completedPerBucket;

        Result(long operations, long failureCount, List<Throwable> failures, int rotations, List<long[]> intervals,
                long elapsedMillis, long runStartNanos, AtomicLongArray completedPerBucket) {
            this.elapsedMillis = elapsedMillis;
            this.runStartNanos = runStartNanos;
            this.completedPerBucket = completedPerBucket;
            this.intervals = intervals;
            long fewest = Long.MAX_VALUE;
            for (long[] interval : intervals) {
                fewest = Math.min(fewest, interval[2]);
            }
            long operationsBetweenRotationsMin = fewest;
            this.operations = operations;
            this.failureCount = failureCount;
            this.failures = failures;
            this.rotations = rotations;
            this.operationsBetweenRotationsMin = operationsBetweenRotationsMin;
        }

        /** {@code nanos} (a {@link System#nanoTime()} reading) in seconds since the run started, rounded to 0.1 s. */
        public double secondsIntoRun(long nanos) {
            return intervals.isEmpty() || nanos == 0 ? 0 : Math.round((nanos - intervals.get(0)[0]) / 1e8) / 10.0;
        }

        /**
         * Operations completed between two {@link System#nanoTime()} readings, to the {@link #BUCKET}: only buckets
         * wholly inside count, so the figure is never more than what completed in between.
         */
        public long operationsWithin(long fromNanos, long toNanos) {
            long bucketNanos = BUCKET.toNanos();
            long first = (fromNanos - runStartNanos + bucketNanos - 1) / bucketNanos;
            long end = (toNanos - runStartNanos) / bucketNanos;
            long completed = 0;
            for (long i = Math.max(0, first); i < Math.min(end, completedPerBucket.length()); i++) {
                completed += completedPerBucket.get((int) i);
            }
            return completed;
        }

        /** Each interval between rotations as "start: operations", for the test's log. */
        public String describeIntervals() {
            StringBuilder text = new StringBuilder();
            for (long[] interval : intervals) {
                text.append(text.length() == 0 ? "" : ", ").append(secondsIntoRun(interval[0])).append(": ")
                        .append(interval[2]);
            }
            return text.toString();
        }

        /**
         * The fewest operations between two consecutive rotations, over the intervals that do not overlap
         * [{@code fromNanos}, {@code toNanos}] (an outage during which no new login can succeed).
         */
        public long fewestOperationsBetweenRotationsOutside(long fromNanos, long toNanos) {
            long fewest = Long.MAX_VALUE;
            for (long[] interval : intervals) {
                if (interval[1] < fromNanos || interval[0] > toNanos) {
                    fewest = Math.min(fewest, interval[2]);
                }
            }
            return fewest;
        }
    }

    /** Creates the table the workers write to, writable by every user the rotations create. */
    public static void prepare(DatabaseServer server) throws SQLException {
        try (Connection admin = server.adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (worker INT, n BIGINT)");
            if ("postgres".equals(server.engine())) {
                statement.execute("GRANT ALL ON " + TABLE + " TO PUBLIC");
            }
        }
    }

    public static Result run(DataSource pool, Runnable rotate, Runnable churn) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong operations = new AtomicLong();
        AtomicLong failureCount = new AtomicLong();
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(THREADS);
        CountDownLatch warmedUp = new CountDownLatch(THREADS);
        long runStart = System.nanoTime();
        AtomicLongArray completedPerBucket = new AtomicLongArray((int) (LONGEST_RUN.toMillis() / BUCKET.toMillis()));
        for (int i = 0; i < THREADS; i++) {
            int worker = i;
            Thread thread = new Thread(() -> {
                try {
                    long n = 0;
                    boolean first = true;
                    while (!stop.get()) {
                        try {
                            work(pool, worker, n++);
                            operations.incrementAndGet();
                            long bucket = (System.nanoTime() - runStart) / BUCKET.toNanos();
                            if (bucket < completedPerBucket.length()) {
                                completedPerBucket.incrementAndGet((int) bucket);
                            }
                            if (first) {
                                first = false;
                                warmedUp.countDown();
                            }
                        } catch (Throwable e) {
                            if (failureCount.incrementAndGet() <= 10) {
                                failures.add(e);
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "rotation-load-" + i);
            thread.setDaemon(true);
            thread.start();
        }
        if (!warmedUp.await(WARM_UP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
            failures.add(new AssertionError("not every worker completed an operation within " + WARM_UP_LIMIT));
            failureCount.incrementAndGet();
        }
        int rotations = 0;
        List<long[]> intervals = new ArrayList<>();
        long atLastRotation = operations.get();
        long lastRotationNanos = System.nanoTime();
        // Pacing only: rotations are spread over the run so that each one meets live traffic.
        // The last SETTLE of the run has no rotation, so caches with a TTL shorter than that catch up before the end.
        long sliceNanos = (DURATION.toNanos() - SETTLE.toNanos()) / ((long) (ROTATIONS + 1) * (CHURNS_PER_ROTATION + 1));
        long start = lastRotationNanos;
        long slice = 0;
        try {
            for (int r = 0; r < ROTATIONS; r++) {
                for (int c = 0; c <= CHURNS_PER_ROTATION; c++) {
                    sleepUntil(start + ++slice * sliceNanos);
                    if (c < CHURNS_PER_ROTATION) {
                        churn.run();
                    }
                }
                long before = operations.get();
                long rotationStart = System.nanoTime();
                rotate.run();
                rotations++;
                intervals.add(new long[] {lastRotationNanos, rotationStart, before - atLastRotation});
                atLastRotation = before;
                lastRotationNanos = rotationStart;
            }
            for (int c = 0; c < CHURNS_PER_ROTATION; c++) {
                sleepUntil(start + ++slice * sliceNanos);
                churn.run();
            }
            // Caches with a TTL up to SETTLE see the last rotation before the run ends, however long rotations took.
            sleepUntil(Math.max(start + DURATION.toNanos(), System.nanoTime() + SETTLE.toNanos()));
        } finally {
            stop.set(true);
            done.await(30, TimeUnit.SECONDS);
        }
        return new Result(operations.get(), failureCount.get(), new ArrayList<>(failures), rotations, intervals,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - runStart), runStart, completedPerBucket);
    }

    private static void work(DataSource pool, int worker, long n) throws SQLException {
        try (Connection connection = pool.getConnection()) {
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("select 1")) {
                rs.next();
                if (rs.getInt(1) != 1) {
                    throw new SQLException("select 1 returned " + rs.getInt(1));
                }
            }
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO " + TABLE + " (worker, n) VALUES (?, ?)")) {
                insert.setInt(1, worker);
                insert.setLong(2, n);
                insert.executeUpdate();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static void sleepUntil(long deadlineNanos) throws InterruptedException {
        long remaining = deadlineNanos - System.nanoTime();
        if (remaining > 0) {
            TimeUnit.NANOSECONDS.sleep(remaining);
        }
    }

    /** The user the database reports for a fresh connection from {@code pool}. */
    public static String currentUser(DataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("select current_user")) {
            rs.next();
            String user = rs.getString(1);
            int at = user.indexOf('@');
            return at < 0 ? user : user.substring(0, at);
        }
    }

    /** Counter for unique test user names across the JVM. */
    private static final AtomicInteger USERS = new AtomicInteger();

    public static String uniqueUser(String prefix) {
        return prefix + "_" + ProcessHandle.current().pid() + "_" + USERS.incrementAndGet();
    }
}
