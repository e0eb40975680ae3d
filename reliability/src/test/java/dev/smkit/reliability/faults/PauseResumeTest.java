package dev.smkit.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.caching.internal.DefaultClients;
import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.hikari.SecretsManagerHikari;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import dev.smkit.reliability.support.Backoff;
import dev.smkit.reliability.support.Canary;
import dev.smkit.reliability.support.ManualTicker;
import dev.smkit.reliability.support.SharedEmulator;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The emulator holds every request unanswered for 20 s of real time, then answers again. Both paths (cache reads and
 * pool borrows through the wrapper driver) run through the same pause. Two more caches show what a first load does
 * meanwhile: one on smkit's own client recipe ({@link DefaultClients}, what {@code new SecretCache()} and the JDBC
 * drivers build: 5 s attempt / 15 s call timeouts) fails with ApiCallTimeoutException before the pause ends; one on a
 * plain SDK client (no call timeouts) waits for the whole pause.
 */
class PauseResumeTest {

    static final Duration PAUSE = Duration.ofSeconds(20);
    static final Duration TTL = Duration.ofSeconds(60);
    static final Duration STEP = Duration.ofSeconds(1);

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void pausedServiceThenResumed() throws Exception {
        DatabaseServer postgres = SharedDatabases.postgres();
        String password = Canary.next();
        postgres.createUser("pause_app", password);
        String poolSecret = "faults/pause/pool";
        String cacheSecret = "faults/pause/cache";
        String coldSecret = "faults/pause/cold";
        String cacheValue = Canary.credentials("app");
        String coldValue = Canary.credentials("app");
        SharedEmulator.get().client().createSecret(r -> r.name(poolSecret)
                .secretString(postgres.secretJson("pause_app", password)));
        SharedEmulator.get().client().createSecret(r -> r.name(cacheSecret).secretString(cacheValue));
        SharedEmulator.get().client().createSecret(r -> r.name(coldSecret).secretString(coldValue));
        ManualTicker ticker = new ManualTicker();
        String defaultsSecret = "faults/pause/smkit-defaults";
        SharedEmulator.get().client().createSecret(r -> r.name(defaultsSecret).secretString(Canary.credentials("app")));
        AtomicBoolean resumed = new AtomicBoolean();
        try (SecretsManagerClient timed = SharedEmulator.timedClient();
             SecretsManagerClient untimed = SharedEmulator.get().clientBuilder().build();
             SecretsManagerClient smkitDefaults = DefaultClients.builder()
                     .endpointOverride(SharedEmulator.get().endpoint())
                     .region(Region.of(SharedEmulator.get().region()))
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                             SharedEmulator.get().accessKeyId(), SharedEmulator.get().secretAccessKey())))
                     .build();
             SecretCache defaultsCache = new SecretCache(smkitDefaults);
             SecretCache cache = new SecretCache(new SecretCacheConfiguration().withClient(timed).withTicker(ticker)
                     .withCacheItemTTL(TTL).withRefreshAheadFraction(0).withRandom(new Random(7)));
             SecretCache untimedCache = new SecretCache(untimed);
             HikariDataSource pool = SecretsManagerHikari.forSecret(poolSecret).cache(cache)
                     .configure(c -> {
                         c.setMaximumPoolSize(2);
                         c.setMinimumIdle(0);
                         c.setConnectionTimeout(8_000);
                     })
                     .build()) {
            assertThat(cache.getSecretString(cacheSecret)).isEqualTo(cacheValue);
            assertThat(PoolFaultMatrixTest.query(pool)).isEqualTo("pause_app");

            SharedEmulator.get().faults().pause();
            CompletableFuture<Boolean> untimedLoad;
            CompletableFuture<Throwable> defaultsLoad;
            int reads = 0;
            long describesBefore = CacheFaultMatrixTest.describes(cache);
            try {
                defaultsLoad = CompletableFuture.supplyAsync(() -> {
                    Throwable thrown = catchThrowable(() -> defaultsCache.getSecretString(defaultsSecret));
                    assertThat(resumed).as("failed before the resume").isFalse();
                    return thrown;
                });
                untimedLoad = CompletableFuture.supplyAsync(() -> {
                    assertThat(untimedCache.getSecretString(coldSecret)).isEqualTo(coldValue);
                    return resumed.get();
                });
                ticker.advance(TTL);
                long end = System.nanoTime() + PAUSE.toNanos();
                while (System.nanoTime() - end < 0) {
                    ticker.advance(STEP);
                    assertThat(cache.getSecretString(cacheSecret)).isEqualTo(cacheValue);
                    pool.getHikariPoolMXBean().softEvictConnections();
                    assertThat(PoolFaultMatrixTest.query(pool)).isEqualTo("pause_app");
                    reads++;
                    Thread.onSpinWait();
                }
                assertThat(untimedLoad).as("a first load on a client without timeouts waits for the service").isNotDone();
                assertThat(defaultsLoad).as("smkit's 15 s call timeout ended the first load within the 20 s pause")
                        .isDone();
            } finally {
                resumed.set(true);
                SharedEmulator.get().faults().resume();
            }
            int checks = (int) (CacheFaultMatrixTest.describes(cache) - describesBefore);
            Duration simulated = STEP.multipliedBy(reads);
            // Two secrets (the cache's and the pool's), each on its own backoff schedule.
            assertThat(checks).as("version checks during the pause (%d reads and borrows)", reads)
                    .isBetween(2, 2 * (1 + Backoff.maxRetries(simulated)));
            assertThat(untimedLoad.get(30, TimeUnit.SECONDS)).as("returned only after the resume").isTrue();
            assertThat(Canary.assertAbsent(defaultsLoad.get())).isInstanceOf(ApiCallTimeoutException.class);

            long describesAtResume = CacheFaultMatrixTest.describes(cache);
            Duration waited = Duration.ZERO;
            // Both secrets retry on their own schedule; each retry now succeeds (the next check is a TTL away).
            while (CacheFaultMatrixTest.describes(cache) - describesAtResume < 2) {
                ticker.advance(STEP);
                waited = waited.plus(STEP);
                assertThat(waited).isLessThanOrEqualTo(Backoff.ceiling(checks).plus(STEP));
                assertThat(cache.getSecretString(cacheSecret)).isEqualTo(cacheValue);
                pool.getHikariPoolMXBean().softEvictConnections();
                assertThat(PoolFaultMatrixTest.query(pool)).isEqualTo("pause_app");
            }
            long stale = cache.stats().staleServeCount();
            assertThat(cache.getSecretString(cacheSecret)).isEqualTo(cacheValue);
            pool.getHikariPoolMXBean().softEvictConnections();
            assertThat(PoolFaultMatrixTest.query(pool)).isEqualTo("pause_app");
            assertThat(cache.stats().staleServeCount()).isEqualTo(stale);
            System.out.printf("FIGURE pause seconds=%d readsAndBorrows=%d checks=%d firstRetryAfterResume=%dms "
                    + "untimedFirstLoadWaitedForResume=true smkitDefaultsFirstLoad=%s%n", PAUSE.getSeconds(), reads, checks, waited.toMillis(),
                    defaultsLoad.get().getClass().getSimpleName());
        }
    }
}
