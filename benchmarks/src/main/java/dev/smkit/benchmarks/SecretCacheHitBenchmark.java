package dev.smkit.benchmarks;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;

import dev.smkit.emulator.SecretsManagerEmulator;

/**
 * Cache-hit reads of 16 hot secrets, next to a plain {@link ConcurrentHashMap#get} of the same keys as the floor.
 * Run with {@code -t 1} and {@code -t 2}; {@code -prof gc} shows the allocation per read.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class SecretCacheHitBenchmark {

    private static final int SECRETS = 16;

    private final String[] ids = new String[SECRETS];
    private final ConcurrentHashMap<String, String> map = new ConcurrentHashMap<>();
    private SecretsManagerEmulator emulator;
    private SecretCache cache;

    /** Each thread walks the keys from its own position. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;

        int advance() {
            return next++ & (SECRETS - 1);
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        emulator = SecretsManagerEmulator.start();
        for (int i = 0; i < SECRETS; i++) {
            String id = "bench/secret-" + i;
            String value = "{\"username\":\"user" + i + "\",\"password\":\"pw-" + i + "\"}";
            emulator.client().createSecret(r -> r.name(id).secretString(value));
            ids[i] = id;
            map.put(id, value);
        }
        cache = new SecretCache(new SecretCacheConfiguration().withClient(emulator.client()));
        for (String id : ids) {
            if (!map.get(id).equals(cache.getSecretString(id))) {
                throw new IllegalStateException("cache returned a wrong value for " + id);
            }
        }
        // A long-running application's cache lives in the old generation, where G1's write barrier on reference
        // stores is most expensive; without this the cache would still be young and skip that cost.
        System.gc();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cache.close();
        emulator.close();
    }

    @Benchmark
    public String cacheHit(Cursor cursor) {
        return cache.getSecretString(ids[cursor.advance()]);
    }

    @Benchmark
    public String concurrentHashMapFloor(Cursor cursor) {
        return map.get(ids[cursor.advance()]);
    }
}
