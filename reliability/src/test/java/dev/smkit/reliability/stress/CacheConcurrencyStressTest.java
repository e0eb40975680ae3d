package dev.smkit.reliability.stress;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.caching.SecretCacheStats;
import com.amazonaws.secretsmanager.caching.SecretChangeEvent;
import com.amazonaws.secretsmanager.caching.SecretChangeListener;
import com.amazonaws.secretsmanager.caching.SecretVersion;
import dev.smkit.reliability.support.Canary;
import dev.smkit.reliability.support.SharedEmulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * 16 threads of random operations on one SecretCache for a few seconds: reads of 200 secrets with room for 64,
 * refreshNow, per-call stages, version lookups, listener churn, while one thread writes new versions of 8 secrets;
 * then close() while readers are still running.
 */
class CacheConcurrencyStressTest {

    static final int THREADS = 16;
    static final int SECRETS = 200;
    static final int ROTATING = 8;
    static final int MAX_CACHE_SIZE = 64;
    static final Duration RUN = Duration.ofSeconds(Long.getLong("smkit.stress.seconds", 6));

    final SecretsManagerClient admin = SharedEmulator.get().client();
    final Map<String, List<String>> versionsInOrder = new ConcurrentHashMap<>();
    final List<SecretChangeEvent> events = new CopyOnWriteArrayList<>();
    final List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    final AtomicLong reads = new AtomicLong();
    /** Every call that reads through the cache (reads, stage and version lookups, metadata, refreshNow). */
    final AtomicLong cacheCalls = new AtomicLong();
    final AtomicLong puts = new AtomicLong();

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void randomOperationsKeepTheInvariants() throws Exception {
        for (int i = 0; i < SECRETS; i++) {
            String id = id(i);
            String versionId = admin.createSecret(r -> r.name(id).secretString(Canary.credentials("app"))).versionId();
            versionsInOrder.put(id, new CopyOnWriteArrayList<>(List.of(versionId)));
        }
        SharedEmulator.get().resetCallCounts();
        SecretChangeListener recorder = events::add;
        SecretCache cache = new SecretCache(new SecretCacheConfiguration().withClient(admin)
                .withMaxCacheSize(MAX_CACHE_SIZE).withCacheItemTTL(Duration.ofMillis(400)));
        cache.addChangeListener(recorder);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            long end = System.nanoTime() + RUN.toNanos();
            CountDownLatch done = new CountDownLatch(THREADS);
            pool.submit(() -> run(done, () -> {
                while (System.nanoTime() - end < 0) {
                    putNewVersion(id(ThreadLocalRandom.current().nextInt(ROTATING)));
                    Thread.sleep(5); // a steady stream of rotations, not a write flood
                }
            }));
            for (int t = 1; t < THREADS; t++) {
                pool.submit(() -> run(done, () -> {
                    while (System.nanoTime() - end < 0) {
                        randomOperation(cache);
                    }
                }));
            }
            assertThat(done.await(60, TimeUnit.SECONDS)).as("all threads finished (no deadlock)").isTrue();
            assertThat(unexpected).as("exceptions").isEmpty();

            SecretCacheStats stats = cache.stats();
            assertThat(stats.loadFailureCount()).isZero();
            assertThat(stats.apiCallCount("DescribeSecret"))
                    .isEqualTo(SharedEmulator.get().callCount("DescribeSecret"));
            assertThat(stats.apiCallCount("GetSecretValue"))
                    .isEqualTo(SharedEmulator.get().callCount("GetSecretValue"));
            assertThat(stats.evictionCount()).isGreaterThanOrEqualTo(SECRETS - MAX_CACHE_SIZE);
            assertThat(stats.missCount()).isGreaterThanOrEqualTo(SECRETS);
            assertThat(stats.hitCount() + stats.missCount()).isLessThanOrEqualTo(cacheCalls.get());
            assertEventsAreRealVersionChanges();
            System.out.printf("FIGURE stress threads=%d seconds=%d reads=%d cacheCalls=%d puts=%d events=%d hits=%d misses=%d "
                            + "evictions=%d describeCalls=%d getValueCalls=%d%n", THREADS, RUN.getSeconds(), reads.get(), cacheCalls.get(),
                    puts.get(), events.size(), stats.hitCount(), stats.missCount(), stats.evictionCount(),
                    stats.apiCallCount("DescribeSecret"), stats.apiCallCount("GetSecretValue"));

            // Quiet now: each further version change is reported exactly once, with the right versions.
            for (int i = 0; i < ROTATING; i++) {
                String id = id(i);
                assertThat(cache.refreshNow(id)).isTrue();
                String before = cache.getSecretVersion(id).getVersionId();
                int eventsBefore = events.size();
                String after = putNewVersion(id);
                assertThat(cache.refreshNow(id)).isTrue();
                assertThat(events).hasSize(eventsBefore + 1);
                SecretChangeEvent event = events.get(eventsBefore);
                assertThat(event.getSecretId()).isEqualTo(id);
                assertThat(event.getPreviousVersionId()).isEqualTo(before);
                assertThat(event.getNewVersionId()).isEqualTo(after);
                assertThat(cache.getSecretVersion(id).getVersionId()).isEqualTo(after);
            }

            // close() while 15 threads read: each read either succeeds or gets the documented IllegalStateException.
            CountDownLatch closing = new CountDownLatch(THREADS - 1);
            AtomicLong closedReads = new AtomicLong();
            for (int t = 1; t < THREADS; t++) {
                pool.submit(() -> run(closing, () -> {
                    for (int n = 0; n < 2_000; n++) {
                        try {
                            cache.getSecretString(id(ThreadLocalRandom.current().nextInt(ROTATING)));
                        } catch (IllegalStateException documented) {
                            closedReads.incrementAndGet();
                            return;
                        }
                    }
                }));
            }
            cache.close();
            assertThat(closing.await(30, TimeUnit.SECONDS)).as("readers finished after close").isTrue();
            assertThat(unexpected).as("exceptions around close").isEmpty();
            assertThat(cache.stats()).isNotNull();
        } finally {
            pool.shutdownNow();
            cache.close();
        }
    }

    private void randomOperation(SecretCache cache) throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        // Skewed reads: a hot set that mostly fits, plus a long tail that forces evictions.
        String id = id(random.nextInt(4) == 0 ? random.nextInt(SECRETS) : random.nextInt(48));
        int operation = random.nextInt(100);
        cacheCalls.addAndGet(operation >= 90 && operation < 94 ? 2 : 1);
        if (operation < 80) {
            reads.incrementAndGet();
            assertThat(cache.getSecretString(id)).startsWith("{\"username\":\"app\"");
        } else if (operation < 85) {
            cache.refreshNow(id);
        } else if (operation < 90) {
            SecretVersion previous = cache.getSecretVersion(id, "AWSPREVIOUS");
            if (previous != null) {
                assertThat(versionsInOrder.get(id)).contains(previous.getVersionId());
            }
        } else if (operation < 94) {
            SecretVersion current = cache.getSecretVersion(id);
            assertThat(cache.getSecretVersionById(id, current.getVersionId()).getSecretString())
                    .isEqualTo(current.getSecretString());
        } else if (operation < 97) {
            assertThat(cache.getSecretMetadata(id).getName()).isEqualTo(id);
        } else {
            SecretChangeListener churn = event -> { };
            cache.addChangeListener(churn);
            cache.removeChangeListener(churn);
        }
    }

    private String putNewVersion(String id) {
        String versionId = admin.putSecretValue(r -> r.secretId(id).secretString(Canary.credentials("app"))).versionId();
        versionsInOrder.get(id).add(versionId);
        puts.incrementAndGet();
        return versionId;
    }

    /** Every event names two versions of its secret, the new one written after the previous one. */
    private void assertEventsAreRealVersionChanges() {
        Map<String, Long> perSecret = new ConcurrentHashMap<>();
        for (SecretChangeEvent event : events) {
            List<String> versions = versionsInOrder.get(event.getSecretId());
            assertThat(event.getSecretId()).startsWith("stress/");
            assertThat(versions).contains(event.getNewVersionId());
            if (event.getPreviousVersionId() != null) {
                assertThat(versions.indexOf(event.getNewVersionId()))
                        .isGreaterThan(versions.indexOf(event.getPreviousVersionId()));
            }
            perSecret.merge(event.getSecretId(), 1L, Long::sum);
        }
        perSecret.forEach((id, count) -> assertThat(count).as("events of %s", id)
                .isLessThanOrEqualTo(versionsInOrder.get(id).size() - 1L));
    }

    interface Body {
        void run() throws Exception;
    }

    private void run(CountDownLatch done, Body body) {
        try {
            body.run();
        } catch (Throwable e) {
            unexpected.add(e);
        } finally {
            done.countDown();
        }
    }

    static String id(int index) {
        return "stress/secret-" + index;
    }
}
