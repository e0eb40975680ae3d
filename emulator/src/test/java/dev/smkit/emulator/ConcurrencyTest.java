package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smkit.emulator.junit.EmulatorExtension;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.SecretVersionsListEntry;

/** Parallel writers and readers on one secret must leave a consistent version/label state. */
class ConcurrencyTest {
    private static final int THREADS = 8;
    private static final int OPS_PER_THREAD = 200;

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    @Test
    void parallelPutsStageMovesAndReadsKeepInvariants() throws Exception {
        SecretsManagerClient client = emulator.client();
        String first = client.createSecret(r -> r.name("hot").secretString("initial")).versionId();
        ConcurrentLinkedQueue<String> putVersions = new ConcurrentLinkedQueue<>(List.of(first));
        AtomicInteger refusedMoves = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                for (int i = 0; i < OPS_PER_THREAD; i++) {
                    int choice = random.nextInt(4);
                    if (choice == 0) {
                        String token = UUID.randomUUID().toString();
                        String[] stages = random.nextBoolean() ? new String[0] : new String[] {"AWSPENDING", "blue"};
                        client.putSecretValue(r -> {
                            r.secretId("hot").secretString("value-" + token).clientRequestToken(token);
                            if (stages.length > 0) {
                                r.versionStages(stages);
                            }
                        });
                        putVersions.add(token);
                    } else if (choice == 1) {
                        moveRandomLabel(client, random, refusedMoves);
                    } else {
                        String value = client.getSecretValue(r -> r.secretId("hot")).secretString();
                        assertThat(value).startsWith(value.equals("initial") ? "initial" : "value-");
                        reads.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        pool.shutdown();

        Set<String> stored = new HashSet<>();
        client.listSecretVersionIdsPaginator(r -> r.secretId("hot").includeDeprecated(true).maxResults(100))
                .forEach(page -> page.versions().forEach(v -> stored.add(v.versionId())));
        assertThat(stored).containsExactlyInAnyOrderElementsOf(putVersions);

        Map<String, List<String>> labels = client.describeSecret(r -> r.secretId("hot")).versionIdsToStages();
        List<String> allLabels = new ArrayList<>();
        labels.values().forEach(allLabels::addAll);
        assertThat(allLabels).doesNotHaveDuplicates().contains("AWSCURRENT");
        String current = client.getSecretValue(r -> r.secretId("hot")).versionId();
        assertThat(labels.get(current)).contains("AWSCURRENT");
        assertThat(reads.get()).isPositive();
        assertThat(emulator.emulator().callCount("PutSecretValue") + emulator.emulator().callCount("GetSecretValue"))
                .isGreaterThan(THREADS * OPS_PER_THREAD / 2);
    }

    /** Moves "blue" or AWSCURRENT to a random listed version; a race with another mover is a legitimate refusal. */
    private static void moveRandomLabel(SecretsManagerClient client, ThreadLocalRandom random, AtomicInteger refused) {
        List<SecretVersionsListEntry> versions = client.listSecretVersionIds(r -> r.secretId("hot")).versions();
        String label = random.nextBoolean() ? "blue" : "AWSCURRENT";
        String holder = null;
        for (SecretVersionsListEntry version : versions) {
            if (version.versionStages().contains(label)) {
                holder = version.versionId();
            }
        }
        String target = versions.get(random.nextInt(versions.size())).versionId();
        String from = holder;
        try {
            client.updateSecretVersionStage(r -> r.secretId("hot").versionStage(label)
                    .removeFromVersionId(from).moveToVersionId(target));
        } catch (InvalidParameterException raced) {
            refused.incrementAndGet();
        }
    }
}
