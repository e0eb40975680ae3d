package com.amazonaws.secretsmanager.caching.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import com.amazonaws.secretsmanager.caching.Ticker;

class EntryTableTest {

    private final AtomicLong clock = new AtomicLong(1_000);
    private final StatsCounter stats = new StatsCounter(Ticker.systemTicker());

    private EntryTable table(int capacity) {
        return new EntryTable(new ConcurrentHashMap<>(), capacity, clock::get, stats);
    }

    /** A read as the cache records it, one clock reading after the previous one. */
    private void read(CacheEntry entry) {
        entry.touch(clock.incrementAndGet());
    }

    private static List<String> ids(List<CacheEntry> entries) {
        return entries.stream().map(e -> e.secretId).collect(Collectors.toList());
    }

    @Test
    void aSingleThreadsReadsAtDistinctReadingsEvictExactlyAsStrictLru() {
        int capacity = 50;
        EntryTable table = table(capacity);
        Map<String, Boolean> model = new LinkedHashMap<>(16, 0.75f, true);
        Random random = new Random(1);
        for (int step = 0; step < 20_000; step++) {
            String id = "s" + random.nextInt(120);
            clock.incrementAndGet();
            if (model.get(id) != null) {
                read(table.getOrCreate(id));
            } else {
                String modelVictim = model.size() == capacity ? model.keySet().iterator().next() : null;
                model.put(id, Boolean.TRUE);
                if (modelVictim != null) {
                    model.remove(modelVictim);
                }
                long evictions = stats.evictionCount();
                table.getOrCreate(id);
                assertThat(stats.evictionCount() - evictions).as("evictions at step %d", step)
                        .isEqualTo(modelVictim == null ? 0 : 1);
                assertThat(ids(table.byRecency())).as("held at step %d", step).doesNotContain(modelVictim);
            }
        }
        assertThat(ids(table.byRecency())).containsExactlyElementsOf(new ArrayList<>(model.keySet()));
    }

    @Test
    void aReadAtAnOlderReadingNeverMovesAnEntryBack() {
        EntryTable table = table(2);
        CacheEntry a = table.getOrCreate("a");
        clock.addAndGet(10);
        CacheEntry b = table.getOrCreate("b");
        a.touch(clock.get() + 5);
        a.touch(clock.get() - 5);     // a thread with an older reading of a coarse clock

        assertThat(ids(table.byRecency())).containsExactly("b", "a");
    }

    @Test
    void ofEntriesReadAtTheSameReadingTheOneCreatedFirstIsEvicted() {
        EntryTable table = table(2);
        CacheEntry a = table.getOrCreate("a");
        CacheEntry b = table.getOrCreate("b");
        b.touch(clock.get());
        a.touch(clock.get());

        table.getOrCreate("c");

        assertThat(ids(table.byRecency())).containsExactly("b", "c");
        assertThat(stats.evictionCount()).isEqualTo(1);
    }

    @Test
    void concurrentInsertionsAndReadsLeaveExactlyCapacityEntries() throws Exception {
        int capacity = 32;
        EntryTable table = table(capacity);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int seed = t;
            futures.add(pool.submit(() -> {
                Random random = new Random(seed);
                start.await();
                for (int i = 0; i < 50_000; i++) {
                    read(table.getOrCreate("s" + random.nextInt(100)));
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();

        assertThat(table.size()).isEqualTo(capacity);
        assertThat(table.byRecency()).hasSize(capacity);
    }
}
