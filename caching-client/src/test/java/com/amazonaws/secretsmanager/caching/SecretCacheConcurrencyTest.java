package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Single flight: however many threads ask, one call per operation per secret is in flight. */
class SecretCacheConcurrencyTest extends EmulatorTest {

    private final ExecutorService pool = Executors.newFixedThreadPool(64);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** Runs {@code task} on {@code threads} threads released together and returns their results. */
    private <T> List<T> together(int threads, Callable<T> task) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            futures.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(30, TimeUnit.SECONDS));
        }
        return results;
    }

    @Test
    void sixtyFourThreadsOnOneExpiredSecretMakeOneDescribeAndOneGetSecretValue() throws Exception {
        createSecret("db", "v1");
        SecretCache cache = cache(config().withRefreshAheadFraction(0));
        cache.getSecretString("db");
        putValue("db", "v2");
        emulator.faults().latency("DescribeSecret", Duration.ofMillis(200));
        ticker.advance(hours(1));

        List<String> values = together(64, () -> cache.getSecretString("db"));

        assertThat(values).hasSize(64).containsOnly("v2");
        assertThat(describeCalls()).isEqualTo(1);
        assertThat(getValueCalls()).isEqualTo(1);
    }

    @Test
    void sixtyFourThreadsOnAnUnchangedExpiredSecretMakeOneDescribeAndNoGetSecretValue() throws Exception {
        createSecret("db", "v1");
        SecretCache cache = cache(config().withRefreshAheadFraction(0));
        cache.getSecretString("db");
        emulator.resetCallCounts();
        emulator.faults().latency("DescribeSecret", Duration.ofMillis(200));
        ticker.advance(hours(1));

        List<String> values = together(64, () -> cache.getSecretString("db"));

        assertThat(values).containsOnly("v1");
        assertThat(describeCalls()).isEqualTo(1);
        assertThat(getValueCalls()).isZero();
    }

    @Test
    void concurrentFirstReadsShareOneLoad() throws Exception {
        createSecret("db", "v1");
        SecretCache cache = cache();
        emulator.faults().latency("DescribeSecret", Duration.ofMillis(200));

        List<String> values = together(32, () -> cache.getSecretString("db"));

        assertThat(values).containsOnly("v1");
        assertThat(describeCalls()).isEqualTo(1);
        assertThat(getValueCalls()).isEqualTo(1);
    }

    @Test
    void concurrentRefreshIfUnchangedCallersShareOneCheck() throws Exception {
        String first = createSecret("db", "v1");
        SecretCache cache = cache();
        cache.getSecretString("db");
        String second = putValue("db", "v2");
        ticker.advance(Duration.ofSeconds(5));
        emulator.faults().latency("DescribeSecret", Duration.ofMillis(300));

        List<String> versions = together(16, () -> cache.refreshIfUnchanged("db", first).getVersionId());

        assertThat(versions).containsOnly(second);
        assertThat(describeCalls()).isEqualTo(1);
        assertThat(getValueCalls()).isEqualTo(1);
    }

    @Test
    void aSecretWhoseLoadHangsDoesNotBlockReadsOfOthers() throws Exception {
        createSecret("slow", "s");
        createSecret("fast", "f");
        SecretCache cache = cache();
        cache.getSecretString("fast");
        emulator.faults().pause();
        Future<String> slow;
        try {
            CountDownLatch loading = new CountDownLatch(1);
            slow = pool.submit(() -> {
                loading.countDown();
                return cache.getSecretString("slow");
            });
            loading.await();
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                for (int i = 0; i < 1000; i++) {
                    assertThat(cache.getSecretString("fast")).isEqualTo("f");
                }
            });
            assertThat(slow.isDone()).isFalse();
        } finally {
            emulator.faults().resume();
        }
        assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("s");
    }

    @Test
    void listenersFireOnceUnderManyConcurrentReaders() throws Exception {
        createSecret("db", "v1");
        SecretCache cache = cache(config().withRefreshAheadFraction(0));
        AtomicInteger events = new AtomicInteger();
        cache.addChangeListener(e -> events.incrementAndGet());
        cache.getSecretString("db");
        putValue("db", "v2");
        emulator.faults().latency("DescribeSecret", Duration.ofMillis(100));
        ticker.advance(hours(1));

        together(32, () -> cache.getSecretString("db"));
        together(32, () -> cache.getSecretString("db"));

        assertThat(events.get()).isEqualTo(1);
    }
}
