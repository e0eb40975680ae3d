package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smkit.emulator.junit.EmulatorExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.InvalidNextTokenException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretVersionsListEntry;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** The fixes of issue 13's careful read, one test each. Signature checks stay on with a simulated data clock. */
class BugFixesTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-05-01T08:00:00Z"));

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension(SecretsManagerEmulator.builder().clock(CLOCK));

    private SecretsManagerClient client() {
        return emulator.client();
    }

    @Test
    void nameIsFreeAgainWhenTheRecoveryWindowLapsedEvenIfNothingReadIt() {
        client().createSecret(r -> r.name("reborn").secretString("v1"));
        client().deleteSecret(r -> r.secretId("reborn").recoveryWindowInDays(7L));
        CLOCK.advance(Duration.ofDays(8));
        assertThat(client().createSecret(r -> r.name("reborn").secretString("v2")).name()).isEqualTo("reborn");
        assertThat(client().getSecretValue(r -> r.secretId("reborn")).secretString()).isEqualTo("v2");
    }

    @Test
    void fullArnResolvesToItsOwnSecretNotToOneNamedLikeItsTail() {
        String arn = client().createSecret(r -> r.name("a").secretString("first")).arn();
        String tail = arn.substring(arn.lastIndexOf(":secret:") + ":secret:".length()); // a-XXXXXX
        client().createSecret(r -> r.name(tail).secretString("second"));
        assertThat(client().getSecretValue(r -> r.secretId(arn)).secretString()).isEqualTo("first");
        String secondArn = client().describeSecret(r -> r.secretId(tail)).arn();
        assertThat(client().getSecretValue(r -> r.secretId(secondArn)).secretString()).isEqualTo("second");
    }

    private static List<Tag> tags(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> Tag.builder().key("k" + i).value("v").build())
                .collect(Collectors.toList());
    }

    @Test
    void fiftyTagsIsAPerSecretQuotaAndAwsPrefixIsReserved() {
        client().createSecret(r -> r.name("tagged").secretString("v").tags(tags(0, 30)));
        assertThatThrownBy(() -> client().tagResource(r -> r.secretId("tagged").tags(tags(30, 51))))
                .isInstanceOf(InvalidParameterException.class).hasMessageContaining("50");
        client().tagResource(r -> r.secretId("tagged").tags(tags(30, 50)));
        client().tagResource(r -> r.secretId("tagged").tags(tags(0, 10))); // overwriting keys adds none
        assertThat(client().describeSecret(r -> r.secretId("tagged")).tags()).hasSize(50);
        assertThatThrownBy(() -> client().createSecret(r -> r.name("t2").tags(tags(0, 51))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> client().tagResource(r -> r.secretId("tagged").tags(Tag.builder().key("aws:owner")
                .value("x").build()))).isInstanceOf(InvalidParameterException.class).hasMessageContaining("aws:");
        assertThatThrownBy(() -> client().createSecret(r -> r.name("t3").tags(Tag.builder().key("AWS:x").value("x")
                .build()))).isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void includeSpaceIsNotARequiredCharacterType() {
        String password = client().getRandomPassword(r -> r.passwordLength(4L).includeSpace(true)
                .requireEachIncludedType(true)).randomPassword();
        assertThat(password).hasSize(4).matches(".*[a-z].*").matches(".*[A-Z].*").matches(".*[0-9].*");
        String onlySpaces = client().getRandomPassword(r -> r.passwordLength(5L).includeSpace(true)
                .excludeLowercase(true).excludeUppercase(true).excludeNumbers(true).excludePunctuation(true))
                .randomPassword();
        assertThat(onlySpaces).isEqualTo("     ");
    }

    @Test
    void wrongRemoveFromVersionIdNamesTheActualHolder() {
        String v1 = client().createSecret(r -> r.name("staged").secretString("1")).versionId();
        String v2 = client().putSecretValue(r -> r.secretId("staged").secretString("2")).versionId();
        String v3 = client().putSecretValue(r -> r.secretId("staged").secretString("3").versionStages("X")).versionId();
        assertThatThrownBy(() -> client().updateSecretVersionStage(r -> r.secretId("staged").versionStage("AWSCURRENT")
                .removeFromVersionId(v1).moveToVersionId(v3)))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("attached to version " + v2).hasMessageContaining("not to version " + v1)
                .hasMessageNotContaining("can't be empty");
    }

    @Test
    void listSecretVersionIdsReportsTheKeyOfEachVersion() {
        String v1 = client().createSecret(r -> r.name("keys").secretString("1").kmsKeyId("alias/first")).versionId();
        String v2 = client().updateSecret(r -> r.secretId("keys").secretString("2").kmsKeyId("alias/second")).versionId();
        List<SecretVersionsListEntry> versions = client().listSecretVersionIds(r -> r.secretId("keys")).versions();
        assertThat(versions).filteredOn(v -> v.versionId().equals(v1)).singleElement()
                .satisfies(v -> assertThat(v.kmsKeyIds()).containsExactly("alias/first"));
        assertThat(versions).filteredOn(v -> v.versionId().equals(v2)).singleElement()
                .satisfies(v -> assertThat(v.kmsKeyIds()).containsExactly("alias/second"));
    }

    @Test
    void whitespaceOnlyPreloadFileExitsWithTwoAndAMessage(@TempDir Path dir) throws Exception {
        Path preload = dir.resolve("blank.json");
        Files.writeString(preload, "  \n\t\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"--port", "0", "--preload", preload.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("blank.json").contains("empty")
                .doesNotContain("Exception");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void pagesDoNotShiftWhenSecretsAreCreatedOrDeletedBetweenCalls() {
        for (int i = 1; i <= 6; i++) {
            int n = i;
            client().createSecret(r -> r.name("page" + n).secretString("v"));
            CLOCK.advance(Duration.ofSeconds(1));
        }
        ListSecretsResponse first = client().listSecrets(r -> r.maxResults(2));
        assertThat(first.secretList()).extracting(e -> e.name()).containsExactly("page1", "page2");
        client().deleteSecret(r -> r.secretId("page1").forceDeleteWithoutRecovery(true));
        ListSecretsResponse second = client().listSecrets(r -> r.maxResults(2).nextToken(first.nextToken()));
        assertThat(second.secretList()).extracting(e -> e.name()).containsExactly("page3", "page4");
        client().createSecret(r -> r.name("page0").secretString("v"));
        ListSecretsResponse third = client().listSecrets(r -> r.maxResults(2).nextToken(second.nextToken()));
        assertThat(third.secretList()).extracting(e -> e.name()).containsExactly("page5", "page6");
        assertThat(third.nextToken()).isNotNull(); // page0 was created after the cursor
        assertThat(client().listSecrets(r -> r.maxResults(2).nextToken(third.nextToken())).secretList())
                .extracting(e -> e.name()).containsExactly("page0");
        // A token of one operation is not one of another.
        assertThatThrownBy(() -> client().listSecretVersionIds(r -> r.secretId("page2").nextToken(first.nextToken())))
                .isInstanceOf(InvalidNextTokenException.class);
    }

    @Test
    void batchGetRefusesNextTokenWithIdsAndDeduplicates() {
        String arn = client().createSecret(r -> r.name("b1").secretString("v1")).arn();
        client().createSecret(r -> r.name("b2").secretString("v2"));
        var response = client().batchGetSecretValue(r -> r.secretIdList("b1", "b2", "b1", arn));
        assertThat(response.secretValues()).extracting(v -> v.name()).containsExactlyInAnyOrder("b1", "b2");
        assertThat(response.errors()).isEmpty();
        String token = client().batchGetSecretValue(r -> r.filters(f -> f.key("name").values("b")).maxResults(1))
                .nextToken();
        assertThat(token).isNotNull();
        assertThatThrownBy(() -> client().batchGetSecretValue(r -> r.secretIdList("b1").nextToken(token)))
                .isInstanceOf(InvalidNextTokenException.class);
    }

    @Test
    void madeUpOperationNamesCreateNoCounter() {
        RawHttp.json(emulator.emulator().endpoint(), "Invented" + System.nanoTime(), "{}");
        assertThat(emulator.emulator().callCounts()).isEmpty();
        assertThat(emulator.emulator().callCount("Invented")).isZero();
    }
}
