package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

class BasicOperationsTest {
    static SecretsManagerEmulator emulator;
    static SecretsManagerClient client;

    @BeforeAll
    static void start() {
        emulator = SecretsManagerEmulator.start();
        client = emulator.client();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    @Test
    void createThenGetStringValue() {
        CreateSecretResponse created = client.createSecret(r -> r.name("db/primary").secretString("s3cr3t"));
        assertThat(created.arn()).matches("arn:aws:secretsmanager:us-east-1:000000000000:secret:db/primary-[A-Za-z0-9]{6}");

        GetSecretValueResponse value = client.getSecretValue(r -> r.secretId("db/primary"));
        assertThat(value.secretString()).isEqualTo("s3cr3t");
        assertThat(value.versionId()).isEqualTo(created.versionId());
        assertThat(value.versionStages()).containsExactly("AWSCURRENT");
        assertThat(value.createdDate()).isNotNull();
        assertThat(emulator.callCount("GetSecretValue")).isEqualTo(1);
    }

    @Test
    void binaryValueRoundTrips() {
        byte[] bytes = {0, 1, 2, (byte) 0xff};
        client.createSecret(r -> r.name("blob").secretBinary(SdkBytes.fromByteArray(bytes)));
        GetSecretValueResponse value = client.getSecretValue(r -> r.secretId("blob"));
        assertThat(value.secretBinary().asByteArray()).containsExactly(bytes);
        assertThat(value.secretString()).isNull();
    }

    @Test
    void lookupByArnAndPartialArn() {
        String arn = client.createSecret(r -> r.name("app").secretString("v")).arn();
        assertThat(client.getSecretValue(r -> r.secretId(arn)).name()).isEqualTo("app");
        assertThat(client.getSecretValue(r -> r.secretId(arn.substring(0, arn.length() - 7))).name()).isEqualTo("app");
    }

    @Test
    void describeAndBatch() {
        client.createSecret(r -> r.name("a").secretString("1").description("first"));
        client.createSecret(r -> r.name("b").secretString("2"));
        DescribeSecretResponse described = client.describeSecret(r -> r.secretId("a"));
        assertThat(described.description()).isEqualTo("first");
        assertThat(described.versionIdsToStages()).hasSize(1);
        assertThat(described.hasTags()).isFalse();

        BatchGetSecretValueResponse batch = client.batchGetSecretValue(r -> r.secretIdList("a", "b", "missing"));
        assertThat(batch.secretValues()).extracting(v -> v.secretString()).containsExactly("1", "2");
        assertThat(batch.errors()).singleElement().satisfies(e -> {
            assertThat(e.secretId()).isEqualTo("missing");
            assertThat(e.errorCode()).isEqualTo("ResourceNotFoundException");
        });
    }

    @Test
    void unknownSecretIsNotFound() {
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("nope")))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
                });
    }

    @Test
    void putMovesCurrentAndPrevious() {
        String v1 = client.createSecret(r -> r.name("s").secretString("one")).versionId();
        String v2 = client.putSecretValue(r -> r.secretId("s").secretString("two")).versionId();
        assertThat(client.describeSecret(r -> r.secretId("s")).versionIdsToStages())
                .containsOnly(java.util.Map.entry(v1, List.of("AWSPREVIOUS")), java.util.Map.entry(v2, List.of("AWSCURRENT")));
    }
}
