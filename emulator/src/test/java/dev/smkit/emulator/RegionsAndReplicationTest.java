package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smkit.emulator.junit.EmulatorExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.CreateSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.Filter;
import software.amazon.awssdk.services.secretsmanager.model.FilterNameStringType;
import software.amazon.awssdk.services.secretsmanager.model.InternalServiceErrorException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidRequestException;
import software.amazon.awssdk.services.secretsmanager.model.ReplicaRegionType;
import software.amazon.awssdk.services.secretsmanager.model.ReplicationStatusType;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.StatusType;

class RegionsAndReplicationTest {
    private static final String EU = "eu-west-1";
    private static final String AP = "ap-south-1";

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    private SecretsManagerClient us() {
        return emulator.client();
    }

    private SecretsManagerClient eu() {
        return emulator.client(EU);
    }

    private static ReplicaRegionType replica(String region) {
        return ReplicaRegionType.builder().region(region).build();
    }

    @Test
    void eachRegionHasItsOwnSecretsAndArns() {
        String usArn = us().createSecret(r -> r.name("app/db").secretString("us-value")).arn();
        assertThat(usArn).startsWith("arn:aws:secretsmanager:us-east-1:000000000000:secret:app/db-");
        assertThatThrownBy(() -> eu().getSecretValue(r -> r.secretId("app/db")))
                .isInstanceOf(ResourceNotFoundException.class);
        String euArn = eu().createSecret(r -> r.name("app/db").secretString("eu-value")).arn();
        assertThat(euArn).startsWith("arn:aws:secretsmanager:eu-west-1:000000000000:secret:app/db-");
        assertThat(us().getSecretValue(r -> r.secretId("app/db")).secretString()).isEqualTo("us-value");
        assertThat(eu().getSecretValue(r -> r.secretId("app/db")).secretString()).isEqualTo("eu-value");
        assertThat(emulator.client(emulator.emulator().region())).isSameAs(us());
        // An ARN of another region is not found in this one.
        assertThatThrownBy(() -> us().getSecretValue(r -> r.secretId(euArn))).isInstanceOf(ResourceNotFoundException.class);
        assertThat(us().listSecrets().secretList()).extracting(e -> e.arn()).containsExactly(usArn);
    }

    @Test
    void replicaHasPrimaryNameOwnArnSameValueAndIsReadOnly() {
        CreateSecretResponse created = us().createSecret(r -> r.name("shared").secretString("v1")
                .addReplicaRegions(replica(EU), ReplicaRegionType.builder().region(AP).kmsKeyId("alias/ap").build()));
        assertThat(created.replicationStatus()).extracting(ReplicationStatusType::region, ReplicationStatusType::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AP, StatusType.IN_SYNC),
                        org.assertj.core.groups.Tuple.tuple(EU, StatusType.IN_SYNC));
        var replicaValue = eu().getSecretValue(r -> r.secretId("shared"));
        assertThat(replicaValue.arn()).isEqualTo(created.arn().replace(":us-east-1:", ":eu-west-1:"));
        assertThat(replicaValue.secretString()).isEqualTo("v1");
        assertThat(replicaValue.versionId()).isEqualTo(created.versionId());

        DescribeSecretResponse primary = us().describeSecret(r -> r.secretId("shared"));
        assertThat(primary.primaryRegion()).isEqualTo("us-east-1");
        assertThat(primary.replicationStatus()).hasSize(2);
        DescribeSecretResponse onReplica = eu().describeSecret(r -> r.secretId("shared"));
        assertThat(onReplica.primaryRegion()).isEqualTo("us-east-1");
        assertThat(emulator.client(AP).describeSecret(r -> r.secretId("shared")).kmsKeyId()).isEqualTo("alias/ap");

        assertThatThrownBy(() -> eu().putSecretValue(r -> r.secretId("shared").secretString("x")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("replica");
        assertThatThrownBy(() -> eu().updateSecret(r -> r.secretId("shared").description("x")))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> eu().tagResource(r -> r.secretId("shared").tags(t -> t.key("k").value("v"))))
                .isInstanceOf(InvalidRequestException.class);
        assertThatThrownBy(() -> eu().deleteSecret(r -> r.secretId("shared").forceDeleteWithoutRecovery(true)))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void replicaFollowsEveryWriteOfThePrimary() {
        us().createSecret(r -> r.name("follow").secretString("v1").addReplicaRegions(replica(EU)));
        String v2 = us().putSecretValue(r -> r.secretId("follow").secretString("v2")).versionId();
        assertThat(eu().getSecretValue(r -> r.secretId("follow")).secretString()).isEqualTo("v2");
        assertThat(eu().getSecretValue(r -> r.secretId("follow").versionStage("AWSPREVIOUS")).secretString())
                .isEqualTo("v1");
        us().putSecretValue(r -> r.secretId("follow").secretString("v3").versionStages("AWSPENDING"));
        String v3 = us().describeSecret(r -> r.secretId("follow")).versionIdsToStages().entrySet().stream()
                .filter(e -> e.getValue().contains("AWSPENDING")).findFirst().orElseThrow().getKey();
        us().updateSecretVersionStage(r -> r.secretId("follow").versionStage("AWSCURRENT").moveToVersionId(v3)
                .removeFromVersionId(v2));
        assertThat(eu().getSecretValue(r -> r.secretId("follow")).secretString()).isEqualTo("v3");
        us().updateSecret(r -> r.secretId("follow").description("described"));
        us().tagResource(r -> r.secretId("follow").tags(t -> t.key("team").value("pay")));
        DescribeSecretResponse replica = eu().describeSecret(r -> r.secretId("follow"));
        assertThat(replica.description()).isEqualTo("described");
        assertThat(replica.tags()).extracting(t -> t.key()).containsExactly("team");
        assertThat(eu().listSecretVersionIds(r -> r.secretId("follow").includeDeprecated(true)).versions()).hasSize(3);
    }

    @Test
    void rotationResultsReachTheReplica() {
        us().createSecret(r -> r.name("rotated").secretString("old").addReplicaRegions(replica(EU)));
        emulator.emulator().registerRotation("rotated", new RotationFunction() {
            @Override
            public void createSecret(RotationContext c) {
                c.putPendingSecretString("new");
            }

            @Override
            public void setSecret(RotationContext c) {
            }

            @Override
            public void testSecret(RotationContext c) {
            }

            @Override
            public void finishSecret(RotationContext c) {
                c.finish();
            }
        });
        String token = us().rotateSecret(r -> r.secretId("rotated")).versionId();
        assertThat(emulator.emulator().awaitRotation("rotated", Duration.ofSeconds(30)).succeeded()).isTrue();
        var onReplica = eu().getSecretValue(r -> r.secretId("rotated"));
        assertThat(onReplica.secretString()).isEqualTo("new");
        assertThat(onReplica.versionId()).isEqualTo(token);
        assertThat(eu().describeSecret(r -> r.secretId("rotated")).rotationEnabled()).isTrue();
        assertThatThrownBy(() -> eu().rotateSecret(r -> r.secretId("rotated")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void existingNameInTheReplicaRegionFailsUnlessOverwritten() {
        eu().createSecret(r -> r.name("taken").secretString("eu-own"));
        var failed = us().createSecret(r -> r.name("taken").secretString("primary").addReplicaRegions(replica(EU)))
                .replicationStatus();
        assertThat(failed).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(StatusType.FAILED);
            assertThat(s.statusMessage()).contains("already exists");
        });
        assertThat(eu().getSecretValue(r -> r.secretId("taken")).secretString()).isEqualTo("eu-own");

        eu().createSecret(r -> r.name("taken2").secretString("eu-own"));
        var forced = us().createSecret(r -> r.name("taken2").secretString("primary").addReplicaRegions(replica(EU))
                .forceOverwriteReplicaSecret(true)).replicationStatus();
        assertThat(forced).singleElement().satisfies(s -> assertThat(s.status()).isEqualTo(StatusType.IN_SYNC));
        assertThat(eu().getSecretValue(r -> r.secretId("taken2")).secretString()).isEqualTo("primary");
    }

    @Test
    void replicateRemoveAndPromote() {
        us().createSecret(r -> r.name("later").secretString("v1"));
        assertThat(us().describeSecret(r -> r.secretId("later")).primaryRegion()).isNull();
        var added = us().replicateSecretToRegions(r -> r.secretId("later").addReplicaRegions(replica(EU), replica(AP)));
        assertThat(added.replicationStatus()).hasSize(2);
        assertThat(emulator.client(AP).getSecretValue(r -> r.secretId("later")).secretString()).isEqualTo("v1");

        // A replicated primary cannot be deleted.
        assertThatThrownBy(() -> us().deleteSecret(r -> r.secretId("later")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("replica");

        var removed = us().removeRegionsFromReplication(r -> r.secretId("later").removeReplicaRegions(AP));
        assertThat(removed.replicationStatus()).extracting(ReplicationStatusType::region).containsExactly(EU);
        assertThatThrownBy(() -> emulator.client(AP).getSecretValue(r -> r.secretId("later")))
                .isInstanceOf(ResourceNotFoundException.class);

        // StopReplicationToReplica only in the replica's region.
        assertThatThrownBy(() -> us().stopReplicationToReplica(r -> r.secretId("later")))
                .isInstanceOf(InvalidRequestException.class);
        String arn = eu().stopReplicationToReplica(r -> r.secretId("later")).arn();
        assertThat(arn).contains(":eu-west-1:");
        eu().putSecretValue(r -> r.secretId("later").secretString("eu-own")); // standalone now: writable
        us().putSecretValue(r -> r.secretId("later").secretString("v2"));      // no longer followed
        assertThat(eu().getSecretValue(r -> r.secretId("later")).secretString()).isEqualTo("eu-own");
        assertThat(us().describeSecret(r -> r.secretId("later")).replicationStatus()).isEmpty();
        us().deleteSecret(r -> r.secretId("later").forceDeleteWithoutRecovery(true)); // no replicas left
    }

    @Test
    void listSecretsPrimaryRegionFilter() {
        us().createSecret(r -> r.name("replicated").secretString("v").addReplicaRegions(replica(EU)));
        us().createSecret(r -> r.name("alone").secretString("v"));
        eu().createSecret(r -> r.name("eu-alone").secretString("v"));
        assertThat(names(us(), "us-east")).containsExactly("replicated");
        assertThat(names(eu(), "us-east-1")).containsExactly("replicated");
        assertThat(names(eu(), "eu-")).isEmpty();
        assertThat(names(us(), "!us-east-1")).containsExactly("alone");
    }

    private static List<String> names(SecretsManagerClient client, String value) {
        return client.listSecrets(r -> r.filters(Filter.builder().key(FilterNameStringType.PRIMARY_REGION)
                .values(value).build())).secretList().stream().map(e -> e.name()).collect(Collectors.toList());
    }

    @Test
    void faultsOfOneRegionLeaveTheOthersWorking() {
        us().createSecret(r -> r.name("s").secretString("us"));
        eu().createSecret(r -> r.name("s").secretString("eu"));
        try (SecretsManagerClient usNoRetry = emulator.emulator().clientBuilder("us-east-1")
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(
                        software.amazon.awssdk.retries.DefaultRetryStrategy.doNotRetry())).build()) {
            emulator.regionFaults("us-east-1").unreachable();
            assertThatThrownBy(() -> usNoRetry.getSecretValue(r -> r.secretId("s")))
                    .isInstanceOf(SdkClientException.class);
            assertThat(eu().getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("eu");

            emulator.regionFaults("us-east-1").clear();
            emulator.regionFaults("us-east-1").failing(InjectedError.internalServiceError());
            assertThatThrownBy(() -> usNoRetry.getSecretValue(r -> r.secretId("s")))
                    .isInstanceOf(InternalServiceErrorException.class);
            assertThatThrownBy(() -> usNoRetry.describeSecret(r -> r.secretId("s")))
                    .isInstanceOf(InternalServiceErrorException.class);
            assertThat(eu().getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("eu");

            emulator.faults().region("us-east-1").clear();
            emulator.faults().region(EU).failNext("GetSecretValue", 1, InjectedError.of(400, "DecryptionFailure", "no"));
            assertThat(usNoRetry.getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("us");
            assertThatThrownBy(() -> eu().getSecretValue(r -> r.secretId("s")))
                    .hasMessageContaining("no");
            assertThat(eu().getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("eu");
        }
    }

    @Test
    void slowRegionDelaysOnlyItsRequests() {
        eu().createSecret(r -> r.name("s").secretString("eu"));
        us().createSecret(r -> r.name("s").secretString("us"));
        emulator.regionFaults(EU).slow(Duration.ofMillis(300));
        long start = System.nanoTime();
        us().getSecretValue(r -> r.secretId("s"));
        long usMillis = (System.nanoTime() - start) / 1_000_000;
        start = System.nanoTime();
        eu().getSecretValue(r -> r.secretId("s"));
        long euMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(euMillis).isGreaterThanOrEqualTo(300);
        assertThat(usMillis).isLessThan(300);
    }

    @Test
    void requestWithoutScopeGoesToTheDefaultRegion() {
        try (SecretsManagerEmulator unsigned = SecretsManagerEmulator.builder().region("eu-central-1")
                .verifySignatures(false).start()) {
            var response = RawHttp.json(unsigned.endpoint(), "CreateSecret",
                    "{\"Name\":\"raw\",\"SecretString\":\"v\",\"ClientRequestToken\":\"" + "a".repeat(32) + "\"}");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("arn:aws:secretsmanager:eu-central-1:");
            assertThat(unsigned.client().getSecretValue(r -> r.secretId("raw")).secretString()).isEqualTo("v");
            assertThat(unsigned.client("us-west-2").listSecrets().secretList()).isEmpty();
        }
        assertThat(Map.of()).isEmpty();
    }

    @Test
    void replicationToAnUnreachableRegionIsInProgressUntilItIsBack() {
        emulator.regionFaults(EU).unreachable();
        var status = us().createSecret(r -> r.name("waiting").secretString("v1").addReplicaRegions(replica(EU)))
                .replicationStatus();
        assertThat(status).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(StatusType.IN_PROGRESS);
            assertThat(s.statusMessage()).isNotEmpty();
        });
        us().putSecretValue(r -> r.secretId("waiting").secretString("v2"));
        emulator.regionFaults(EU).clear();
        assertThat(us().describeSecret(r -> r.secretId("waiting")).replicationStatus()).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(StatusType.IN_SYNC));
        assertThat(eu().getSecretValue(r -> r.secretId("waiting")).secretString()).isEqualTo("v2");

        // An in-sync replica whose region goes away falls behind, then catches up.
        emulator.regionFaults(EU).unreachable();
        us().putSecretValue(r -> r.secretId("waiting").secretString("v3"));
        assertThat(us().describeSecret(r -> r.secretId("waiting")).replicationStatus()).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(StatusType.IN_PROGRESS));
        emulator.faults().clear();
        assertThat(eu().getSecretValue(r -> r.secretId("waiting")).secretString()).isEqualTo("v3");
        assertThat(us().describeSecret(r -> r.secretId("waiting")).replicationStatus()).singleElement()
                .satisfies(s -> assertThat(s.status()).isEqualTo(StatusType.IN_SYNC));
    }

    @Test
    void heldReplicationLetsAReplicaLagUntilReleased() {
        String v1 = us().createSecret(r -> r.name("lagging").secretString("v1")
                .addReplicaRegions(replica(EU), replica(AP))).versionId();
        emulator.regionFaults(EU).holdReplication();
        String v2 = us().putSecretValue(r -> r.secretId("lagging").secretString("v2")).versionId();

        // The held region still answers the previous version, value and labels; the other replica follows.
        var lagging = eu().getSecretValue(r -> r.secretId("lagging"));
        assertThat(lagging.versionId()).isEqualTo(v1);
        assertThat(lagging.secretString()).isEqualTo("v1");
        assertThat(lagging.versionStages()).containsExactly("AWSCURRENT");
        assertThat(eu().describeSecret(r -> r.secretId("lagging")).versionIdsToStages())
                .containsOnlyKeys(v1);
        assertThat(emulator.client(AP).getSecretValue(r -> r.secretId("lagging")).versionId()).isEqualTo(v2);
        assertThat(us().describeSecret(r -> r.secretId("lagging")).replicationStatus())
                .allSatisfy(s -> assertThat(s.status()).isEqualTo(StatusType.IN_SYNC));

        emulator.regionFaults(EU).releaseReplication();
        var caughtUp = eu().getSecretValue(r -> r.secretId("lagging"));
        assertThat(caughtUp.versionId()).isEqualTo(v2);
        assertThat(caughtUp.secretString()).isEqualTo("v2");
        assertThat(eu().getSecretValue(r -> r.secretId("lagging").versionStage("AWSPREVIOUS")).versionId())
                .isEqualTo(v1);

        // clear() releases a hold too.
        emulator.regionFaults(EU).holdReplication();
        us().putSecretValue(r -> r.secretId("lagging").secretString("v3"));
        assertThat(eu().getSecretValue(r -> r.secretId("lagging")).secretString()).isEqualTo("v2");
        emulator.regionFaults(EU).clear();
        assertThat(eu().getSecretValue(r -> r.secretId("lagging")).secretString()).isEqualTo("v3");
    }

    @Test
    void callsAreCountedPerRegionToo() {
        us().createSecret(r -> r.name("counted").secretString("v").addReplicaRegions(replica(EU)));
        emulator.emulator().resetCallCounts();
        us().getSecretValue(r -> r.secretId("counted"));
        eu().getSecretValue(r -> r.secretId("counted"));
        eu().describeSecret(r -> r.secretId("counted"));

        SecretsManagerEmulator e = emulator.emulator();
        assertThat(e.callCount("us-east-1", "GetSecretValue")).isEqualTo(1);
        assertThat(e.callCount(EU, "GetSecretValue")).isEqualTo(1);
        assertThat(e.callCount(EU, "*")).isEqualTo(2);
        assertThat(e.callCount(AP, "*")).isZero();
        assertThat(e.callCount("GetSecretValue")).isEqualTo(2);
        e.resetCallCounts();
        assertThat(e.callCount(EU, "*")).isZero();
    }
}
