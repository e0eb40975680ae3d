package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.amazonaws.secretsmanager.caching.cache.LRUCache;

/** The AWS caching client's public {@code LRUCache}, used directly. */
class LRUCacheTest {

    @Test
    void theLeastRecentlyUsedEntryGoesFirst() {
        LRUCache<String, Integer> cache = new LRUCache<>(2);
        cache.put("a", 1);
        cache.put("b", 2);
        assertThat(cache.get("a")).isEqualTo(1);      // a is now the most recently used

        cache.put("c", 3);

        assertThat(cache.containsKey("b")).isFalse();
        assertThat(cache.get("a")).isEqualTo(1);
        assertThat(cache.get("c")).isEqualTo(3);
    }

    @Test
    void everyOperationAnswersAsDocumented() {
        LRUCache<String, Integer> cache = new LRUCache<>();

        assertThat(cache.putIfAbsent("a", 1)).isTrue();
        assertThat(cache.putIfAbsent("a", 2)).isFalse();
        assertThat(cache.getAndPut("a", 3)).isEqualTo(1);
        assertThat(cache.remove("a", 1)).isFalse();
        assertThat(cache.remove("a", 3)).isTrue();
        assertThat(cache.remove("a")).isFalse();

        Map<String, Integer> more = new LinkedHashMap<>();
        more.put("x", 10);
        more.put("y", 20);
        cache.putAll(more);
        assertThat(cache.getAndRemove("x")).isEqualTo(10);
        assertThat(cache.getAndRemove("x")).isNull();
        assertThat(cache.remove("y")).isTrue();

        cache.put("p", 1);
        cache.removeAll();
        assertThat(cache.containsKey("p")).isFalse();
        cache.put("q", 1);
        cache.clear();
        assertThat(cache.get("q")).isNull();
    }

    @Test
    void aSizeBelowOneIsRefused() {
        assertThatThrownBy(() -> new LRUCache<String, String>(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxSize");
    }
}
