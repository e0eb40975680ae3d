package com.amazonaws.secretsmanager.caching;

import static com.amazonaws.secretsmanager.caching.GatedClient.When.BEFORE_REQUEST;
import static com.amazonaws.secretsmanager.caching.GatedClient.When.NEVER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.amazonaws.secretsmanager.caching.GatedClient.Gate;

import dev.smkit.emulator.InjectedError;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** Forced checks during an outage, and close() with callers waiting. */
class SecretCacheOutageTest extends EmulatorTest {

    private static final Duration NANO = Duration.ofNanos(1);

    // ---- 4: refreshIfUnchanged respects the backoff -------------------------------------------------------------

    @Test
    void refreshIfUnchangedInsideTheBackoffRethrowsTheLastFailureWithoutACall() {
        String first = createSecret("db", "v1");
        SecretCache cache = cache(config().withRandom(SecretCacheTimeTest.HIGHEST));   // first backoff: 1 s
        cache.getSecretString("db");
        ticker.advance(Duration.ofSeconds(5));
        emulator.resetCallCounts();
        emulator.faults().failNext("DescribeSecret", 100, InjectedError.throttling());

        Throwable throttled = catchThrowable(() -> cache.refreshIfUnchanged("db", first));
        assertThat(throttled).isInstanceOf(SecretsManagerException.class);
        for (int i = 0; i < 20; i++) {
            assertThat(catchThrowable(() -> cache.refreshIfUnchanged("db", first))).isSameAs(throttled);
        }
        assertThat(describeCalls()).as("one call, then answers from the recorded failure").isEqualTo(1);
        assertThat(cache.getSecretString("db")).isEqualTo("v1");

        ticker.advance(Duration.ofSeconds(1));
        assertThat(catchThrowable(() -> cache.refreshIfUnchanged("db", first))).isNotSameAs(throttled)
                .isInstanceOf(SecretsManagerException.class);
        assertThat(describeCalls()).as("the backoff ended").isEqualTo(2);

        emulator.faults().clear();
        ticker.advance(Duration.ofSeconds(2));
        assertThat(cache.refreshIfUnchanged("db", first).getVersionId()).isEqualTo(first);
        assertThat(describeCalls()).isEqualTo(3);
    }

    // ---- 5: refreshNow in a loop ------------------------------------------------------------------------------

    @Test
    void refreshNowInATightLoopSendsNoRequestInsideTheBackoff() throws InterruptedException {
        createSecret("db", "v1");
        SecretCache cache = cache(config().withRandom(SecretCacheTimeTest.HIGHEST));
        cache.getSecretString("db");
        emulator.resetCallCounts();
        emulator.faults().failNext("DescribeSecret", 1000, InjectedError.internalServiceError());

        int attempts = 0;
        while (!cache.refreshNow("db") && ++attempts < 1000) {
            // what a naive caller writes
        }

        assertThat(attempts).isEqualTo(1000);
        assertThat(describeCalls()).as("the first attempt only").isEqualTo(1);
        assertThat(cache.getSecretString("db")).isEqualTo("v1");

        ticker.advance(Duration.ofSeconds(1).minus(NANO));
        assertThat(cache.refreshNow("db")).isFalse();
        assertThat(describeCalls()).isEqualTo(1);
        ticker.advance(NANO);
        assertThat(cache.refreshNow("db")).isFalse();
        assertThat(describeCalls()).as("one call per backoff period").isEqualTo(2);

        emulator.faults().clear();
        ticker.advance(Duration.ofSeconds(2));
        assertThat(cache.refreshNow("db")).isTrue();
        assertThat(describeCalls()).isEqualTo(3);
    }

    // ---- interrupts versus the SDK's own timeouts ----------------------------------------------------------------

    @Test
    void anSdkCallTimeoutIsRecordedAsAFailureThoughTheSdkImplementsItWithAnInterrupt() {
        createSecret("db", "v1");
        try (SecretsManagerClient impatient = emulator.clientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(Duration.ofMillis(300)))
                .build()) {
            SecretCache cache = cache(config().withClient(impatient));
            emulator.faults().pause();
            Throwable first;
            try {
                first = catchThrowable(() -> cache.getSecretString("db"));
            } finally {
                emulator.faults().resume();
            }

            assertThat(first).isInstanceOf(ApiCallTimeoutException.class);
            assertThat(Thread.currentThread().isInterrupted()).isFalse();
            assertThat(catchThrowable(() -> cache.getSecretString("db"))).as("rethrown inside the backoff")
                    .isSameAs(first);
            assertThat(cache.stats().loadFailureCount()).isEqualTo(1);
        }
    }

    // ---- 3: close() strands nobody -----------------------------------------------------------------------------

    @Test
    void strictCloseReleasesAReaderWaitingOnACheckStuckOnAnUnansweringEndpoint() throws Exception {
        createSecret("db", "v1");
        GatedClient gated = new GatedClient(client);
        SecretCache cache = cache(config().withClient(gated).withStrictClose(true));
        Gate sent = gated.hold("DescribeSecret", "db", NEVER, 1);
        emulator.faults().pause();      // requests get no answer: a socket read ignores interrupts
        Background<String> leader;
        try {
            leader = Background.start("leader", () -> cache.getSecretString("db"));
            sent.awaitHeld(1);
            Background<String> follower = Background.start("follower", () -> cache.getSecretString("db"));
            follower.awaitWaitingOnFuture();

            cache.close();

            assertThat(follower.failure()).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        } finally {
            emulator.faults().resume();
        }
        assertThat(leader.get()).as("the leader's own call ends once answered").isEqualTo("v1");
    }

    @Test
    void closeNeverStrandsAReaderThatNeededACheckStillQueuedForTheBackground() throws Exception {
        List<String> slow = List.of("s0", "s1", "s2", "s3");
        for (String id : slow) {
            createSecret(id, id);
        }
        createSecret("db", "v1");
        GatedClient gated = new GatedClient(client);
        SecretCache cache = cache(config().withClient(gated).withRandom(SecretCacheTimeTest.LOWEST));
        for (String id : slow) {
            cache.getSecretString(id);
        }
        cache.getSecretString("db");
        Gate hung = gated.hold("DescribeSecret", slow, BEFORE_REQUEST, slow.size());
        Background<String> reader;
        try {
            ticker.advance(Duration.ofMinutes(25));
            for (String id : slow) {
                cache.getSecretString(id);
            }
            hung.awaitHeld(slow.size());
            cache.getSecretString("db");                // queued behind the hung checks
            ticker.advance(Duration.ofMinutes(10));
            reader = Background.start("reader", () -> cache.getSecretString("db"));
            reader.awaitWaitingOnFutureOrDone();

            cache.close();                              // the pool drops its queue
        } finally {
            hung.release();
        }

        assertThat(reader.get()).isEqualTo("v1");
    }
}
