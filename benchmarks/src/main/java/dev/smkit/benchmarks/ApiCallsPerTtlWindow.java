package dev.smkit.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;

import dev.smkit.emulator.SecretsManagerEmulator;

/**
 * Counts the Secrets Manager calls a SecretCache makes per secret per TTL window while 8 threads read 16 secrets
 * non-stop. Time is a hand-moved ticker and TTL jitter is pinned to its maximum, so every window is exactly one TTL:
 * each window moves time to 90% of the TTL (reads there trigger background refresh ahead), then to 100%.
 * In odd windows half of the secrets get a new version. Expected per window: one DescribeSecret per secret, plus
 * one GetSecretValue per changed secret. Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.smkit.benchmarks.ApiCallsPerTtlWindow}.
 */
public final class ApiCallsPerTtlWindow {

    private static final int SECRETS = 16;
    private static final int READERS = 8;
    private static final int WINDOWS = 6;
    private static final Duration TTL = Duration.ofHours(1);

    public static void main(String[] args) throws Exception {
        AtomicLong now = new AtomicLong();
        Random maxJitter = new Random() {
            private static final long serialVersionUID = 1L;

            @Override
            public double nextDouble() {
                return Math.nextDown(1.0);
            }
        };
        try (SecretsManagerEmulator emulator = SecretsManagerEmulator.start()) {
            String[] ids = new String[SECRETS];
            for (int i = 0; i < SECRETS; i++) {
                String id = "window/secret-" + i;
                ids[i] = id;
                emulator.client().createSecret(r -> r.name(id).secretString("v0"));
            }
            SecretCacheConfiguration config = new SecretCacheConfiguration().withClient(emulator.client())
                    .withCacheItemTTL(TTL).withTicker(now::get).withRandom(maxJitter);
            try (SecretCache cache = new SecretCache(config)) {
                for (String id : ids) {
                    cache.getSecretString(id);
                }
                AtomicBoolean running = new AtomicBoolean(true);
                AtomicLong reads = new AtomicLong();
                List<Thread> readers = new ArrayList<>();
                for (int t = 0; t < READERS; t++) {
                    Thread reader = new Thread(() -> {
                        int i = 0;
                        while (running.get()) {
                            cache.getSecretString(ids[i++ & (SECRETS - 1)]);
                            reads.incrementAndGet();
                        }
                    });
                    reader.start();
                    readers.add(reader);
                }
                System.out.printf("%-7s %-8s %-16s %-16s %-22s %s%n", "window", "changed", "DescribeSecret",
                        "GetSecretValue", "DescribeSecret/secret", "reads");
                for (int window = 1; window <= WINDOWS; window++) {
                    int changed = 0;
                    if (window % 2 == 0) {
                        for (int i = 0; i < SECRETS; i += 2) {
                            String id = ids[i];
                            String value = "v" + window;
                            emulator.client().putSecretValue(r -> r.secretId(id).secretString(value));
                            changed++;
                        }
                    }
                    emulator.resetCallCounts();
                    long readsBefore = reads.get();
                    now.addAndGet(TTL.multipliedBy(9).dividedBy(10).toNanos());
                    Thread.sleep(300);      // wall time only lets readers run; cache time is the ticker
                    now.addAndGet(TTL.dividedBy(10).toNanos());
                    Thread.sleep(300);
                    long describe = emulator.callCount("DescribeSecret");
                    long getValue = emulator.callCount("GetSecretValue");
                    System.out.printf("%-7d %-8d %-16d %-16d %-22.2f %d%n", window, changed, describe, getValue,
                            describe / (double) SECRETS, reads.get() - readsBefore);
                }
                running.set(false);
                for (Thread reader : readers) {
                    reader.join();
                }
                System.out.println("cache stats: " + cache.stats());
            }
        }
    }
}
