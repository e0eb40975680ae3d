package com.amazonaws.secretsmanager.caching.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import com.amazonaws.secretsmanager.caching.Ticker;

/**
 * Which secrets are held: creates entries on first use and, beyond capacity, evicts the least recently read one.
 *
 * <p>Recency is each entry's last-read clock reading ({@link CacheEntry#touch}), written by readers only when the
 * clock has moved. Eviction happens on insertion, on a miss, next to a network call: one scan of the held entries for
 * the oldest reading, O(size). The order is therefore LRU to the resolution of the clock (about 1 ms with the default
 * ticker): of entries last read at the same reading, the one created first goes first.
 */
public final class EntryTable {

    private final ConcurrentHashMap<String, CacheEntry> entries;
    private final int capacity;
    private final Ticker clock;
    private final StatsCounter stats;
    private final AtomicLong sequence = new AtomicLong();
    /** One eviction scan at a time, so that concurrent insertions never evict more than the excess. */
    private final ReentrantLock evictionLock = new ReentrantLock();

    public EntryTable(ConcurrentHashMap<String, CacheEntry> entries, int capacity, Ticker clock, StatsCounter stats) {
        this.entries = entries;
        this.capacity = capacity;
        this.clock = clock;
        this.stats = stats;
    }

    /** The entry of {@code secretId}, added (and others evicted if the table is full) if there is none. */
    public CacheEntry getOrCreate(String secretId) {
        CacheEntry entry = entries.get(secretId);
        if (entry != null) {
            return entry;
        }
        CacheEntry created = new CacheEntry(secretId, sequence.incrementAndGet(), clock.read());
        entry = entries.putIfAbsent(secretId, created);
        if (entry != null) {
            return entry;
        }
        if (entries.size() > capacity) {
            evictBeyondCapacity(created);
        }
        return created;
    }

    private void evictBeyondCapacity(CacheEntry keep) {
        evictionLock.lock();
        try {
            while (entries.size() > capacity) {
                CacheEntry victim = leastRecentlyRead(keep);
                if (victim == null) {
                    return;
                }
                if (entries.remove(victim.secretId, victim)) {
                    stats.eviction();
                }
            }
        } finally {
            evictionLock.unlock();
        }
    }

    private CacheEntry leastRecentlyRead(CacheEntry keep) {
        CacheEntry least = null;
        long leastRead = 0;
        for (CacheEntry candidate : entries.values()) {
            if (candidate == keep) {
                continue;
            }
            long read = candidate.lastRead();
            if (least == null || read - leastRead < 0 || (read == leastRead && candidate.sequence < least.sequence)) {
                least = candidate;
                leastRead = read;
            }
        }
        return least;
    }

    /** Held entries from least to most recently read (for tests and diagnostics). */
    public List<CacheEntry> byRecency() {
        List<CacheEntry> order = new ArrayList<>(entries.values());
        order.sort((a, b) -> {
            long diff = a.lastRead() - b.lastRead();
            return diff != 0 ? (diff < 0 ? -1 : 1) : Long.compare(a.sequence, b.sequence);
        });
        return order;
    }

    public Collection<CacheEntry> all() {
        return entries.values();
    }

    public int size() {
        return entries.size();
    }

    public void clear() {
        entries.clear();
    }
}
