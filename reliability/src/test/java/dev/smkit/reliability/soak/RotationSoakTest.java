package dev.smkit.reliability.soak;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerMariaDBDriver;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.emulator.InjectedError;
import dev.smkit.emulator.RotationFunction;
import dev.smkit.emulator.RotationOutcome;
import dev.smkit.hikari.SoftEvictOnRotation;
import dev.smkit.jdbc.testing.ConnectionSource;
import dev.smkit.jdbc.testing.DatabaseRotation;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import dev.smkit.reliability.support.Canary;
import dev.smkit.reliability.support.CanaryRotation;
import dev.smkit.reliability.support.SharedEmulator;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 16 threads borrow from a HikariCP pool over the wrapper driver and run a query and a small write transaction, while
 * the emulator rotates the password every 2-3 s (single-user and alternating-users rotations mixed, real ALTER ROLE /
 * ALTER USER) and injects Secrets Manager faults between rotations. Duration per database: {@code smkit.soak.seconds}
 * (default 30).
 */
class RotationSoakTest {

    static final int THREADS = 16;
    static final Duration RUN = Duration.ofSeconds(Long.getLong("smkit.soak.seconds", 30));
    static final List<String> FAULTS = List.of("internal-errors", "throttling", "connection-resets", "latency");

    @ParameterizedTest
    @ValueSource(strings = {"postgres", "mariadb"})
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    @SuppressWarnings("try") // the rotation listener works by being registered; the try only closes it
    void zeroFailuresThroughRotationsAndFaults(String engine) throws Exception {
        DatabaseServer server = engine.equals("postgres") ? SharedDatabases.postgres() : SharedDatabases.mariadb();
        String user = "soak_" + engine;
        String secretId = "soak/" + engine;
        String password = Canary.next();
        server.createUser(user, password);
        String table = "soak_writes_" + engine;
        try (Connection admin = server.adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
            statement.execute("CREATE TABLE " + table + " (worker INT, n BIGINT)");
            if (engine.equals("postgres")) {
                statement.execute("GRANT ALL ON " + table + " TO PUBLIC");
            }
        }
        SharedEmulator.get().client().createSecret(r -> r.name(secretId).secretString(server.secretJson(user, password)));
        RotationFunction single = DatabaseRotation.singleUser(server);
        RotationFunction alternating = DatabaseRotation.alternatingUsers(server);
        AtomicLong singleRotations = new AtomicLong();
        AtomicLong alternatingRotations = new AtomicLong();
        SharedEmulator.get().registerRotation(secretId, new CanaryRotation(() -> {
            boolean useSingle = ThreadLocalRandom.current().nextBoolean();
            (useSingle ? singleRotations : alternatingRotations).incrementAndGet();
            return useSingle ? single : alternating;
        }));

        Stats stats = new Stats();
        try (SecretCache cache = new SecretCache(new SecretCacheConfiguration()
                     .withClient(SharedEmulator.timedClient()).withCacheItemTTL(Duration.ofSeconds(10)));
             HikariDataSource pool = pool(engine, secretId, cache, stats);
             SoftEvictOnRotation evictOnRotation = SoftEvictOnRotation.register(cache, secretId, pool)) {
            SharedEmulator.get().resetCallCounts();
            long end = System.nanoTime() + RUN.toNanos();
            ExecutorService threads = Executors.newFixedThreadPool(THREADS + 1);
            CountDownLatch done = new CountDownLatch(THREADS);
            for (int worker = 0; worker < THREADS; worker++) {
                int id = worker;
                threads.submit(() -> {
                    try {
                        while (System.nanoTime() - end < 0) {
                            work(pool, table, id, stats);
                        }
                    } finally {
                        done.countDown();
                    }
                });
            }
            long rotations = 0;
            try {
                long next = System.nanoTime();
                while (true) {
                    // A rotation starts every 2-3 s; halfway between two, the pool is soft-evicted so connections are
                    // opened at every phase (right after a rotation the cache still holds the old version).
                    long interval = TimeUnit.MILLISECONDS.toNanos(2_000 + ThreadLocalRandom.current().nextInt(1_000));
                    pace(next + interval / 2 - System.nanoTime());
                    pool.getHikariPoolMXBean().softEvictConnections();
                    next += interval;
                    pace(next - System.nanoTime());
                    if (System.nanoTime() - end >= 0) {
                        break;
                    }
                    SharedEmulator.get().client().rotateSecret(r -> r.secretId(secretId));
                    // The emulator answers at once and rotates in the background, as AWS does: wait for the end.
                    RotationOutcome outcome = SharedEmulator.get().awaitRotation(secretId, Duration.ofSeconds(60));
                    assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
                    rotations++;
                    pool.getHikariPoolMXBean().softEvictConnections();
                    injectFault(rotations);
                }
            } finally {
                SharedEmulator.get().faults().clear();
            }
            assertThat(done.await(60, TimeUnit.SECONDS)).as("workers finished").isTrue();
            threads.shutdownNow();

            long describes = SharedEmulator.get().callCount("DescribeSecret");
            long getValues = SharedEmulator.get().callCount("GetSecretValue");
            System.out.printf("FIGURE soak engine=%s seconds=%d threads=%d queries=%d failures=%d rotations=%d "
                            + "(single=%d alternating=%d) describeSecretCalls=%d getSecretValueCalls=%d physicalConnects=%d "
                            + "worstConnectMs=%d worstBorrowMs=%d%n", engine, RUN.getSeconds(), THREADS, stats.queries.get(),
                    stats.failures.get(), rotations, singleRotations.get(), alternatingRotations.get(), describes, getValues,
                    stats.connects.get(), TimeUnit.NANOSECONDS.toMillis(stats.worstConnect.get()),
                    TimeUnit.NANOSECONDS.toMillis(stats.worstBorrow.get()));
            assertThat(stats.errors).as("failed borrows or queries").isEmpty();
            assertThat(stats.failures.get()).isZero();
            assertThat(stats.queries.get()).isGreaterThan(RUN.getSeconds() * 10);
            assertThat(rotations).isGreaterThanOrEqualTo(RUN.getSeconds() / 3 - 1);
            assertThat(SharedEmulator.get().rotationFailures()).as("rotation failures").isEmpty();
            // Bound: each rotation costs the driver at most a forced check + an AWSPENDING look-up (+ SDK retries of
            // injected faults, at most 4 attempts each), plus one check per TTL; never one call per connection.
            assertThat(describes + getValues).isLessThan(stats.connects.get() + 12L * rotations + 2 * RUN.getSeconds());

            // After the cache's next check, new connections use the current credentials (with alternating users the
            // previous user still works until then, so connections opened before it may use it).
            // A check that failed under the last injected fault (a call timing out over its retries) leaves the cache
            // in its backoff, where refreshNow answers false without calling, as documented: wait for the first check
            // after it. The bound is the backoff after a few consecutive failures, far above what one fault causes.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            boolean refreshed;
            while (!(refreshed = cache.refreshNow(secretId)) && System.nanoTime() - deadline < 0) {
                pace(TimeUnit.MILLISECONDS.toNanos(100));
            }
            assertThat(refreshed).as("a version check succeeds once the backoff after the last fault ends").isTrue();
            pool.getHikariPoolMXBean().softEvictConnections();
            String current = SharedEmulator.get().client().getSecretValue(r -> r.secretId(secretId)).secretString();
            String expectedUser = current.replaceAll("(?s).*\"username\"\\s*:\\s*\"([^\"]+)\".*", "$1");
            try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
                 ResultSet result = statement.executeQuery(engine.equals("postgres") ? "select current_user"
                         : "select substring_index(current_user(), '@', 1)")) {
                result.next();
                assertThat(result.getString(1)).isEqualTo(expectedUser);
            }
        }
    }

    static HikariDataSource pool(String engine, String secretId, SecretCache cache, Stats stats) {
        Driver driver = engine.equals("postgres") ? new AWSSecretsManagerPostgreSQLDriver(cache)
                : new AWSSecretsManagerMariaDBDriver(cache);
        HikariConfig config = new HikariConfig();
        config.setPoolName("soak-" + engine);
        config.setMaximumPoolSize(8);
        config.setConnectionTimeout(10_000);
        config.setMaxLifetime(30_000);
        // Every physical connect goes through the wrapper driver with the secret ID as the URL, and is timed.
        config.setDataSource(ConnectionSource.of(() -> {
            long start = System.nanoTime();
            Connection connection = driver.connect(secretId, new Properties());
            stats.worstConnect.accumulateAndGet(System.nanoTime() - start, Math::max);
            stats.connects.incrementAndGet();
            return connection;
        }));
        return new HikariDataSource(config);
    }

    static void work(DataSource pool, String table, int worker, Stats stats) {
        long start = System.nanoTime();
        try (Connection connection = pool.getConnection()) {
            stats.worstBorrow.accumulateAndGet(System.nanoTime() - start, Math::max);
            try (Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery("select 1")) {
                result.next();
            }
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("insert into " + table + " values (?, ?)")) {
                insert.setInt(1, worker);
                insert.setLong(2, stats.queries.get());
                insert.executeUpdate();
            }
            connection.commit();
            connection.setAutoCommit(true);
            stats.queries.incrementAndGet();
        } catch (SQLException | RuntimeException e) {
            stats.failures.incrementAndGet();
            if (stats.errors.size() < 5) {
                stats.errors.add(e.toString());
            }
        }
    }

    /** Faults between rotations, on the cache's reads only (the rotation call itself must go through). */
    static void injectFault(long rotation) {
        String fault = FAULTS.get((int) (rotation % FAULTS.size()));
        SharedEmulator.get().faults().clear();
        switch (fault) {
            case "internal-errors":
                SharedEmulator.get().faults().failNext("DescribeSecret", 3, InjectedError.internalServiceError());
                break;
            case "throttling":
                SharedEmulator.get().faults().failNext("GetSecretValue", 3, InjectedError.throttling());
                break;
            case "connection-resets":
                SharedEmulator.get().faults().resetConnectionNext("DescribeSecret", 2);
                break;
            default:
                SharedEmulator.get().faults().latency("DescribeSecret", Duration.ofMillis(300));
                break;
        }
    }

    /** Paces the rotations (load generation, not waiting for a behaviour). */
    static void pace(long nanos) {
        if (nanos > 0) {
            LockSupport.parkNanos(nanos);
        }
    }

    static final class Stats {
        final AtomicLong queries = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        final AtomicLong connects = new AtomicLong();
        final AtomicLong worstConnect = new AtomicLong();
        final AtomicLong worstBorrow = new AtomicLong();
        final List<String> errors = new CopyOnWriteArrayList<>();
    }
}
