package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The per-secret version cap bounds only versions DescribeSecret no longer lists. */
class VersionCapTest extends EmulatorTest {

    @Test
    void everyListedVersionStaysCachedHoweverManyThereAre() {
        createSecret("db", "current");
        for (int i = 0; i < 20; i++) {
            putValueWithStage("db", "value" + i, "STAGE" + i);
        }
        SecretCache cache = cache();
        for (int i = 0; i < 20; i++) {
            assertThat(cache.getSecretString("db", "STAGE" + i)).isEqualTo("value" + i);
        }
        emulator.resetCallCounts();

        for (int i = 0; i < 20; i++) {
            assertThat(cache.getSecretString("db", "STAGE" + i)).isEqualTo("value" + i);
        }

        assertThat(getValueCalls()).isZero();
    }

    @Test
    void ofTheVersionsNoLongerListedTheSixteenFetchedLastStayCached() {
        List<String> unlisted = new ArrayList<>();
        unlisted.add(createSecret("db", "v0"));
        for (int i = 1; i <= 20; i++) {
            unlisted.add(putValue("db", "v" + i));
        }
        unlisted = unlisted.subList(0, 19);     // v19 is AWSPREVIOUS and v20 AWSCURRENT; the others carry no stage
        SecretCache cache = cache();
        cache.getSecretString("db");
        for (String versionId : unlisted) {
            cache.getSecretVersionById("db", versionId);
        }
        emulator.resetCallCounts();

        for (String versionId : unlisted.subList(3, 19)) {
            cache.getSecretVersionById("db", versionId);
        }
        assertThat(getValueCalls()).as("the last sixteen").isZero();
        for (String versionId : unlisted.subList(0, 3)) {
            cache.getSecretVersionById("db", versionId);
        }
        assertThat(getValueCalls()).as("the three fetched first were dropped").isEqualTo(3);
    }
}
