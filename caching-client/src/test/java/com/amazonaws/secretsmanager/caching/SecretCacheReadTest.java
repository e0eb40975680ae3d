package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

class SecretCacheReadTest extends EmulatorTest {

    @Test
    void firstReadDescribesThenFetchesTheCurrentVersionAndLaterReadsCallNothing() {
        createSecret("db", "v1");
        SecretCache cache = cache();

        for (int i = 0; i < 10; i++) {
            assertThat(cache.getSecretString("db")).isEqualTo("v1");
        }

        assertThat(describeCalls()).isEqualTo(1);
        assertThat(getValueCalls()).isEqualTo(1);
        SecretCacheStats stats = cache.stats();
        assertThat(stats.missCount()).isEqualTo(1);
        assertThat(stats.hitCount()).isEqualTo(9);
        assertThat(stats.loadCount()).isEqualTo(1);
        assertThat(stats.apiCallCount("DescribeSecret")).isEqualTo(1);
        assertThat(stats.apiCallCount("GetSecretValue")).isEqualTo(1);
    }

    @Test
    void afterTheTtlAnUnchangedVersionCostsOneDescribeAndNoGetSecretValue() {
        createSecret("db", "v1");
        SecretCache cache = cache(config().withRefreshAheadFraction(0));
        cache.getSecretString("db");

        ticker.advance(hours(1));
        assertThat(cache.getSecretString("db")).isEqualTo("v1");

        assertThat(describeCalls()).isEqualTo(2);
        assertThat(getValueCalls()).isEqualTo(1);
    }

    @Test
    void afterTheTtlAChangedVersionCostsExactlyOneGetSecretValue() {
        createSecret("db", "v1");
        SecretCache cache = cache(config().withRefreshAheadFraction(0));
        cache.getSecretString("db");
        putValue("db", "v2");

        ticker.advance(hours(1));
        assertThat(cache.getSecretString("db")).isEqualTo("v2");
        assertThat(cache.getSecretString("db")).isEqualTo("v2");

        // Counted since the put: one check, one fetch of the new version.
        assertThat(describeCalls()).isEqualTo(1);
        assertThat(getValueCalls()).isEqualTo(1);
    }

    @Test
    void rotatingBackToAVersionStillListedNeedsNoGetSecretValue() {
        String first = createSecret("db", "v1");
        SecretCache cache = cache(config().withRefreshAheadFraction(0));
        cache.getSecretString("db");
        String second = putValue("db", "v2");
        ticker.advance(hours(1));
        assertThat(cache.getSecretString("db")).isEqualTo("v2");

        moveCurrentTo("db", second, first);
        ticker.advance(hours(1));

        assertThat(cache.getSecretString("db")).isEqualTo("v1");
        assertThat(describeCalls()).isEqualTo(1);
        assertThat(getValueCalls()).isZero();
    }

    @Test
    void binarySecretsComeBackAsReadOnlyBuffersAndStringReadsOfThemAreNull() {
        createBinarySecret("blob", new byte[] {1, 2, 3});
        createSecret("text", "hello");
        SecretCache cache = cache();

        ByteBuffer binary = cache.getSecretBinary("blob");
        assertThat(binary.remaining()).isEqualTo(3);
        assertThat(binary.get(2)).isEqualTo((byte) 3);
        assertThatThrownBy(() -> binary.put(0, (byte) 9)).isInstanceOf(ReadOnlyBufferException.class);
        binary.get();
        assertThat(cache.getSecretBinary("blob").remaining()).as("each call gets its own view").isEqualTo(3);

        assertThat(cache.getSecretString("blob")).isNull();
        assertThat(cache.getSecretBinary("text")).isNull();
    }

    @Test
    void perCallStageReadsThatStagesVersionAndAMissingStageIsNull() {
        createSecret("db", "current");
        String pending = putValueWithStage("db", "pending", "AWSPENDING");
        SecretCache cache = cache();

        assertThat(cache.getSecretString("db")).isEqualTo("current");
        assertThat(cache.getSecretString("db", "AWSPENDING")).isEqualTo("pending");
        assertThat(cache.getSecretString("db", "AWSPENDING")).isEqualTo("pending");
        assertThat(cache.getSecretVersion("db", "AWSPENDING").getVersionId()).isEqualTo(pending);
        assertThat(cache.getSecretString("db", "NOSUCHSTAGE")).isNull();
        assertThat(cache.getSecretVersion("db", "NOSUCHSTAGE")).isNull();

        assertThat(describeCalls()).isEqualTo(1);
        assertThat(getValueCalls()).isEqualTo(2);
    }

    @Test
    void versionByIdIsFetchedOnceAndCarriesItsMetadata() {
        String first = createSecret("db", "v1");
        putValue("db", "v2");
        SecretCache cache = cache();

        SecretVersion old = cache.getSecretVersionById("db", first);
        SecretVersion again = cache.getSecretVersionById("db", first);

        assertThat(old.getSecretString()).isEqualTo("v1");
        assertThat(again.getSecretString()).isEqualTo("v1");
        assertThat(old.getSecretId()).isEqualTo("db");
        assertThat(old.getName()).isEqualTo("db");
        assertThat(old.getArn()).startsWith("arn:aws:secretsmanager:");
        assertThat(old.getVersionStages()).containsExactly("AWSPREVIOUS");
        assertThat(getValueCalls()).isEqualTo(1);
        assertThat(describeCalls()).isZero();
    }

    @Test
    void secretVersionAndMetadataDescribeTheCachedSecretWithoutAnotherCall() {
        String versionId = createSecret("db", "v1");
        SecretCache cache = cache();

        SecretVersion version = cache.getSecretVersion("db");
        SecretMetadata metadata = cache.getSecretMetadata("db");

        assertThat(version.getVersionId()).isEqualTo(versionId);
        assertThat(version.getVersionStages()).containsExactly("AWSCURRENT");
        assertThat(version.getCreatedDate()).isNotNull();
        assertThat(metadata.getName()).isEqualTo("db");
        assertThat(metadata.getArn()).isEqualTo(version.getArn());
        assertThat(metadata.getVersionIdForStage("AWSCURRENT")).isEqualTo(versionId);
        assertThat(metadata.getVersionIdsToStages()).containsKey(versionId);
        assertThat(metadata.getCreatedDate()).isNotNull();
        assertThat(describeCalls()).isEqualTo(1);
        assertThat(getValueCalls()).isEqualTo(1);
    }

    @Test
    void refreshNowChecksImmediatelyAndPicksUpANewVersion() throws InterruptedException {
        createSecret("db", "v1");
        SecretCache cache = cache();
        cache.getSecretString("db");
        putValue("db", "v2");

        assertThat(cache.refreshNow("db")).isTrue();

        assertThat(cache.getSecretString("db")).isEqualTo("v2");
        assertThat(describeCalls()).isEqualTo(1);
        assertThat(getValueCalls()).isEqualTo(1);
    }

    @Test
    void refreshIfUnchangedChecksOnceAfterAVersionFirstFailsAndReturnsANewerVersionWithoutCalling() {
        String first = createSecret("db", "v1");
        SecretCache cache = cache();
        assertThat(cache.getSecretVersion("db").getVersionId()).isEqualTo(first);

        // The load just happened, but it may predate whatever made the version fail: the first report gets a check.
        assertThat(cache.refreshIfUnchanged("db", first).getVersionId()).isEqualTo(first);
        assertThat(describeCalls()).isEqualTo(2);
        // Later reports of the same version reuse that check while it is recent (forcedRefreshMinInterval 1 s)...
        ticker.advance(Duration.ofMillis(900));
        assertThat(cache.refreshIfUnchanged("db", first).getVersionId()).isEqualTo(first);
        assertThat(describeCalls()).isEqualTo(2);

        // ...and check again once it is not.
        String second = putValue("db", "v2");               // resets the call counts
        ticker.advance(Duration.ofMillis(200));
        SecretVersion afterCheck = cache.refreshIfUnchanged("db", first);
        assertThat(afterCheck.getVersionId()).isEqualTo(second);
        assertThat(afterCheck.getSecretString()).isEqualTo("v2");
        assertThat(describeCalls()).isEqualTo(1);
        assertThat(getValueCalls()).isEqualTo(1);

        // The caller still holding the old version learns about the new one with no call at all.
        ticker.advance(Duration.ofSeconds(2));
        assertThat(cache.refreshIfUnchanged("db", first).getVersionId()).isEqualTo(second);
        assertThat(describeCalls()).isEqualTo(1);
    }

    @Test
    void listenersHearOfEachVersionChangeOnceAndNeverOfTheFirstLoad() throws InterruptedException {
        String first = createSecret("db", "v1");
        SecretCache cache = cache();
        List<SecretChangeEvent> events = new ArrayList<>();
        cache.addChangeListener(events::add);
        cache.getSecretString("db");
        assertThat(events).isEmpty();

        String second = putValue("db", "v2");
        cache.refreshNow("db");
        cache.refreshNow("db");

        assertThat(events).hasSize(1);
        SecretChangeEvent event = events.get(0);
        assertThat(event.getSecretId()).isEqualTo("db");
        assertThat(event.getVersionStage()).isEqualTo("AWSCURRENT");
        assertThat(event.getPreviousVersionId()).isEqualTo(first);
        assertThat(event.getNewVersionId()).isEqualTo(second);
    }

    @Test
    void aFailingListenerDoesNotBreakTheRefreshOrOtherListeners() throws InterruptedException {
        createSecret("db", "v1");
        SecretCache cache = cache();
        List<SecretChangeEvent> events = new ArrayList<>();
        cache.addChangeListener(e -> {
            throw new IllegalStateException("listener bug");
        });
        cache.addChangeListener(events::add);
        cache.getSecretString("db");
        putValue("db", "v2");

        assertThat(cache.refreshNow("db")).isTrue();
        assertThat(events).hasSize(1);
        assertThat(cache.getSecretString("db")).isEqualTo("v2");
    }

    @Test
    void aMissingSecretThrowsTheSdkExceptionItself() {
        SecretCache cache = cache();

        assertThatThrownBy(() -> cache.getSecretString("nope")).isInstanceOf(ResourceNotFoundException.class);
    }
}
