package dev.smkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.emulator.RotationFunction;
import dev.smkit.emulator.RotationOutcome;
import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.DatabaseRotation;
import dev.smkit.jdbc.testing.SecretJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The bar: a Boot application whose only database setting is {@code smkit.datasource.secret-id} keeps
 * answering queries from {@value #THREADS} threads through rotations of both strategies (asynchronous, as on AWS)
 * against a PostgreSQL that checks passwords, without one failed query, and ends on the final credentials.
 */
class DataSourceRotationTest {

    private static final int THREADS = 8;
    /** Per strategy. */
    private static final int ROTATIONS = 10;
    private static final Duration CACHE_TTL = Duration.ofMillis(500);
    private static final Duration LIMIT = Duration.ofSeconds(20);
    /** How often connections are retired between rotations, as max-lifetime does in the field (only faster). */
    private static final long CHURN_MILLIS = 150;

    enum Strategy { SINGLE_USER, ALTERNATING_USERS }

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void queriesNeverFailThroughRotations(Strategy strategy) throws Exception {
        SecretsManagerEmulator sm = emulator.emulator();
        String secretId = "rotating/" + strategy.name().toLowerCase();
        TestDatabases.createPostgresSecret(sm, secretId);
        sm.registerRotation(secretId, rotation(strategy));

        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(SecretCacheAutoConfiguration.class,
                        SmkitDataSourceAutoConfiguration.class, DataSourceAutoConfiguration.class,
                        JdbcTemplateAutoConfiguration.class))
                .withPropertyValues(TestDatabases.cacheProperties(sm))
                .withPropertyValues("smkit.datasource.secret-id=" + secretId, "smkit.cache.ttl=" + CACHE_TTL.toMillis()
                        + "ms")
                .run(context -> {
                    JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
                    HikariDataSource pool = context.getBean(HikariDataSource.class);
                    Set<String> observed = ConcurrentHashMap.newKeySet();
                    context.getBean(SecretCache.class).addChangeListener(event -> {
                        if (secretId.equals(event.getSecretId())) {
                            observed.add(event.getNewVersionId());
                        }
                    });
                    List<String> versions = new ArrayList<>();
                    try (Load load = Load.start(jdbc)) {
                        for (int i = 0; i < ROTATIONS; i++) {
                            String version = sm.client().rotateSecret(r -> r.secretId(secretId)).versionId();
                            RotationOutcome outcome = sm.awaitRotation(secretId, version, LIMIT);
                            assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
                            versions.add(version);
                            // New logins read the cache; it must see this version before the next rotation replaces it.
                            awaitWhileChurning(pool, () -> observed.contains(version));
                            long operations = load.operations.get();
                            awaitWhileChurning(pool, () -> load.operations.get() > operations + THREADS);
                        }
                        load.stop();
                        assertThat(load.failures.get()).as("failed queries; first: %s", load.firstFailure)
                                .isZero();
                        assertThat(load.operations.get()).isPositive();
                    }
                    assertThat(observed).as("versions the cache bean saw").containsAll(versions);
                    pool.getHikariPoolMXBean().softEvictConnections();
                    String finalUser = SecretJson.field(sm.client().getSecretValue(r -> r.secretId(secretId))
                            .secretString(), "username");
                    assertThat(jdbc.queryForObject("select current_user", String.class)).isEqualTo(finalUser);
                });
    }

    private static RotationFunction rotation(Strategy strategy) {
        return strategy == Strategy.SINGLE_USER ? DatabaseRotation.singleUser(TestDatabases.postgres())
                : DatabaseRotation.alternatingUsers(TestDatabases.postgres());
    }

    /** Waits for {@code condition}, retiring the pool's connections now and then so that new logins happen. */
    private static void awaitWhileChurning(HikariDataSource pool, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + LIMIT.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited %s", LIMIT).isLessThan(deadline);
            pool.getHikariPoolMXBean().softEvictConnections();
            Thread.sleep(CHURN_MILLIS);
        }
    }

    /** {@value #THREADS} threads running {@code select 1} through the application's JdbcTemplate until stopped. */
    private static final class Load implements AutoCloseable {
        final AtomicLong operations = new AtomicLong();
        final AtomicLong failures = new AtomicLong();
        volatile Throwable firstFailure;
        private final AtomicBoolean stop = new AtomicBoolean();
        private final CountDownLatch done = new CountDownLatch(THREADS);

        static Load start(JdbcTemplate jdbc) throws InterruptedException {
            Load load = new Load();
            CountDownLatch warm = new CountDownLatch(THREADS);
            for (int i = 0; i < THREADS; i++) {
                Thread worker = new Thread(() -> load.work(jdbc, warm), "boot-load-" + i);
                worker.setDaemon(true);
                worker.start();
            }
            // An application is serving before its secret rotates.
            assertThat(warm.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS)).as("every worker's first query").isTrue();
            return load;
        }

        private void work(JdbcTemplate jdbc, CountDownLatch warm) {
            try {
                boolean first = true;
                while (!stop.get()) {
                    try {
                        Integer one = jdbc.queryForObject("select 1", Integer.class);
                        if (one == null || one != 1) {
                            throw new IllegalStateException("select 1 answered " + one);
                        }
                        operations.incrementAndGet();
                        if (first) {
                            first = false;
                            warm.countDown();
                        }
                    } catch (RuntimeException e) {
                        if (failures.getAndIncrement() == 0) {
                            firstFailure = e;
                        }
                    }
                }
            } finally {
                done.countDown();
            }
        }

        void stop() throws InterruptedException {
            stop.set(true);
            done.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() throws InterruptedException {
            stop();
        }
    }
}
