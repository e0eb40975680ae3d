package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import com.amazonaws.secretsmanager.caching.internal.Backoff;
import com.amazonaws.secretsmanager.caching.internal.CacheEntry;
import com.amazonaws.secretsmanager.caching.internal.EntryState;
import com.amazonaws.secretsmanager.caching.internal.EntryTable;
import com.amazonaws.secretsmanager.caching.internal.RefreshPolicy;
import com.amazonaws.secretsmanager.caching.internal.Refresher;
import com.amazonaws.secretsmanager.caching.internal.SecretLoader;
import com.amazonaws.secretsmanager.caching.internal.StatsCounter;
import com.amazonaws.secretsmanager.caching.internal.ValueCodec;

/**
 * A background pool that fails to take a task for a reason other than rejection (here, as when no thread can be
 * created) must not leave a check behind that nobody will run. Built from the internals, since the cache does not
 * let callers choose its pool.
 */
class BackgroundExecutorFailureTest extends EmulatorTest {

    /** An executor whose every execute fails the way ThreadPoolExecutor does when its thread factory throws. */
    static final class NoThreads extends AbstractExecutorService {
        final AtomicInteger attempts = new AtomicInteger();

        @Override
        public void execute(Runnable command) {
            attempts.incrementAndGet();
            throw new OutOfMemoryError("unable to create native thread: possibly out of memory or process/resource limits reached");
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return Collections.emptyList();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    @Test
    void aFailedHandOverToThePoolLeavesNoCheckBehind() throws Exception {
        createSecret("db", "v1");
        StatsCounter stats = new StatsCounter(Ticker.systemTicker());
        EntryTable table = new EntryTable(new ConcurrentHashMap<>(), 10, ticker, stats);
        ValueCodec codec = ValueCodec.of(null, SecretVersion::of);
        SecretLoader loader = new SecretLoader(client, "AWSCURRENT", codec, stats);
        RefreshPolicy policy = new RefreshPolicy(
                new Backoff(Duration.ofMinutes(30).toMillis(), 1000, 2, 128_000, SecretCacheTimeTest.HIGHEST), 0.2,
                1000);
        NoThreads pool = new NoThreads();
        Refresher refresher = new Refresher(policy, loader, codec, stats, ticker, (id, from, to) -> { }, pool);
        CacheEntry entry = table.getOrCreate("db");
        assertThat(((SecretVersion) refresher.read(entry).current).getSecretString()).isEqualTo("v1");
        putValue("db", "v2");

        ticker.advance(Duration.ofMinutes(25));         // refresh-ahead window
        refresher.read(entry);
        refresher.read(entry);
        assertThat(pool.attempts).as("each read in the window tried again: no check was left in the slot").hasValue(2);

        ticker.advance(Duration.ofMinutes(10));         // expired
        Background<EntryState> reader = Background.start("reader", () -> refresher.read(entry));
        assertThat(((SecretVersion) reader.get().current).getSecretString()).isEqualTo("v2");
    }
}
