package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

import org.junit.jupiter.api.Test;

/**
 * A cache hit with the default configuration (shared coarse clock, LRU bound, statistics) allocates nothing: counted
 * with the JVM's per-thread allocation counter around many hits, not timed.
 */
class HitPathAllocationTest extends EmulatorTest {

    private static final int SECRETS = 16;
    private static final int HITS = 2_000_000;

    @Test
    void cacheHitsAllocateNothing() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        String[] ids = new String[SECRETS];
        for (int i = 0; i < SECRETS; i++) {
            ids[i] = "hot-" + i;
            createSecret(ids[i], "value-" + i);
        }
        SecretCache cache = cache(new SecretCacheConfiguration().withClient(client));
        long checksum = hits(cache, ids, HITS);         // loads, then warms up the hit path (and its JIT)
        long thread = Thread.currentThread().getId();

        long before = threads.getThreadAllocatedBytes(thread);
        checksum += hits(cache, ids, HITS);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(checksum).isPositive();
        assertThat(allocated).as("bytes allocated by %d hits", HITS).isLessThan(1024);
        assertThat(cache.stats().hitCount()).isEqualTo(2L * HITS - SECRETS);
    }

    private static long hits(SecretCache cache, String[] ids, int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += cache.getSecretString(ids[i & (SECRETS - 1)]).length();
        }
        return sum;
    }
}
