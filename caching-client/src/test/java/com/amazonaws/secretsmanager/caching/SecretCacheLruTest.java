package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class SecretCacheLruTest extends EmulatorTest {

    @Test
    void theLeastRecentlyReadSecretIsEvicted() {
        createSecret("a", "A");
        createSecret("b", "B");
        createSecret("c", "C");
        SecretCache cache = cache(config().withMaxCacheSize(2));

        cache.getSecretString("a");
        cache.getSecretString("b");
        cache.getSecretString("a");
        cache.getSecretString("c");       // evicts b, read longest ago
        emulator.resetCallCounts();

        assertThat(cache.getSecretString("a")).isEqualTo("A");
        assertThat(describeCalls()).as("a stayed cached").isZero();
        assertThat(cache.getSecretString("b")).isEqualTo("B");
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
            assertThat(cache.getSecretString(id)).isEqualTo("v" + index);
            assertThat(cache.stats().missCount()).as("misses after read %d of %s", read, id).isEqualTo(expectedMisses);
        }
        assertThat(describeCalls()).isEqualTo(expectedMisses);
        assertThat(expectedMisses).isBetween(50L, 350L);
    }
}
