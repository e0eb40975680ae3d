package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smkit.emulator.internal.ServiceModel;
import dev.smkit.emulator.junit.EmulatorExtension;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.secretsmanager.model.SortByType;
import software.amazon.awssdk.services.secretsmanager.model.SortOrderType;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** ValidationException messages in AWS's format, with constraints from the service model. */
class ValidationMessagesTest {
    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    private static String validationMessage(Runnable call) {
        try {
            call.run();
        } catch (SecretsManagerException e) {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(e.statusCode()).isEqualTo(400);
            return e.awsErrorDetails().errorMessage();
        }
        throw new AssertionError("no ValidationException");
    }

    @Test
    void everyViolationIsListedWithAwsMemberPaths() {
        String message = validationMessage(() -> emulator.client().listSecrets(r -> r.maxResults(0).filters(
                Filter.builder().key("colour").values("x").build(),
                Filter.builder().key(FilterNameStringType.NAME).values("bad#value").build())));
        assertThat(message).startsWith("3 validation errors detected: ")
                .contains("Value 'colour' at 'filters.1.member.key' failed to satisfy constraint: Member must satisfy "
                        + "enum value set: [description, name, tag-key, tag-value, primary-region, owning-service, all]")
                .contains("Value 'bad#value' at 'filters.2.member.values.1.member' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: ")
                .contains("Value '0' at 'maxResults' failed to satisfy constraint: Member must have value greater than "
                        + "or equal to 1");
        assertThat(message.split("; ")).hasSize(3);
    }

    @Test
    void tagKeysUseTheTagsMemberPath() {
        String longKey = "k".repeat(129);
        String message = validationMessage(() -> emulator.client().createSecret(r -> r.name("t")
                .tags(Tag.builder().key("ok").value("v").build(), Tag.builder().key(longKey).value("v").build())));
        assertThat(message).isEqualTo("1 validation error detected: Value '" + longKey + "' at 'tags.2.member.key' "
                + "failed to satisfy constraint: Member must have length less than or equal to 128");
    }

    @Test
    void sensitiveMembersShowNoValue() {
        String secret = "s".repeat(65_537);
        String message = validationMessage(() -> emulator.client().createSecret(r -> r.name("big")
                .description("d".repeat(2049)).secretString(secret)));
        assertThat(message).startsWith("2 validation errors detected: ")
                .contains("Value at 'secretString' failed to satisfy constraint: Member must have length less than or "
                        + "equal to 65536")
                .contains("at 'description' failed to satisfy constraint: Member must have length less than or equal "
                        + "to 2048")
                .doesNotContain("sss");
    }

    @Test
    void missingRequiredMembersAreNull() {
        assertThat(RawHttpOf.validation("GetSecretValue", "{}"))
                .isEqualTo("1 validation error detected: Value null at 'secretId' failed to satisfy constraint: "
                        + "Member must not be null");
        assertThat(RawHttpOf.validation("PutResourcePolicy", "{}")).startsWith("2 validation errors detected: ")
                .contains("Value null at 'resourcePolicy'").contains("Value null at 'secretId'");
        assertThat(RawHttpOf.validation("RotateSecret", "{\"SecretId\":\"s\",\"RotationRules\":{\"Duration\":\"h3\"}}"))
                .contains("Value 'h3' at 'rotationRules.duration' failed to satisfy constraint: Member must satisfy "
                        + "regular expression pattern: [0-9]+h");
    }

    /** Raw requests, for shapes the SDK cannot send. */
    static final class RawHttpOf {
        static String validation(String operation, String body) {
            try (SecretsManagerEmulator unsigned = SecretsManagerEmulator.builder().verifySignatures(false).start()) {
                var response = RawHttp.json(unsigned.endpoint(), operation, body);
                assertThat(response.statusCode()).isEqualTo(400);
                assertThat(response.body()).contains("\"__type\":\"ValidationException\"");
                String marker = "\"Message\":\"";
                String text = response.body().substring(response.body().indexOf(marker) + marker.length());
                return text.substring(0, text.lastIndexOf('"')).replace("\\\\", "\\");
            }
        }
    }

    // ------------------------------------------------------------------ the model agrees with the SDK's classes

    @Test
    void modelAndSdkAgreeOnOperationsMembersAndEnums() throws Exception {
        ServiceModel model = ServiceModel.get();
        assertThat(model.source()).isNotEmpty();
        assertThat(model.operations()).containsExactlyInAnyOrderElementsOf(AllOperationsTest.modelOperations());
        for (String operation : model.operations()) {
            Class<?> request = Class.forName("software.amazon.awssdk.services.secretsmanager.model." + operation
                    + "Request");
            Object builder = request.getMethod("builder").invoke(null);
            SdkPojo pojo = (SdkPojo) ((software.amazon.awssdk.utils.builder.SdkBuilder<?, ?>) builder).build();
            Set<String> sdkMembers = pojo.sdkFields().stream().map(SdkField::locationName)
                    .collect(Collectors.toCollection(TreeSet::new));
            assertThat(model.input(operation).members().keySet()).as(operation)
                    .containsExactlyInAnyOrderElementsOf(sdkMembers);
        }
        assertThat(model.shape("FilterNameStringType").enumValues())
                .containsExactlyInAnyOrderElementsOf(names(FilterNameStringType.knownValues()));
        assertThat(model.shape("SortByType").enumValues())
                .containsExactlyInAnyOrderElementsOf(names(SortByType.knownValues()));
        assertThat(model.shape("SortOrderType").enumValues())
                .containsExactlyInAnyOrderElementsOf(names(SortOrderType.knownValues()));
    }

    private static List<String> names(Set<?> values) {
        return values.stream().map(Object::toString).collect(Collectors.toList());
    }

    @Test
    void secretIdOfTheWrongTypeIsASerializationError() {
        assertThatThrownBy(() -> {
            try (SecretsManagerEmulator unsigned = SecretsManagerEmulator.builder().verifySignatures(false).start()) {
                var response = RawHttp.json(unsigned.endpoint(), "GetSecretValue", "{\"SecretId\":42}");
                throw new IllegalStateException(response.body());
            }
        }).hasMessageContaining("SerializationException");
    }
}
