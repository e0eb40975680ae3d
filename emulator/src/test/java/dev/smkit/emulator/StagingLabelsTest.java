package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smkit.emulator.junit.EmulatorExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.SecretVersionsListEntry;

/** The label movements of the reference notes (recorded against real AWS), each asserting the whole label map. */
class StagingLabelsTest {
    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    private SecretsManagerClient client;

    @BeforeEach
    void setUp() {
        client = emulator.client();
        client.createSecret(r -> r.name("s").secretString("value-1").clientRequestToken(v(1)));
    }

    /** A valid 32-character version id / ClientRequestToken. */
    static String v(int n) {
        return String.format("version-%024d", n);
    }

    private Map<String, List<String>> labels() {
        return client.describeSecret(r -> r.secretId("s")).versionIdsToStages();
    }

    private void put(int n, String... stages) {
        client.putSecretValue(r -> {
            r.secretId("s").secretString("value-" + n).clientRequestToken(v(n));
            if (stages.length > 0) {
                r.versionStages(stages);
            }
        });
    }

    private void moveStage(String stage, Integer from, Integer to) {
        client.updateSecretVersionStage(r -> r.secretId("s").versionStage(stage)
                .removeFromVersionId(from == null ? null : v(from)).moveToVersionId(to == null ? null : v(to)));
    }

    @Test
    void plainPutsShiftCurrentAndPreviousAndDeprecateTheOldest() {
        put(2);
        assertThat(labels()).containsOnly(Map.entry(v(1), List.of("AWSPREVIOUS")), Map.entry(v(2), List.of("AWSCURRENT")));
        put(3);
        assertThat(labels()).containsOnly(Map.entry(v(2), List.of("AWSPREVIOUS")), Map.entry(v(3), List.of("AWSCURRENT")));
        assertThat(client.getSecretValue(r -> r.secretId("s").versionStage("AWSPREVIOUS")).secretString()).isEqualTo("value-2");
    }

    @Test
    void putWithCustomStagesMovesOnlyThoseLabels() {
        put(2, "one", "two", "three");
        put(3, "four", "one", "two");
        assertThat(labels()).containsOnly(
                Map.entry(v(1), List.of("AWSCURRENT")),
                Map.entry(v(2), List.of("three")),
                Map.entry(v(3), List.of("four", "one", "two")));
    }

    @Test
    void currentPendingCycleWithUpdateSecretVersionStage() {
        put(2, "AWSPENDING");
        assertThat(labels()).containsOnly(Map.entry(v(1), List.of("AWSCURRENT")), Map.entry(v(2), List.of("AWSPENDING")));
        moveStage("AWSCURRENT", 1, 2);
        assertThat(labels()).containsOnly(
                Map.entry(v(1), List.of("AWSPREVIOUS")), Map.entry(v(2), List.of("AWSCURRENT", "AWSPENDING")));
        put(3, "AWSPENDING");
        assertThat(labels()).containsOnly(Map.entry(v(1), List.of("AWSPREVIOUS")),
                Map.entry(v(2), List.of("AWSCURRENT")), Map.entry(v(3), List.of("AWSPENDING")));
        moveStage("AWSCURRENT", 2, 3);
        assertThat(labels()).containsOnly(
                Map.entry(v(2), List.of("AWSPREVIOUS")), Map.entry(v(3), List.of("AWSCURRENT", "AWSPENDING")));
    }

    @Test
    void plainPutAfterPromotingPendingDropsPending() {
        put(2, "AWSPENDING");
        moveStage("AWSCURRENT", 1, 2);
        put(3);
        assertThat(labels()).containsOnly(Map.entry(v(2), List.of("AWSPREVIOUS")), Map.entry(v(3), List.of("AWSCURRENT")));
    }

    @Test
    void customLabelsStayWhenCurrentMovesAway() {
        put(2, "AWSCURRENT", "AWSSOMETHING", "PUT1");
        put(3);
        assertThat(labels()).containsOnly(
                Map.entry(v(2), List.of("AWSPREVIOUS", "AWSSOMETHING", "PUT1")), Map.entry(v(3), List.of("AWSCURRENT")));
    }

    @Test
    void updateSecretWithValueActsLikePlainPutAndDescriptionOnlyMakesNoVersion() {
        String versionId = client.updateSecret(r -> r.secretId("s").secretString("value-2").clientRequestToken(v(2)))
                .versionId();
        assertThat(versionId).isEqualTo(v(2));
        assertThat(labels()).containsOnly(Map.entry(v(1), List.of("AWSPREVIOUS")), Map.entry(v(2), List.of("AWSCURRENT")));

        assertThat(client.updateSecret(r -> r.secretId("s").description("only a description")).versionId()).isNull();
        assertThat(labels()).containsOnly(Map.entry(v(1), List.of("AWSPREVIOUS")), Map.entry(v(2), List.of("AWSCURRENT")));
    }

    @Test
    void customLabelCanBeRemovedAndMovedButOnlyFromItsHolder() {
        put(2, "blue");
        moveStage("blue", 2, 1);
        assertThat(labels()).containsOnly(Map.entry(v(1), List.of("AWSCURRENT", "blue")));
        assertThatThrownBy(() -> moveStage("blue", null, 2))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("RemoveFromVersionId");
        moveStage("blue", 1, null);
        assertThat(labels()).containsOnly(Map.entry(v(1), List.of("AWSCURRENT")));
    }

    @Test
    void movingCurrentRequiresNamingItsHolder() {
        put(2, "AWSPENDING");
        assertThatThrownBy(() -> moveStage("AWSCURRENT", null, 2))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> moveStage("AWSCURRENT", 1, null)).isInstanceOf(InvalidParameterException.class);
        assertThat(labels()).containsOnly(Map.entry(v(1), List.of("AWSCURRENT")), Map.entry(v(2), List.of("AWSPENDING")));
    }

    @Test
    void deprecatedVersionsAreListedOnlyOnRequestWithoutStages() {
        put(2);
        put(3);
        List<SecretVersionsListEntry> visible = client.listSecretVersionIds(r -> r.secretId("s")).versions();
        assertThat(visible).extracting(SecretVersionsListEntry::versionId).containsExactly(v(3), v(2));
        List<SecretVersionsListEntry> all =
                client.listSecretVersionIds(r -> r.secretId("s").includeDeprecated(true)).versions();
        assertThat(all).extracting(SecretVersionsListEntry::versionId).containsExactly(v(3), v(2), v(1));
        assertThat(all.get(2).hasVersionStages()).isFalse();
        assertThat(all.get(2).kmsKeyIds()).containsExactly("DefaultEncryptionKey");
    }

    @Test
    void firstVersionOfAnEmptySecretAlwaysBecomesCurrent() {
        client.createSecret(r -> r.name("empty"));
        assertThat(client.describeSecret(r -> r.secretId("empty")).hasVersionIdsToStages()).isFalse();
        client.putSecretValue(r -> r.secretId("empty").secretString("x").clientRequestToken(v(9)).versionStages("AWSPENDING"));
        assertThat(client.describeSecret(r -> r.secretId("empty")).versionIdsToStages())
                .containsOnly(Map.entry(v(9), List.of("AWSCURRENT", "AWSPENDING")));
    }

    @Test
    void sameTokenSameValueIsANoOpAndOtherValueIsRefused() {
        put(2);
        put(2);
        assertThat(client.listSecretVersionIds(r -> r.secretId("s").includeDeprecated(true)).versions()).hasSize(2);
        assertThat(labels()).containsOnly(Map.entry(v(1), List.of("AWSPREVIOUS")), Map.entry(v(2), List.of("AWSCURRENT")));
        assertThatThrownBy(() -> client.putSecretValue(r -> r.secretId("s").secretString("other").clientRequestToken(v(2))))
                .isInstanceOf(ResourceExistsException.class).hasMessageContaining(v(2));
        assertThat(client.getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("value-2");
    }

    @Test
    void retriedCreateWithSameTokenAndValueSucceeds() {
        String arn = client.describeSecret(r -> r.secretId("s")).arn();
        assertThat(client.createSecret(r -> r.name("s").secretString("value-1").clientRequestToken(v(1))).arn())
                .isEqualTo(arn);
        assertThatThrownBy(() -> client.createSecret(r -> r.name("s").secretString("value-1")))
                .isInstanceOf(ResourceExistsException.class)
                .hasMessageContaining("The operation failed because the secret s already exists.");
    }
}
