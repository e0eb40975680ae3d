package com.amazonaws.secretsmanager.caching.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class AccessOrderTest {

    static final class Item {
        final int id;
        final AccessOrder.Node<Item> node = new AccessOrder.Node<>(this);

        Item(int id) {
            this.id = id;
        }

        @Override
        public String toString() {
            return "item" + id;
        }
    }

    private static List<Integer> ids(List<Item> items) {
        return items.stream().map(i -> i.id).collect(Collectors.toList());
    }

    @Test
    void readsMoveItemsToTheMostRecentEnd() {
        AccessOrder<Item> order = new AccessOrder<>(10);
        Item a = new Item(1);
        Item b = new Item(2);
        Item c = new Item(3);
        order.insert(a.node);
        order.insert(b.node);
        order.insert(c.node);

        order.recordRead(a.node);
        order.recordRead(b.node);

        assertThat(ids(order.snapshot())).containsExactly(3, 1, 2);
    }

    @Test
    void insertingBeyondCapacityEvictsTheLeastRecentlyRead() {
        AccessOrder<Item> order = new AccessOrder<>(2);
        Item a = new Item(1);
        Item b = new Item(2);
        order.insert(a.node);
        order.insert(b.node);
        order.recordRead(a.node);

        List<Item> evicted = order.insert(new Item(3).node);

        assertThat(ids(evicted)).containsExactly(2);
        assertThat(ids(order.snapshot())).containsExactly(1, 3);
        order.recordRead(b.node);    // a read of an evicted item is ignored
        assertThat(ids(order.snapshot())).containsExactly(1, 3);
    }

    @Test
    void aReadOfAnEvictedItemDoesNotRefreshTheItemThatTookItsPlace() {
        AccessOrder<Item> order = new AccessOrder<>(2);
        Item a = new Item(1);
        Item b = new Item(2);
        order.insert(a.node);
        order.insert(b.node);
        order.recordRead(a.node);
        Item c = new Item(3);
        assertThat(ids(order.insert(c.node))).containsExactly(2);
        order.recordRead(a.node);

        order.recordRead(b.node);

        assertThat(ids(order.snapshot())).containsExactly(3, 1);
        assertThat(ids(order.insert(new Item(4).node))).containsExactly(3);
    }

    @Test
    void clearForgetsEveryItemAndTheirPendingReads() {
        AccessOrder<Item> order = new AccessOrder<>(2);
        Item a = new Item(1);
        Item b = new Item(2);
        order.insert(a.node);
        order.insert(b.node);
        order.recordRead(a.node);

        order.clear();
        order.recordRead(b.node);
        Item c = new Item(3);
        Item d = new Item(4);
        order.insert(c.node);
        order.insert(d.node);
        order.recordRead(a.node);

        assertThat(ids(order.snapshot())).containsExactly(3, 4);
        assertThat(ids(order.insert(new Item(5).node))).containsExactly(3);
    }

    @Test
    void readCountIncludesReadsOfItemsNotHeld() {
        AccessOrder<Item> order = new AccessOrder<>(2);
        Item a = new Item(1);
        order.recordRead(a.node);       // before insertion, as when a reader finds an entry being added
        order.insert(a.node);
        order.recordRead(a.node);

        assertThat(order.readCount()).isEqualTo(2);
    }

    @Test
    void aSingleThreadsLongReadSequenceMatchesStrictLruExactly() {
        int capacity = 50;
        AccessOrder<Item> order = new AccessOrder<>(capacity);
        Map<Integer, Item> live = new LinkedHashMap<>(16, 0.75f, true);
        Random random = new Random(1);
        for (int step = 0; step < 20_000; step++) {
            int id = random.nextInt(120);
            Item item = live.get(id);       // access-ordered: this is the model's read
            if (item != null) {
                order.recordRead(item.node);
            } else {
                item = new Item(id);
                live.put(id, item);
                for (Item victim : order.insert(item.node)) {
                    Item modelVictim = live.keySet().iterator().hasNext() ? live.values().iterator().next() : null;
                    assertThat(victim).as("victim at step %d", step).isSameAs(modelVictim);
                    live.remove(victim.id);
                }
            }
        }
        assertThat(ids(order.snapshot())).containsExactlyElementsOf(new ArrayList<>(live.keySet()));
    }

    @Test
    void concurrentReadersNeverCorruptTheListOrExceedCapacity() throws Exception {
        AccessOrder<Item> order = new AccessOrder<>(32);
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            items.add(new Item(i));
            order.insert(items.get(i).node);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int seed = t;
            futures.add(pool.submit(() -> {
                Random random = new Random(seed);
                start.await();
                for (int i = 0; i < 100_000; i++) {
                    order.recordRead(items.get(random.nextInt(items.size())).node);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();

        assertThat(order.snapshot()).hasSize(32).containsExactlyInAnyOrderElementsOf(items);
    }
}
