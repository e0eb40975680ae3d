package com.amazonaws.secretsmanager.caching;

import static com.amazonaws.secretsmanager.caching.GatedClient.When.AFTER_RESPONSE;
import static com.amazonaws.secretsmanager.caching.GatedClient.When.BEFORE_REQUEST;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.amazonaws.secretsmanager.caching.GatedClient.Gate;

import software.amazon.awssdk.core.exception.AbortedException;

/**
 * Who shares whose check: forced checks only share checks that started after them, readers never wait behind the
 * background queue, prefetch goes through the same single flight, an interrupted check is nobody else's failure.
 * Each interleaving is pinned with a {@link GatedClient}; nothing depends on timing.
 */
class SecretCacheSingleFlightTest extends EmulatorTest {

    private final GatedClient gated = new GatedClient(client);

    private SecretCache gatedCache() {
        return cache(config().withClient(gated));
    }

    // ---- 1: a forced check only shares a check that started after it ------------------------------------------

    @Test
    void refreshNowDoesNotShareACheckThatStartedBeforeIt() throws Exception {
        createSecret("db", "v1");
        SecretCache cache = gatedCache();
        assertThat(cache.getSecretString("db")).isEqualTo("v1");
        Gate answered = gated.hold("DescribeSecret", "db", AFTER_RESPONSE, 1);
        Background<Boolean> earlier = Background.start("earlier refreshNow", () -> cache.refreshNow("db"));
        answered.awaitHeld(1);                  // its DescribeSecret answered: v1 is current
        putValue("db", "v2");

        Background<Boolean> later = Background.start("later refreshNow", () -> cache.refreshNow("db"));
        later.awaitWaitingOnFuture();           // on the earlier check, which may not answer it
        answered.release();

        assertThat(earlier.get()).isTrue();
        assertThat(later.get()).isTrue();
        assertThat(cache.getSecretString("db")).as("read after the later refreshNow").isEqualTo("v2");
        assertThat(describeCalls()).as("one check since the put").isEqualTo(1);
    }

    @Test
    void refreshIfUnchangedDoesNotShareACheckThatStartedBeforeIt() throws Exception {
        String first = createSecret("db", "v1");
        SecretCache cache = gatedCache();
        cache.getSecretString("db");
        ticker.advance(Duration.ofSeconds(5));          // the load is not recent any more
        Gate answered = gated.hold("DescribeSecret", "db", AFTER_RESPONSE, 1);
        Background<Boolean> earlier = Background.start("earlier refreshNow", () -> cache.refreshNow("db"));
        answered.awaitHeld(1);
        String second = putValue("db", "v2");
        ticker.advance(Duration.ofSeconds(5));          // nor is the check in flight (forcedRefreshMinInterval 1 s)

        Background<SecretVersion> caller = Background.start("refreshIfUnchanged",
                () -> cache.refreshIfUnchanged("db", first));
        caller.awaitWaitingOnFuture();
        answered.release();

        assertThat(caller.get().getVersionId()).isEqualTo(second);
        assertThat(earlier.get()).isTrue();
    }

    /**
     * The rotation window as a driver sees it: callers keep reporting the same failing version while the check that
     * started after its first report is in flight. They share it, where seven refreshNow calls would cost another.
     */
    @Test
    void refreshIfUnchangedCallersOfOneFailingVersionShareTheCheckThatStartedAfterItsFirstReport() throws Exception {
        String first = createSecret("db", "v1");
        SecretCache cache = gatedCache();
        cache.getSecretString("db");
        ticker.advance(Duration.ofSeconds(5));
        emulator.resetCallCounts();
        Gate answered = gated.hold("DescribeSecret", "db", AFTER_RESPONSE, 1);
        Background<SecretVersion> firstReport = Background.start("first report",
                () -> cache.refreshIfUnchanged("db", first));
        answered.awaitHeld(1);

        List<Background<SecretVersion>> later = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            later.add(Background.start("report " + i, () -> cache.refreshIfUnchanged("db", first)));
        }
        for (Background<SecretVersion> call : later) {
            call.awaitWaitingOnFuture();
        }
        answered.release();

        assertThat(firstReport.get().getVersionId()).isEqualTo(first);
        for (Background<SecretVersion> call : later) {
            assertThat(call.get().getVersionId()).isEqualTo(first);
        }
        assertThat(describeCalls()).as("one check for the whole burst").isEqualTo(1);
    }

    /** Replaces the old "concurrent refreshNow calls share one round trip", which let a call share an older check. */
    @Test
    void refreshNowCallsMadeDuringACheckShareOneFollowUpCheck() throws Exception {
        createSecret("db", "v1");
        SecretCache cache = gatedCache();
        cache.getSecretString("db");
        emulator.resetCallCounts();
        Gate answered = gated.hold("DescribeSecret", "db", AFTER_RESPONSE, 1);
        Background<Boolean> first = Background.start("first refreshNow", () -> cache.refreshNow("db"));
        answered.awaitHeld(1);

        List<Background<Boolean>> later = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            later.add(Background.start("refreshNow " + i, () -> cache.refreshNow("db")));
        }
        for (Background<Boolean> call : later) {
            call.awaitWaitingOnFuture();
        }
        answered.release();

        assertThat(first.get()).isTrue();
        for (Background<Boolean> call : later) {
            assertThat(call.get()).isTrue();
        }
        assertThat(describeCalls()).as("the first check, then one shared by the seven later calls").isEqualTo(2);
    }

    // ---- 2: a reader never waits behind the background queue -----------------------------------------------------

    @Test
    void aReaderOfAnExpiredValueNeverWaitsForACheckStillQueuedBehindSlowOnes() throws Exception {
        List<String> slow = List.of("s0", "s1", "s2", "s3");    // as many as the background threads
        for (String id : slow) {
            createSecret(id, id);
        }
        createSecret("db", "v1");
        SecretCache cache = cache(config().withClient(gated).withRandom(SecretCacheTimeTest.LOWEST)); // TTL 30 min
        for (String id : slow) {
            cache.getSecretString(id);
        }
        cache.getSecretString("db");
        putValue("db", "v2");
        Gate hung = gated.hold("DescribeSecret", slow, BEFORE_REQUEST, slow.size());
        try {
            ticker.advance(Duration.ofMinutes(25));     // inside the refresh-ahead window (from minute 24)
            for (String id : slow) {
                assertThat(cache.getSecretString(id)).isEqualTo(id);
            }
            hung.awaitHeld(slow.size());                // every background thread hangs on a slow secret
            assertThat(cache.getSecretString("db")).isEqualTo("v1");  // queues db's check behind them
            ticker.advance(Duration.ofMinutes(10));     // db expired: the next read needs a check

            Background<String> reader = Background.start("reader", () -> cache.getSecretString("db"));

            assertThat(reader.get()).as("the reader ran the queued check itself").isEqualTo("v2");
        } finally {
            hung.release();
        }
    }

    // ---- 6: never "throw null" ------------------------------------------------------------------------------------

    @Test
    void metadataJoiningACheckThatFoundNothingToDoDoesNotThrowNull() throws Exception {
        List<String> slow = List.of("s0", "s1", "s2", "s3");
        for (String id : slow) {
            createSecret(id, id);
        }
        createSecret("db", "v1");
        SecretCache cache = cache(config().withClient(gated).withRandom(SecretCacheTimeTest.LOWEST));
        for (String id : slow) {
            cache.getSecretString(id);
        }
        cache.prefetch(List.of("db"));                  // loaded without a DescribeSecret
        Gate hung = gated.hold("DescribeSecret", slow, BEFORE_REQUEST, slow.size());
        Background<SecretMetadata> metadata;
        try {
            ticker.advance(Duration.ofMinutes(25));
            for (String id : slow) {
                cache.getSecretString(id);
            }
            hung.awaitHeld(slow.size());
            cache.getSecretString("db");                // a background check for db, queued
            cache.prefetch(List.of("db"));              // makes db fresh again: the queued check has nothing to do

            metadata = Background.start("metadata", () -> cache.getSecretMetadata("db"));
            metadata.awaitWaitingOnFutureOrDone();
        } finally {
            hung.release();
        }

        assertThat(metadata.get().getName()).isEqualTo("db");
    }

    // ---- prefetch goes through single flight ----------------------------------------------------------------------

    @Test
    void aCheckThatStartedBeforeAPrefetchCannotRollItBack() throws Exception {
        String first = createSecret("db", "v1");
        SecretCache cache = gatedCache();
        List<SecretChangeEvent> events = new CopyOnWriteArrayList<>();
        cache.addChangeListener(events::add);
        cache.getSecretString("db");
        Gate answered = gated.hold("DescribeSecret", "db", AFTER_RESPONSE, 1);
        Background<Boolean> check = Background.start("refreshNow", () -> cache.refreshNow("db"));
        answered.awaitHeld(1);                          // this check saw v1
        String second = putValue("db", "v2");

        Background<PrefetchResult> prefetch = Background.start("prefetch", () -> cache.prefetch(List.of("db")));
        prefetch.awaitWaitingOnFutureOrDone();          // for the check in flight to end
        answered.release();

        assertThat(check.get()).isTrue();
        assertThat(prefetch.get().loaded()).containsExactly("db");
        assertThat(cache.getSecretString("db")).isEqualTo("v2");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getPreviousVersionId()).isEqualTo(first);
        assertThat(events.get(0).getNewVersionId()).isEqualTo(second);
    }

    // ---- interruption -------------------------------------------------------------------------------------------

    @Test
    void anInterruptedReaderRecordsNothingAndTheReaderWaitingOnItLoadsItself() throws Exception {
        createSecret("db", "v1");
        SecretCache cache = gatedCache();
        Gate gate = gated.hold("DescribeSecret", "db", BEFORE_REQUEST, 1);
        Background<String> leader = Background.start("leader", () -> cache.getSecretString("db"));
        gate.awaitHeld(1);
        Background<String> follower = Background.start("follower", () -> cache.getSecretString("db"));
        follower.awaitWaitingOnFuture();

        leader.thread.interrupt();      // the held call goes on with the interrupt set; the SDK aborts it

        assertThat(leader.failure()).isInstanceOf(AbortedException.class);
        assertThat(follower.get()).isEqualTo("v1");
        assertThat(cache.getSecretString("db")).isEqualTo("v1");
        assertThat(cache.stats().loadFailureCount()).isZero();
    }

    @Test
    void anInterruptedRefreshNowThrowsInterruptedExceptionAndLeavesNoBackoff() throws Exception {
        createSecret("db", "v1");
        SecretCache cache = gatedCache();
        cache.getSecretString("db");
        Gate gate = gated.hold("DescribeSecret", "db", BEFORE_REQUEST, 1);
        Background<Boolean> forced = Background.start("refreshNow", () -> cache.refreshNow("db"));
        gate.awaitHeld(1);

        forced.thread.interrupt();

        assertThat(forced.failure()).isInstanceOf(InterruptedException.class)
                .hasCauseInstanceOf(AbortedException.class);
        assertThat(cache.refreshNow("db")).as("no failure, so no backoff, was recorded").isTrue();
        assertThat(cache.stats().loadFailureCount()).isZero();
    }
}
