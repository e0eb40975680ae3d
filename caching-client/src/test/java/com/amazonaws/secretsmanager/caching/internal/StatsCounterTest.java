package com.amazonaws.secretsmanager.caching.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.amazonaws.secretsmanager.caching.Ticker;

class StatsCounterTest {

    @Test
    void hitsFromManyThreadsAreCountedExactly() throws Exception {
        StatsCounter stats = new StatsCounter(Ticker.systemTicker());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < 100_000; i++) {
                    stats.hit();
                }
            }));
        }
        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(stats.hitCount()).isEqualTo(800_000);
    }

    @Test
    void hitsOfThreadsThatEndedOrFoundNoSlotAreCountedExactly() throws Exception {
        StatsCounter stats = new StatsCounter(Ticker.systemTicker());
        for (int t = 0; t < 200; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 10; i++) {
                    stats.hit();
                }
            });
            thread.start();
            thread.join();
        }
        // More live threads than slots: some count in the shared adder.
        java.util.concurrent.CountDownLatch allCounted = new java.util.concurrent.CountDownLatch(300);
        java.util.concurrent.CountDownLatch end = new java.util.concurrent.CountDownLatch(1);
        List<Thread> live = new ArrayList<>();
        for (int t = 0; t < 300; t++) {
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 10; i++) {
                    stats.hit();
                }
                allCounted.countDown();
                try {
                    end.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            thread.start();
            live.add(thread);
        }
        allCounted.await();
        end.countDown();
        for (Thread thread : live) {
            thread.join();
        }
        stats.hit();

        assertThat(stats.hitCount()).isEqualTo(2000 + 3000 + 1);
        assertThat(stats.ownedSlots()).isPositive();
    }
}
