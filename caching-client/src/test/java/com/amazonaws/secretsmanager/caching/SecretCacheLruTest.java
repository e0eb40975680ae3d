package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * LRU eviction. Recency is recorded as the clock reading of each secret's last read (to about 1 ms with the default
 * ticker), so these tests move the test clock by one millisecond between reads: reads at distinct readings evict
 * exactly as strict LRU. Of secrets last read at the same reading, the one added first is evicted first.
 */
class SecretCacheLruTest extends EmulatorTest {

    private static final Duration TICK = Duration.ofMillis(1);

    private String read(SecretCache cache, String id) {
        ticker.advance(TICK);
        return cache.getSecretString(id);
    }

    @Test
    void theLeastRecentlyReadSecretIsEvicted() {
        createSecret("a", "A");
        createSecret("b", "B");
        createSecret("c", "C");
        SecretCache cache = cache(config().withMaxCacheSize(2));

        read(cache, "a");
        read(cache, "b");
        read(cache, "a");
        read(cache, "c");       // evicts b, read longest ago
        emulator.resetCallCounts();

        assertThat(read(cache, "a")).isEqualTo("A");
        assertThat(describeCalls()).as("a stayed cached").isZero();
        assertThat(read(cache, "b")).isEqualTo("B");
        assertThat(describeCalls()).as("b was evicted").isEqualTo(1);
        assertThat(cache.stats().evictionCount()).isEqualTo(2);   // b, then c for b's return
    }

    @Test
    void aSequentialAccessPatternEvictsExactlyAsStrictLru() {
        int secrets = 12;
        int capacity = 5;
        for (int i = 0; i < secrets; i++) {
            createSecret("s" + i, "v" + i);
        }
        SecretCache cache = cache(config().withMaxCacheSize(capacity));
        Map<String, Boolean> model = new LinkedHashMap<String, Boolean>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
        Random random = new Random(42);
        long expectedMisses = 0;
        for (int read = 0; read < 400; read++) {
            // Skewed towards a few hot secrets, so both hits and evictions are frequent.
            int index = random.nextInt(3) == 0 ? random.nextInt(secrets) : random.nextInt(4);
            String id = "s" + index;
            if (model.get(id) == null) {
                expectedMisses++;
                model.put(id, Boolean.TRUE);
            }
            assertThat(read(cache, id)).isEqualTo("v" + index);
            assertThat(cache.stats().missCount()).as("misses after read %d of %s", read, id).isEqualTo(expectedMisses);
        }
        assertThat(describeCalls()).isEqualTo(expectedMisses);
        assertThat(expectedMisses).isBetween(50L, 350L);
    }

    @Test
    void ofSecretsReadAtTheSameClockReadingTheOneAddedFirstIsEvicted() {
        createSecret("a", "A");
        createSecret("b", "B");
        createSecret("c", "C");
        SecretCache cache = cache(config().withMaxCacheSize(2));

        cache.getSecretString("a");
        cache.getSecretString("b");
        cache.getSecretString("a");       // same reading as the reads of b: no order between them
        cache.getSecretString("c");
        emulator.resetCallCounts();

        cache.getSecretString("b");
        assertThat(describeCalls()).as("b stayed cached").isZero();
        cache.getSecretString("a");
        assertThat(describeCalls()).as("a, added first, was evicted").isEqualTo(1);
    }
}
