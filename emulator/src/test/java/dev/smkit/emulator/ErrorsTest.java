package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smkit.emulator.junit.EmulatorExtension;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DecryptionFailureException;
import software.amazon.awssdk.services.secretsmanager.model.InternalServiceErrorException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidNextTokenException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

class ErrorsTest {
    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    /** For raw-HTTP framing tests: no signatures to compute by hand. */
    static SecretsManagerEmulator unsigned;

    private SecretsManagerClient client;

    @BeforeAll
    static void startUnsigned() {
        unsigned = SecretsManagerEmulator.builder().verifySignatures(false).start();
    }

    @AfterAll
    static void stopUnsigned() {
        unsigned.close();
    }

    @BeforeEach
    void setUp() {
        client = emulator.client();
        client.createSecret(r -> r.name("s").secretString("v"));
    }

    private static <T extends SecretsManagerException> void assertError(Runnable call, Class<T> type, String code,
            int status) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(type, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.statusCode()).isEqualTo(status);
        });
    }

    @Test
    void unknownSecretIsResourceNotFound400() {
        assertError(() -> client.getSecretValue(r -> r.secretId("missing")), ResourceNotFoundException.class,
                "ResourceNotFoundException", 400);
        assertError(() -> client.describeSecret(r -> r.secretId("arn:aws:secretsmanager:us-east-1:000000000000:secret:x-abcdef")),
                ResourceNotFoundException.class, "ResourceNotFoundException", 400);
    }

    @Test
    void secretWithoutValueOrStageIsNotFoundWithTheLabelNamed() {
        client.createSecret(r -> r.name("empty"));
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("empty")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("staging label: AWSCURRENT");
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("s").versionStage("AWSPENDING")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("staging label: AWSPENDING");
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("s").versionId("0123456789abcdef0123456789abcdef")))
                .isInstanceOf(ResourceNotFoundException.class).hasMessageContaining("VersionId: 0123456789abcdef");
    }

    @Test
    void versionIdAndStageThatDisagreeAreAnInvalidRequest() {
        String v1 = client.getSecretValue(r -> r.secretId("s")).versionId();
        assertError(() -> client.getSecretValue(r -> r.secretId("s").versionId(v1).versionStage("AWSPREVIOUS")),
                InvalidRequestException.class, "InvalidRequestException", 400);
    }

    @Test
    void takenNameIsResourceExists() {
        assertError(() -> client.createSecret(r -> r.name("s").secretString("other")), ResourceExistsException.class,
                "ResourceExistsException", 400);
    }

    @Test
    void badNamesAreValidationExceptions() {
        for (Consumer<SecretsManagerClient> call : java.util.List.<Consumer<SecretsManagerClient>>of(
                c -> c.createSecret(r -> r.name("bad name!").secretString("v")),
                c -> c.createSecret(r -> r.name("has#hash").secretString("v")),
                c -> c.getSecretValue(r -> r.secretId("bad name")),
                c -> c.describeSecret(r -> r.secretId("")))) {
            assertError(() -> call.accept(client), SecretsManagerException.class, "ValidationException", 400);
        }
    }

    @Test
    void valuesOver65536BytesAreRejected() {
        String limit = "x".repeat(65_536);
        client.putSecretValue(r -> r.secretId("s").secretString(limit));
        assertThat(client.getSecretValue(r -> r.secretId("s")).secretString()).hasSize(65_536);

        assertError(() -> client.putSecretValue(r -> r.secretId("s").secretString(limit + "x")),
                SecretsManagerException.class, "ValidationException", 400);
        assertError(() -> client.createSecret(r -> r.name("big").secretBinary(SdkBytes.fromByteArray(new byte[65_537]))),
                SecretsManagerException.class, "ValidationException", 400);
        // multi-byte characters count as bytes, not characters
        assertError(() -> client.putSecretValue(r -> r.secretId("s").secretString("é".repeat(32_769))),
                SecretsManagerException.class, "ValidationException", 400);
    }

    @Test
    void bothOrNeitherValueAreRefused() {
        assertError(() -> client.putSecretValue(r -> r.secretId("s")), InvalidRequestException.class,
                "InvalidRequestException", 400);
        assertError(() -> client.putSecretValue(r -> r.secretId("s").secretString("a")
                .secretBinary(SdkBytes.fromUtf8String("b"))), InvalidParameterException.class, "InvalidParameterException", 400);
    }

    @Test
    void deletedSecretRefusesReadsAndWritesUntilRestored() {
        client.deleteSecret(r -> r.secretId("s").recoveryWindowInDays(7L));
        assertError(() -> client.getSecretValue(r -> r.secretId("s")), InvalidRequestException.class,
                "InvalidRequestException", 400);
        assertError(() -> client.putSecretValue(r -> r.secretId("s").secretString("new")), InvalidRequestException.class,
                "InvalidRequestException", 400);
        assertError(() -> client.updateSecret(r -> r.secretId("s").description("d")), InvalidRequestException.class,
                "InvalidRequestException", 400);
        assertError(() -> client.tagResource(r -> r.secretId("s").tags(Tag.builder().key("k").value("v").build())),
                InvalidRequestException.class, "InvalidRequestException", 400);
        assertError(() -> client.deleteSecret(r -> r.secretId("s")), InvalidRequestException.class,
                "InvalidRequestException", 400);
        assertThatThrownBy(() -> client.createSecret(r -> r.name("s").secretString("again")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("scheduled for deletion");
        assertThat(client.batchGetSecretValue(r -> r.secretIdList("s")).errors())
                .singleElement().satisfies(e -> assertThat(e.errorCode()).isEqualTo("InvalidRequestException"));

        client.restoreSecret(r -> r.secretId("s"));
        assertThat(client.getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("v");
    }

    @Test
    void deleteParametersAreChecked() {
        assertError(() -> client.deleteSecret(r -> r.secretId("s").recoveryWindowInDays(6L)),
                InvalidParameterException.class, "InvalidParameterException", 400);
        assertError(() -> client.deleteSecret(r -> r.secretId("s").recoveryWindowInDays(31L)),
                InvalidParameterException.class, "InvalidParameterException", 400);
        assertError(() -> client.deleteSecret(r -> r.secretId("s").recoveryWindowInDays(7L).forceDeleteWithoutRecovery(true)),
                InvalidParameterException.class, "InvalidParameterException", 400);
    }

    @Test
    void batchGetNeedsExactlyOneOfIdsOrFilters() {
        assertError(() -> client.batchGetSecretValue(r -> r.maxResults(5)), InvalidParameterException.class,
                "InvalidParameterException", 400);
        assertError(() -> client.batchGetSecretValue(r -> r.secretIdList("s").maxResults(5)),
                InvalidParameterException.class, "InvalidParameterException", 400);
    }

    @Test
    void badNextTokenIsInvalidNextToken() {
        assertError(() -> client.listSecrets(r -> r.nextToken("garbage")), InvalidNextTokenException.class,
                "InvalidNextTokenException", 400);
    }

    @Test
    void injectedErrorsUseTheExactWireCodes() {
        SecretsManagerClient noRetries = emulator.emulator().clientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        try (noRetries) {
            emulator.emulator().faults().failNext("GetSecretValue", 1, InjectedError.internalServiceError())
                    .failNext("GetSecretValue", 1, InjectedError.of(400, "DecryptionFailure", "cannot decrypt"));
            assertError(() -> noRetries.getSecretValue(r -> r.secretId("s")), InternalServiceErrorException.class,
                    "InternalServiceError", 500);
            assertError(() -> noRetries.getSecretValue(r -> r.secretId("s")), DecryptionFailureException.class,
                    "DecryptionFailure", 400);
            assertThat(noRetries.getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("v");
        }
    }

    @Test
    void secretValuesNeverAppearInErrorMessages() {
        String value = "TOP-SECRET-VALUE-" + "y".repeat(65_536);
        assertThatThrownBy(() -> client.putSecretValue(r -> r.secretId("s").secretString(value)))
                .isInstanceOf(SdkException.class).message().doesNotContain("TOP-SECRET");
    }

    private static void assertRaw(HttpResponse<String> response, String code) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"__type\":\"" + code + "\"");
    }

    @Test
    void badFramingGetsAwsShaped400s() {
        var endpoint = unsigned.endpoint();
        assertRaw(RawHttp.json(endpoint, "GetSecretValue", "{not json"), "SerializationException");
        assertRaw(RawHttp.json(endpoint, "GetSecretValue", "[1,2]"), "SerializationException");
        assertRaw(RawHttp.json(endpoint, "GetSecretValue", "{\"SecretId\":42}"), "SerializationException");
        assertRaw(RawHttp.json(endpoint, "GetSecretValue", "{}"), "ValidationException");
        assertRaw(RawHttp.json(endpoint, "NoSuchOperation", "{}"), "UnknownOperationException");
        assertRaw(RawHttp.post(endpoint, Map.of("Content-Type", "application/x-amz-json-1.1"), "{}"),
                "UnknownOperationException");
        assertRaw(RawHttp.post(endpoint, Map.of("X-Amz-Target", "secretsmanager.ListSecrets", "Content-Type", "text/plain"),
                "{}"), "SerializationException");
        assertRaw(RawHttp.json(endpoint, "CreateSecret", "{\"Name\":\"n\",\"SecretString\":\"" + "z".repeat(300_000) + "\"}"),
                "ValidationException");
        assertRaw(RawHttp.json(endpoint, "CreateSecret", "{\"Name\":\"n\",\"SecretString\":\"v\"}"),
                "InvalidRequestException");
        assertThat(unsigned.callCount("GetSecretValue")).isEqualTo(4);
        assertThat(unsigned.callCount("NoSuchOperation")).isZero(); // made-up names are not counted
        assertThat(unsigned.callCounts()).doesNotContainKey("NoSuchOperation");
    }
}
