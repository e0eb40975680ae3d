package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smkit.emulator.junit.EmulatorExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.DeleteSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ListSecretsRequest;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretListEntry;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;
import software.amazon.awssdk.services.secretsmanager.model.SortOrderType;
import software.amazon.awssdk.services.secretsmanager.model.Tag;

/** Every operation through the real SDK, including pagination through the SDK's paginators. */
class OperationsRoundTripTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-01T10:15:30.250Z"));

    /** Signatures off: the clock jumps days ahead, which a real signature check would (rightly) refuse. */
    @RegisterExtension
    static EmulatorExtension emulator =
            new EmulatorExtension(SecretsManagerEmulator.builder().clock(CLOCK).verifySignatures(false));

    private SecretsManagerClient client;

    @BeforeEach
    void setUp() {
        client = emulator.client();
    }

    private void create(String name, String description, Tag... tags) {
        client.createSecret(r -> r.name(name).secretString("value-of-" + name).description(description).tags(tags));
        CLOCK.advance(Duration.ofSeconds(1)); // distinct creation dates give a defined created-date order
    }

    @Test
    void createDescribeGetWithDatesAndTags() {
        Instant created = CLOCK.instant();
        String arn = client.createSecret(r -> r.name("app/db").secretString("{\"user\":\"a\"}").description("the db")
                .tags(Tag.builder().key("env").value("prod").build())).arn();
        assertThat(arn).matches("arn:aws:secretsmanager:us-east-1:000000000000:secret:app/db-[A-Za-z0-9]{6}");
        CLOCK.advance(Duration.ofHours(30));
        GetSecretValueResponse value = client.getSecretValue(r -> r.secretId("app/db"));
        assertThat(value.secretString()).isEqualTo("{\"user\":\"a\"}");
        assertThat(value.createdDate()).isEqualTo(created);

        DescribeSecretResponse described = client.describeSecret(r -> r.secretId(arn));
        assertThat(described.name()).isEqualTo("app/db");
        assertThat(described.description()).isEqualTo("the db");
        assertThat(described.tags()).containsExactly(Tag.builder().key("env").value("prod").build());
        assertThat(described.createdDate()).isEqualTo(created);
        assertThat(described.lastChangedDate()).isEqualTo(created);
        assertThat(described.lastAccessedDate()) // day precision, as AWS
                .isEqualTo(created.plus(Duration.ofHours(30)).truncatedTo(java.time.temporal.ChronoUnit.DAYS));
        assertThat(described.hasVersionIdsToStages()).isTrue();
        assertThat(described.deletedDate()).isNull();
        assertThat(described.rotationEnabled()).isNull();
    }

    @Test
    void binaryValuesRoundTripThroughPutAndBatchGet() {
        byte[] bytes = {0, 1, 2, (byte) 0xfe, (byte) 0xff};
        client.createSecret(r -> r.name("blob").secretBinary(SdkBytes.fromByteArray(new byte[] {9})));
        client.putSecretValue(r -> r.secretId("blob").secretBinary(SdkBytes.fromByteArray(bytes)));
        assertThat(client.getSecretValue(r -> r.secretId("blob")).secretBinary().asByteArray()).containsExactly(bytes);
        SecretValueEntry entry = client.batchGetSecretValue(r -> r.secretIdList("blob")).secretValues().get(0);
        assertThat(entry.secretBinary().asByteArray()).containsExactly(bytes);
        assertThat(entry.secretString()).isNull();
    }

    @Test
    void tagAndUntag() {
        create("t", null, Tag.builder().key("a").value("1").build());
        client.tagResource(r -> r.secretId("t").tags(Tag.builder().key("a").value("2").build(),
                Tag.builder().key("b").value("3").build()));
        assertThat(client.describeSecret(r -> r.secretId("t")).tags()).extracting(Tag::key, Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", "2"), org.assertj.core.groups.Tuple.tuple("b", "3"));
        client.untagResource(r -> r.secretId("t").tagKeys("a", "b"));
        assertThat(client.describeSecret(r -> r.secretId("t")).hasTags()).isFalse();
    }

    @Test
    void listSecretsPaginatesInCreationOrder() {
        for (int i = 0; i < 5; i++) {
            create("list-" + i, null);
        }
        emulator.emulator().resetCallCounts();
        List<String> names = new ArrayList<>();
        client.listSecretsPaginator(r -> r.maxResults(2)).forEach(page -> page.secretList().forEach(e -> names.add(e.name())));
        assertThat(names).containsExactly("list-0", "list-1", "list-2", "list-3", "list-4");
        assertThat(emulator.emulator().callCount("ListSecrets")).isEqualTo(3);

        SecretListEntry entry = client.listSecrets(r -> r.maxResults(1)).secretList().get(0);
        assertThat(entry.secretVersionsToStages()).hasSize(1);
        assertThat(names(r -> r.sortBy("name").sortOrder(SortOrderType.DESC))).startsWith("list-4", "list-3");
    }

    private List<String> names(Consumer<ListSecretsRequest.Builder> request) {
        List<String> names = new ArrayList<>();
        client.listSecretsPaginator(request).forEach(page -> page.secretList().forEach(e -> names.add(e.name())));
        return names;
    }

    private static Filter filter(FilterNameStringType key, String... values) {
        return Filter.builder().key(key).values(values).build();
    }

    @Test
    void listSecretsFilters() {
        create("/prod/db", "a secret", Tag.builder().key("team").value("payments").build());
        create("/prod/cache", "an secret", Tag.builder().key("owner").value("ops").build());
        create("dev/db", "asecret");
        create("other", "thesecret", Tag.builder().key("team").value("search").build());

        assertThat(names(r -> r.filters(filter(FilterNameStringType.NAME, "/")))).containsExactly("/prod/db", "/prod/cache");
        assertThat(names(r -> r.filters(filter(FilterNameStringType.NAME, "!/")))).containsExactly("dev/db", "other");
        assertThat(names(r -> r.filters(filter(FilterNameStringType.NAME, "dev", "oth")))).containsExactly("dev/db", "other");
        assertThat(names(r -> r.filters(filter(FilterNameStringType.DESCRIPTION, "a"))))
                .containsExactly("/prod/db", "/prod/cache", "dev/db");
        assertThat(names(r -> r.filters(filter(FilterNameStringType.DESCRIPTION, "a secret"))))
                .containsExactly("/prod/db", "/prod/cache");
        assertThat(names(r -> r.filters(filter(FilterNameStringType.TAG_KEY, "team")))).containsExactly("/prod/db", "other");
        assertThat(names(r -> r.filters(filter(FilterNameStringType.TAG_VALUE, "pay")))).containsExactly("/prod/db");
        assertThat(names(r -> r.filters(filter(FilterNameStringType.TAG_KEY, "team"),
                filter(FilterNameStringType.NAME, "!/")))).containsExactly("other");
        assertThat(names(r -> r.filters(filter(FilterNameStringType.ALL, "OPS")))).containsExactly("/prod/cache");
        assertThat(names(r -> r.filters(filter(FilterNameStringType.ALL, "db")))).containsExactly("/prod/db", "dev/db");
        assertThat(names(r -> r.filters(filter(FilterNameStringType.NAME, "testing1 one")))).isEmpty();
    }

    @Test
    void listSecretVersionIdsPaginates() {
        create("v", null);
        client.putSecretValue(r -> r.secretId("v").secretString("2"));
        client.putSecretValue(r -> r.secretId("v").secretString("3"));
        emulator.emulator().resetCallCounts();
        List<String> ids = new ArrayList<>();
        client.listSecretVersionIdsPaginator(r -> r.secretId("v").includeDeprecated(true).maxResults(1))
                .forEach(page -> page.versions().forEach(version -> ids.add(version.versionId())));
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        assertThat(emulator.emulator().callCount("ListSecretVersionIds")).isEqualTo(3);
    }

    @Test
    void batchGetByFiltersPaginates() {
        for (int i = 0; i < 3; i++) {
            create("batch-" + i, null);
        }
        create("unrelated", null);
        List<String> values = new ArrayList<>();
        client.batchGetSecretValuePaginator(r -> r.filters(filter(FilterNameStringType.NAME, "batch-")).maxResults(2))
                .forEach(page -> page.secretValues().forEach(v -> values.add(v.secretString())));
        assertThat(values).containsExactly("value-of-batch-0", "value-of-batch-1", "value-of-batch-2");
        BatchGetSecretValueResponse byId = client.batchGetSecretValue(r -> r.secretIdList("batch-2", "batch-0"));
        assertThat(byId.secretValues()).extracting(SecretValueEntry::name).containsExactly("batch-2", "batch-0");
        assertThat(byId.hasErrors()).isFalse();
    }

    @Test
    void deleteWithRecoveryWindowThenRestoreOrExpire() {
        create("d", null);
        Instant deletedAt = CLOCK.instant();
        DeleteSecretResponse deleted = client.deleteSecret(r -> r.secretId("d").recoveryWindowInDays(7L));
        assertThat(deleted.deletionDate()).isEqualTo(deletedAt.plus(Duration.ofDays(7)));
        assertThat(client.describeSecret(r -> r.secretId("d")).deletedDate()).isEqualTo(deletedAt);
        assertThat(names(r -> { })).doesNotContain("d");
        assertThat(names(r -> r.includePlannedDeletion(true))).contains("d");

        client.restoreSecret(r -> r.secretId("d"));
        assertThat(client.describeSecret(r -> r.secretId("d")).deletedDate()).isNull();
        assertThat(client.getSecretValue(r -> r.secretId("d")).secretString()).isEqualTo("value-of-d");

        client.deleteSecret(r -> r.secretId("d"));
        CLOCK.advance(Duration.ofDays(29));
        assertThat(client.describeSecret(r -> r.secretId("d")).name()).isEqualTo("d");
        CLOCK.advance(Duration.ofDays(1));
        assertThatThrownBy(() -> client.describeSecret(r -> r.secretId("d"))).isInstanceOf(ResourceNotFoundException.class);
        create("d", null); // the name is free again
    }

    @Test
    void forceDeleteIsImmediateAndAcceptsUnknownSecrets() {
        String oldArn = client.createSecret(r -> r.name("f").secretString("x")).arn();
        client.deleteSecret(r -> r.secretId("f").forceDeleteWithoutRecovery(true));
        assertThatThrownBy(() -> client.describeSecret(r -> r.secretId("f"))).isInstanceOf(ResourceNotFoundException.class);
        String newArn = client.createSecret(r -> r.name("f").secretString("y")).arn();
        assertThat(newArn).isNotEqualTo(oldArn);
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId(oldArn))).isInstanceOf(ResourceNotFoundException.class);

        DeleteSecretResponse ghost = client.deleteSecret(r -> r.secretId("never-existed").forceDeleteWithoutRecovery(true));
        assertThat(ghost.name()).isEqualTo("never-existed");
        assertThat(ghost.deletionDate()).isNotNull();
    }

    @Test
    void getRandomPasswordFollowsTheCharacterRules() {
        String password = client.getRandomPassword(r -> r.passwordLength(40L).excludePunctuation(true)).randomPassword();
        assertThat(password).hasSize(40).matches("[A-Za-z0-9]+").containsPattern("[a-z]").containsPattern("[A-Z]")
                .containsPattern("[0-9]");
        assertThat(client.getRandomPassword(r -> r.excludeCharacters("abcdefghijklmnopqrstuvwxyz")).randomPassword())
                .hasSize(32).doesNotContainPattern("[a-z]");
        assertThat(client.getRandomPassword(r -> r.excludeNumbers(true).excludeLowercase(true).excludeUppercase(true))
                .randomPassword()).doesNotContainPattern("[A-Za-z0-9]");
    }

    @Test
    void updateSecretChangesDescriptionAndValue() {
        create("u", "before");
        CLOCK.advance(Duration.ofMinutes(1));
        client.updateSecret(r -> r.secretId("u").description("after").secretString("new"));
        DescribeSecretResponse described = client.describeSecret(r -> r.secretId("u"));
        assertThat(described.description()).isEqualTo("after");
        assertThat(described.lastChangedDate()).isEqualTo(CLOCK.instant());
        assertThat(client.getSecretValue(r -> r.secretId("u")).secretString()).isEqualTo("new");
    }

    @Test
    void deprecatedVersionsBeyondAHundredAreDroppedOnlyAfterADay() {
        create("many", null);
        for (int i = 0; i < 102; i++) {
            int n = i;
            client.putSecretValue(r -> r.secretId("many").secretString("v" + n));
        }
        assertThat(versionCount("many")).isEqualTo(103); // 101 deprecated, all younger than 24 hours
        CLOCK.advance(Duration.ofDays(2));
        client.putSecretValue(r -> r.secretId("many").secretString("latest"));
        assertThat(versionCount("many")).isEqualTo(102); // 100 deprecated + AWSPREVIOUS + AWSCURRENT
    }

    private int versionCount(String secretId) {
        int[] count = {0};
        client.listSecretVersionIdsPaginator(r -> r.secretId(secretId).includeDeprecated(true))
                .forEach(page -> count[0] += page.versions().size());
        return count[0];
    }
}
