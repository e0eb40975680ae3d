package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.amazonaws.secretsmanager.caching.internal.CoarseClock;

/**
 * Open caches with the default ticker cost nothing while nobody reads: the shared clock stops after its idle ticks
 * and then ticks no more, for one cache as for a hundred. Asserted by counting the clock's ticks and wake-ups, not by
 * timing anything.
 */
class IdleCacheTest extends EmulatorTest {

    private static final CoarseClock CLOCK = CoarseClock.SYSTEM;

    private List<SecretCache> openAndRead(int count) {
        List<SecretCache> opened = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SecretCache cache = cache(new SecretCacheConfiguration().withClient(client));
            assertThat(cache.getSecretString("db")).isEqualTo("v1");
            opened.add(cache);
        }
        return opened;
    }

    private static void awaitStopped() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Background.PATIENCE_SECONDS);
        while (!CLOCK.isStopped()) {
            if (System.nanoTime() - deadline > 0) {
                fail("the shared clock never stopped");
            }
            Thread.yield();
        }
    }

    private static long clockThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("smkit-secret-cache-clock") && t.isAlive()).count();
    }

    private void assertIdleCostsNothing(int caches) throws InterruptedException {
        List<SecretCache> opened = openAndRead(caches);
        awaitStopped();
        long ticks = CLOCK.ticks();
        long wakeUps = CLOCK.wakeUps();

        Thread.sleep(300);      // not a timing assertion: 300 periods in which a ticking clock would tick

        assertThat(CLOCK.ticks()).as("ticks while %d caches sit idle", caches).isEqualTo(ticks);
        assertThat(CLOCK.wakeUps()).as("wake-ups while %d caches sit idle", caches).isEqualTo(wakeUps);
        assertThat(clockThreads()).as("one shared clock thread at most").isLessThanOrEqualTo(1);

        long before = System.nanoTime();
        opened.forEach(cache -> assertThat(cache.getSecretString("db")).isEqualTo("v1"));
        assertThat(describeCalls()).as("served from the cache").isEqualTo(caches);
        assertThat(CLOCK.isStopped() || CLOCK.read() - before >= -CoarseClock.PERIOD_NANOS).isTrue();
    }

    @Test
    void oneOpenCacheMakesNoWakeUpWhileIdle() throws InterruptedException {
        createSecret("db", "v1");
        assertIdleCostsNothing(1);
    }

    @Test
    void aHundredOpenCachesMakeNoWakeUpWhileIdle() throws InterruptedException {
        createSecret("db", "v1");
        assertIdleCostsNothing(100);
    }

    @Test
    void anExpiredSecretIsNotServedAfterTheClockStopped() throws InterruptedException {
        createSecret("db", "v1");
        SecretCache cache = cache(new SecretCacheConfiguration().withClient(client).withCacheItemTTL(1)
                .withRefreshAheadFraction(0));
        assertThat(cache.getSecretString("db")).isEqualTo("v1");
        putValue("db", "v2");
        awaitStopped();

        assertThat(cache.getSecretString("db")).as("the stopped clock's reader took the real time").isEqualTo("v2");
    }
}
