package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/**
 * End to end, on the real clock: while another thread keeps a secret with a 40 ms TTL busy (so checks start all the
 * time, in the background and in the foreground), a value written before {@code refreshNow} is what the next read
 * returns, every time.
 */
class RefreshNowFreshnessTest extends EmulatorTest {

    @Test
    void aReadAfterRefreshNowReturnsTheValueWrittenBeforeIt() throws Exception {
        createSecret("hot", "v0");
        SecretCache cache = cache(new SecretCacheConfiguration().withClient(client).withCacheItemTTL(40));
        assertThat(cache.getSecretString("hot")).isEqualTo("v0");
        AtomicBoolean stop = new AtomicBoolean();
        List<Throwable> readerErrors = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            while (!stop.get()) {
                try {
                    cache.getSecretString("hot");
                } catch (RuntimeException e) {
                    readerErrors.add(e);
                }
            }
        }, "busy reader");
        reader.start();
        try {
            for (int i = 1; i <= 100; i++) {
                String value = "v" + i;
                emulator.client().putSecretValue(r -> r.secretId("hot").secretString(value));
                assertThat(cache.refreshNow("hot")).isTrue();
                assertThat(cache.getSecretString("hot")).as("read after refreshNow, iteration %d", i).isEqualTo(value);
            }
        } finally {
            stop.set(true);
            reader.join();
        }
        assertThat(readerErrors).isEmpty();
    }
}
