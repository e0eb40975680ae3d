package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.smkit.emulator.InjectedError;

class SecretCachePrefetchTest extends EmulatorTest {

    @Test
    void fortyFiveSecretsTakeThreeBatchCallsAndAMissingOneIsReportedAlone() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 44; i++) {
            ids.add("app/secret-" + i);
            emulator.client().createSecret(r -> r.name(ids.get(ids.size() - 1)).secretString("value"));
        }
        ids.add(20, "app/missing");
        emulator.resetCallCounts();
        SecretCache cache = cache();

        PrefetchResult result = cache.prefetch(ids);

        assertThat(emulator.callCount("BatchGetSecretValue")).isEqualTo(3);
        assertThat(result.loaded()).hasSize(44).doesNotContain("app/missing");
        assertThat(result.failures()).containsOnlyKeys("app/missing");
        assertThat(result.failures().get("app/missing")).isEqualTo("ResourceNotFoundException");
        for (int i = 0; i < 44; i++) {
            assertThat(cache.getSecretString("app/secret-" + i)).isEqualTo("value");
        }
        assertThat(describeCalls()).isZero();
        assertThat(getValueCalls()).isZero();
        assertThat(cache.stats().apiCallCount("BatchGetSecretValue")).isEqualTo(3);
    }

    @Test
    void aFailedBatchCallFailsOnlyItsOwnChunk() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            ids.add("s" + i);
            emulator.client().createSecret(r -> r.name(ids.get(ids.size() - 1)).secretString("value"));
        }
        emulator.faults().failNext("BatchGetSecretValue", 1, InjectedError.internalServiceError());
        SecretCache cache = cache();

        PrefetchResult result = cache.prefetch(ids);

        assertThat(result.failures()).hasSize(20).containsValue("InternalServiceError");
        assertThat(result.loaded()).containsExactly("s20", "s21", "s22", "s23", "s24");
    }

    @Test
    void prefetchedSecretsStillAnswerMetadataAndOtherStages() {
        createSecret("db", "v1");
        putValueWithStage("db", "next", "AWSPENDING");
        SecretCache cache = cache();
        cache.prefetch(List.of("db"));

        assertThat(cache.getSecretString("db", "AWSPENDING")).isEqualTo("next");
        assertThat(cache.getSecretMetadata("db").getName()).isEqualTo("db");
        assertThat(describeCalls()).isEqualTo(1);
        assertThat(getValueCalls()).isEqualTo(1);
    }

    @Test
    void withAnotherConfiguredStageEachPrefetchedSecretIsResolvedByOneCheck() {
        createSecret("db", "current");
        putValueWithStage("db", "pending", "AWSPENDING");
        SecretCache cache = cache(config().withVersionStage("AWSPENDING"));

        PrefetchResult result = cache.prefetch(List.of("db"));

        assertThat(result.loaded()).containsExactly("db");
        assertThat(cache.getSecretString("db")).isEqualTo("pending");
        assertThat(emulator.callCount("BatchGetSecretValue")).isEqualTo(1);
        assertThat(describeCalls()).isEqualTo(1);
        assertThat(getValueCalls()).as("the AWSPENDING version; the batch brought AWSCURRENT").isEqualTo(1);
    }
}
