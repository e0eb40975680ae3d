package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smkit.emulator.junit.EmulatorExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.MalformedPolicyDocumentException;
import software.amazon.awssdk.services.secretsmanager.model.PublicPolicyException;
import software.amazon.awssdk.services.secretsmanager.model.ReplicaRegionType;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;
import software.amazon.awssdk.services.secretsmanager.model.ValidateResourcePolicyResponse;

class ResourcePolicyTest {
    private static final String PRIVATE = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"arn:aws:iam::111122223333:role/app\"},\"Action\":\"secretsmanager:GetSecretValue\","
            + "\"Resource\":\"*\"}]}";
    private static final String PUBLIC = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
            + "\"Principal\":\"*\",\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\"}}";
    private static final String PUBLIC_WITH_CONDITION = "{\"Version\":\"2012-10-17\",\"Statement\":{\"Effect\":\"Allow\","
            + "\"Principal\":{\"AWS\":\"*\"},\"Action\":\"secretsmanager:GetSecretValue\",\"Resource\":\"*\","
            + "\"Condition\":{\"StringEquals\":{\"aws:PrincipalAccount\":\"111122223333\"}}}}";

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();
    private SecretsManagerClient client;

    @BeforeEach
    void secret() {
        client = emulator.client();
        client.createSecret(r -> r.name("p").secretString("v"));
    }

    @Test
    void putGetDelete() {
        assertThat(client.getResourcePolicy(r -> r.secretId("p")).resourcePolicy()).isNull();
        var put = client.putResourcePolicy(r -> r.secretId("p").resourcePolicy(PRIVATE).blockPublicPolicy(true));
        assertThat(put.name()).isEqualTo("p");
        assertThat(client.getResourcePolicy(r -> r.secretId("p")).resourcePolicy()).isEqualTo(PRIVATE);
        client.deleteResourcePolicy(r -> r.secretId("p"));
        assertThat(client.getResourcePolicy(r -> r.secretId("p")).resourcePolicy()).isNull();
        assertThatThrownBy(() -> client.getResourcePolicy(r -> r.secretId("nope")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void blockPublicPolicyRefusesPrincipalStarWithoutCondition() {
        assertThatThrownBy(() -> client.putResourcePolicy(r -> r.secretId("p").resourcePolicy(PUBLIC)
                .blockPublicPolicy(true))).isInstanceOf(PublicPolicyException.class);
        assertThat(client.getResourcePolicy(r -> r.secretId("p")).resourcePolicy()).isNull();
        client.putResourcePolicy(r -> r.secretId("p").resourcePolicy(PUBLIC_WITH_CONDITION).blockPublicPolicy(true));
        client.putResourcePolicy(r -> r.secretId("p").resourcePolicy(PUBLIC)); // not blocked unless asked
        assertThat(client.getResourcePolicy(r -> r.secretId("p")).resourcePolicy()).isEqualTo(PUBLIC);
    }

    @Test
    void malformedPoliciesAreRefused() {
        assertThatThrownBy(() -> client.putResourcePolicy(r -> r.secretId("p").resourcePolicy("{not json")))
                .isInstanceOf(MalformedPolicyDocumentException.class);
        assertThatThrownBy(() -> client.putResourcePolicy(r -> r.secretId("p").resourcePolicy("{\"Statement\":[]}")))
                .isInstanceOf(MalformedPolicyDocumentException.class);
    }

    @Test
    void validateReportsPassAndErrors() {
        ValidateResourcePolicyResponse ok = client.validateResourcePolicy(r -> r.secretId("p").resourcePolicy(PRIVATE));
        assertThat(ok.policyValidationPassed()).isTrue();
        assertThat(ok.validationErrors()).isEmpty();
        ValidateResourcePolicyResponse noSecret = client.validateResourcePolicy(r -> r.resourcePolicy(PRIVATE));
        assertThat(noSecret.policyValidationPassed()).isTrue();
        ValidateResourcePolicyResponse bad = client.validateResourcePolicy(r -> r.resourcePolicy(
                "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Maybe\",\"Action\":\"x\"}]}"));
        assertThat(bad.policyValidationPassed()).isFalse();
        assertThat(bad.validationErrors()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.checkName()).isNotEmpty();
            assertThat(e.errorMessage()).isNotEmpty();
        });
        ValidateResourcePolicyResponse open = client.validateResourcePolicy(r -> r.resourcePolicy(PUBLIC));
        assertThat(open.policyValidationPassed()).isFalse();
        assertThatThrownBy(() -> client.validateResourcePolicy(r -> r.resourcePolicy("[")))
                .isInstanceOf(MalformedPolicyDocumentException.class);
    }

    @Test
    void quotaIs20480Characters() {
        String padded = PRIVATE.replace("\"Resource\":\"*\"", "\"Resource\":\"*\",\"Sid\":\"" + "s".repeat(20_480) + "\"");
        assertThatThrownBy(() -> client.putResourcePolicy(r -> r.secretId("p").resourcePolicy(padded)))
                .isInstanceOfSatisfying(SecretsManagerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
                    assertThat(e.awsErrorDetails().errorMessage()).contains("resourcePolicy")
                            .contains("20480");
                });
    }

    @Test
    void policyIsReplicatedAndReplicaPolicyIsReadOnly() {
        client.createSecret(r -> r.name("rp").secretString("v")
                .addReplicaRegions(ReplicaRegionType.builder().region("eu-west-1").build()));
        client.putResourcePolicy(r -> r.secretId("rp").resourcePolicy(PRIVATE));
        SecretsManagerClient eu = emulator.client("eu-west-1");
        assertThat(eu.getResourcePolicy(r -> r.secretId("rp")).resourcePolicy()).isEqualTo(PRIVATE);
        assertThatThrownBy(() -> eu.deleteResourcePolicy(r -> r.secretId("rp")))
                .isInstanceOf(software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException.class);
    }
}
