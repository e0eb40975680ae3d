package com.amazonaws.secretsmanager.caching.cache;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A thread-safe map with a size bound that drops the least recently used entry when an insertion goes beyond it.
 * {@link #get} and the insertions count as a use; {@link #containsKey} does not.
 *
 * <p>Kept for code written against the AWS caching client, which has a public class of this name; {@link
 * com.amazonaws.secretsmanager.caching.SecretCache} does not use it. Every method holds one lock for the duration of a
 * map operation, never during a call to anything else.
 *
 * @param <K> key type
 * @param <V> value type
 */
public class LRUCache<K, V> {

    private static final int DEFAULT_MAX_SIZE = 1024;

    private final Object lock = new Object();
    private final BoundedMap<K, V> map;

    /** A cache of at most 1024 entries. */
    public LRUCache() {
        this(DEFAULT_MAX_SIZE);
    }

    /**
     * A cache of at most {@code maxSize} entries.
     *
     * @throws IllegalArgumentException if {@code maxSize} is below 1
     */
    public LRUCache(int maxSize) {
        if (maxSize < 1) {
            throw new IllegalArgumentException("maxSize must be at least 1, got " + maxSize);
        }
        this.map = new BoundedMap<>(maxSize);
    }

    /** The value of {@code key}, or null; marks the entry as used. */
    public V get(K key) {
        synchronized (lock) {
            return map.get(key);
        }
    }

    /** Whether {@code key} has a value; does not mark the entry as used. */
    public boolean containsKey(K key) {
        synchronized (lock) {
            return map.containsKey(key);
        }
    }

    /** Sets the value of {@code key}. */
    public void put(K key, V value) {
        synchronized (lock) {
            map.put(key, value);
        }
    }

    /** Sets the value of {@code key} and returns the one it replaced, or null. */
    public V getAndPut(K key, V value) {
        synchronized (lock) {
            return map.put(key, value);
        }
    }

    /** Sets every value of {@code values}, in its iteration order. */
    public void putAll(Map<? extends K, ? extends V> values) {
        synchronized (lock) {
            for (Map.Entry<? extends K, ? extends V> entry : values.entrySet()) {
                map.put(entry.getKey(), entry.getValue());
            }
        }
    }

    /** Sets the value of {@code key} unless it has one; whether it did. */
    public boolean putIfAbsent(K key, V value) {
        synchronized (lock) {
            if (map.containsKey(key)) {
                return false;
            }
            map.put(key, value);
            return true;
        }
    }

    /** Removes {@code key}; whether it had a value. */
    public boolean remove(K key) {
        synchronized (lock) {
            if (!map.containsKey(key)) {
                return false;
            }
            map.remove(key);
            return true;
        }
    }

    /** Removes {@code key} if its value equals {@code value}; whether it did. */
    public boolean remove(K key, V value) {
        synchronized (lock) {
            return map.remove(key, value);
        }
    }

    /** Removes {@code key} and returns its value, or null. */
    public V getAndRemove(K key) {
        synchronized (lock) {
            return map.remove(key);
        }
    }

    /** Removes every entry. */
    public void removeAll() {
        clear();
    }

    /** Removes every entry. */
    public void clear() {
        synchronized (lock) {
            map.clear();
        }
    }

    /** Access-ordered, dropping its eldest entry beyond the bound. */
    private static final class BoundedMap<K, V> extends LinkedHashMap<K, V> {
        private static final long serialVersionUID = 1L;

        private final int maxSize;

        BoundedMap(int maxSize) {
            super(16, 0.75f, true);
            this.maxSize = maxSize;
        }

        @Override
        protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > maxSize;
        }
    }
}
