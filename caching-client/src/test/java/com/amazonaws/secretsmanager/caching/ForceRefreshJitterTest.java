package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * {@code forceRefreshJitterMillis} (AWS caching client 2.2.0): {@code refreshNow} waits a random delay of up to the
 * jitter, at least half of it, before its version check calls Secrets Manager; calls made during the wait share that
 * check. Asserted through call counts and what the waiting threads are doing, never through elapsed time.
 */
class ForceRefreshJitterTest extends EmulatorTest {

    @Test
    void theJitterIsConfiguredAsInTheAwsClient() {
        SecretCacheConfiguration config = new SecretCacheConfiguration();

        assertThat(SecretCacheConfiguration.DEFAULT_FORCE_REFRESH_JITTER).isEqualTo(100L);
        assertThat(config.getForceRefreshJitterMillis()).isEqualTo(100L);
        assertThat(config.withForceRefreshJitterMillis(0).getForceRefreshJitterMillis()).isZero();
        config.setForceRefreshJitterMillis(250);
        assertThat(config.getForceRefreshJitterMillis()).isEqualTo(250L);
        assertThatThrownBy(() -> config.setForceRefreshJitterMillis(-1))
                .isInstanceOf(SecretCacheConfigurationException.class).hasMessageContaining("forceRefreshJitterMillis")
                .hasMessageContaining("-1");

        Properties properties = new Properties();
        properties.setProperty("smkit.cache.forceRefreshJitterMillis", "40");
        assertThat(SecretCacheConfiguration.fromProperties(properties).getForceRefreshJitterMillis()).isEqualTo(40L);
    }

    @Test
    void refreshNowWaitsBeforeItCallsAndAnInterruptedWaitCallsNothing() throws Exception {
        createSecret("db", "v1");
        SecretCache cache = new SecretCache(new SecretCacheConfiguration().withClient(client)
                .withForceRefreshJitterMillis(TimeUnit.MINUTES.toMillis(10)));
        try {
            assertThat(cache.getSecretString("db")).isEqualTo("v1");
            Background<Boolean> forced = Background.start("forced", () -> cache.refreshNow("db"));
            awaitWaitingInRefreshNow(forced);

            assertThat(describeCalls()).as("nothing sent during the wait").isEqualTo(1);
            forced.thread.interrupt();

            assertThat(forced.failure()).isInstanceOf(InterruptedException.class);
            assertThat(describeCalls()).isEqualTo(1);
            assertThat(cache.getSecretString("db")).isEqualTo("v1");
            assertThat(describeCalls()).as("nothing recorded: the value is still fresh").isEqualTo(1);
        } finally {
            cache.close();
        }
    }

    @Test
    void refreshNowCallsMadeDuringTheWaitShareOneCheck() throws Exception {
        createSecret("db", "v1");
        SecretCache cache = new SecretCache(new SecretCacheConfiguration().withClient(client)
                .withForceRefreshJitterMillis(2000).withRandom(SecretCacheTimeTest.LOWEST));    // waits 1 s
        try {
            assertThat(cache.getSecretString("db")).isEqualTo("v1");
            putValue("db", "v2");
            List<Background<Boolean>> forced = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                forced.add(Background.start("forced-" + i, () -> cache.refreshNow("db")));
            }
            for (Background<Boolean> call : forced) {
                awaitWaitingInRefreshNow(call);
            }
            assertThat(describeCalls()).as("all four began before any check").isZero();

            for (Background<Boolean> call : forced) {
                assertThat(call.get()).isTrue();
            }

            assertThat(describeCalls()).as("one check for the four").isEqualTo(1);
            assertThat(getValueCalls()).isEqualTo(1);
            assertThat(cache.getSecretString("db")).isEqualTo("v2");
        } finally {
            cache.close();
        }
    }

    /** Waits until the call sleeps in the jitter wait of {@code refreshNow} (or fails if it ends first). */
    static void awaitWaitingInRefreshNow(Background<?> call) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Background.PATIENCE_SECONDS);
        for (;;) {
            if (call.isDone()) {
                fail(call.thread.getName() + " ended instead of waiting");
            }
            if (call.thread.getState() == Thread.State.TIMED_WAITING && inRefreshNowSleep(call.thread)) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                fail(call.thread.getName() + " never waited in refreshNow");
            }
            Thread.yield();
        }
    }

    private static boolean inRefreshNowSleep(Thread thread) {
        boolean sleeping = false;
        for (StackTraceElement frame : thread.getStackTrace()) {
            if (frame.getClassName().equals(Thread.class.getName()) && frame.getMethodName().equals("sleep")) {
                sleeping = true;
            }
            if (sleeping && frame.getMethodName().equals("refreshNow")) {
                return true;
            }
        }
        return false;
    }
}
