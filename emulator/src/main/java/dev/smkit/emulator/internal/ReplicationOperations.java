package dev.smkit.emulator.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Multi-region replication: ReplicateSecretToRegions, RemoveRegionsFromReplication, StopReplicationToReplica and
 * CreateSecret's AddReplicaRegions. A replica lives in its region's store under the primary's name, with the primary's
 * ARN in its own region; {@link SecretStore#locked} copies every write of the primary to its in-sync replicas.
 *
 * <p>Lock order: the primary's monitor, then a replica's (never the other way round).
 */
final class ReplicationOperations {
    static final String IN_SYNC = "InSync";
    static final String FAILED = "Failed";
    static final String IN_PROGRESS = "InProgress";
    static final String WAITING = "Replication in progress: the Region is unreachable; the replica will be brought up to "
            + "date when it is reachable again.";

    private final SecretStore store;

    ReplicationOperations(SecretStore store) {
        this.store = store;
    }

    /** A replica refuses writes as AWS does. */
    static void requireWritable(Secret secret) {
        if (secret.isReplica()) {
            throw ApiException.invalidRequest(
                    "Operation is not permitted on a replica secret. Call must be made in primary secret's region.");
        }
    }

    /** AddReplicaRegions: [{Region, KmsKeyId}], validated before anything changes. */
    static List<String[]> parseRegions(Params params, String member, String ownRegion) {
        List<Params> entries = params.objects(member, 1, Integer.MAX_VALUE);
        if (entries == null) {
            return null;
        }
        List<String[]> result = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Params entry : entries) {
            String region = entry.string("Region", 1, 128);
            if (region == null || !Regions.REGION.matcher(region).matches()) {
                throw ApiException.invalidParameter("Invalid replica region.");
            }
            if (region.equals(ownRegion)) {
                throw ApiException.invalidParameter("Invalid replica region: " + region
                        + " is the primary secret's own region.");
            }
            if (!seen.add(region)) {
                throw ApiException.invalidParameter("Invalid replica region: " + region + " is listed twice.");
            }
            result.add(new String[] {region, entry.string("KmsKeyId", 0, 2048)});
        }
        return result;
    }

    /** Creates replicas of {@code primary} (caller holds its monitor). Conflicting names give a Failed status. */
    void addReplicas(Secret primary, List<String[]> regionsAndKeys, boolean forceOverwrite) {
        for (String[] regionAndKey : regionsAndKeys) {
            String region = regionAndKey[0];
            if (primary.replicas.containsKey(region)) {
                throw ApiException.invalidParameter("The secret is already replicated to " + region + ".");
            }
        }
        for (String[] regionAndKey : regionsAndKeys) {
            Secret.Replica replica = new Secret.Replica(regionAndKey[0], regionAndKey[1]);
            primary.replicas.put(replica.region, replica);
            if (store.regions().isUnreachable(replica.region)) {
                replica.status = IN_PROGRESS;
                replica.statusMessage = WAITING;
                replica.forceOverwrite = forceOverwrite;
                continue;
            }
            createReplica(store, primary, replica, forceOverwrite);
        }
    }

    /**
     * Makes the replica secret in its region (caller holds the primary's monitor): InSync, or Failed when the name is
     * taken there (by a replica of another primary, or by a standalone secret without ForceOverwriteReplicaSecret).
     */
    static void createReplica(SecretStore store, Secret primary, Secret.Replica replica, boolean forceOverwrite) {
        boolean force = forceOverwrite || replica.forceOverwrite;
        {
            SecretStore target = store.regions().store(replica.region);
            Secret copy = new Secret(primary.name, SecretStore.arnIn(primary.arn, replica.region), store.now());
            copy.replicaOf = primary.arn;
            copy.kmsKeyId = replica.kmsKeyId;
            copy.copyFrom(primary);
            while (true) {
                Secret holder = target.putIfAbsent(copy);
                if (holder == copy) {
                    replica.status = IN_SYNC;
                    replica.statusMessage = "Replication succeeded";
                    break;
                }
                synchronized (holder) {
                    if (holder.removed || target.expireIfDue(holder)) {
                        continue;
                    }
                    if (primary.arn.equals(holder.replicaOf)) { // an earlier copy: catch it up
                        holder.copyFrom(primary);
                        replica.status = IN_SYNC;
                        replica.statusMessage = "Replication succeeded";
                        break;
                    }
                    if (!force || holder.isReplica() || !holder.replicas.isEmpty()) {
                        replica.status = FAILED;
                        replica.statusMessage = "Replication failed: Secret name already exists in region "
                                + replica.region + (force ? " and is itself replicated." : ".");
                        break;
                    }
                    target.remove(holder); // ForceOverwriteReplicaSecret: the standalone secret is replaced
                }
            }
        }
    }

    /** ReplicationStatus entries of a primary (caller holds its monitor). */
    static void writeStatus(JsonOut out, Secret primary, Regions regions) {
        if (primary.replicas.isEmpty()) {
            return;
        }
        out.beginArray("ReplicationStatus");
        for (Secret.Replica replica : primary.replicas.values()) {
            Instant lastAccessed = null;
            if (IN_SYNC.equals(replica.status)) {
                Secret copy = regions.store(replica.region).byName(primary.name);
                if (copy != null) {
                    synchronized (copy) {
                        lastAccessed = copy.lastAccessedDate;
                    }
                }
            }
            out.beginObject().field("Region", replica.region).field("KmsKeyId", replica.kmsKeyId)
                    .field("Status", replica.status).field("StatusMessage", replica.statusMessage)
                    .field("LastAccessedDate", lastAccessed).endObject();
        }
        out.endArray();
    }

    byte[] replicateSecretToRegions(Params params) {
        String secretId = params.secretId();
        List<String[]> add = parseRegions(params, "AddReplicaRegions", store.region());
        if (add == null) {
            throw Params.missing("AddReplicaRegions");
        }
        boolean force = params.bool("ForceOverwriteReplicaSecret", false);
        return store.locked(secretId, secret -> {
            requireWritable(secret);
            if (secret.isDeleted()) {
                throw ApiException.markedForDeletion();
            }
            addReplicas(secret, add, force);
            JsonOut out = JsonOut.object().field("ARN", secret.arn);
            writeStatus(out, secret, store.regions());
            return out.toBytes();
        });
    }

    byte[] removeRegionsFromReplication(Params params) {
        String secretId = params.secretId();
        List<String> remove = params.strings("RemoveReplicaRegions", 1, Integer.MAX_VALUE, 1, 128);
        if (remove == null) {
            throw Params.missing("RemoveReplicaRegions");
        }
        return store.locked(secretId, secret -> {
            requireWritable(secret);
            for (String region : remove) {
                if (!secret.replicas.containsKey(region)) {
                    throw ApiException.invalidParameter("The secret is not replicated to " + region + ".");
                }
            }
            for (String region : new LinkedHashSet<>(remove)) {
                Secret.Replica replica = secret.replicas.remove(region);
                SecretStore target = store.regions().store(region);
                Secret copy = target.byName(secret.name);
                if (copy != null) {
                    synchronized (copy) {
                        if (secret.arn.equals(copy.replicaOf)) {
                            target.remove(copy);
                        }
                    }
                }
            }
            JsonOut out = JsonOut.object().field("ARN", secret.arn);
            writeStatus(out, secret, store.regions());
            return out.toBytes();
        });
    }

    /** Called in the replica's region: the replica becomes a standalone secret that no longer follows the primary. */
    byte[] stopReplicationToReplica(Params params) {
        String secretId = params.secretId();
        String[] found = store.locked(secretId, secret -> {
            if (!secret.isReplica()) {
                throw ApiException.invalidRequest("The secret is not a replica secret. StopReplicationToReplica must "
                        + "be called in the Region of a replica secret.");
            }
            return new String[] {secret.arn, secret.replicaOf};
        });
        String replicaArn = found[0];
        String primaryArn = found[1];
        SecretStore primaryStore = store.regions().storeOfArn(primaryArn);
        try {
            primaryStore.locked(primaryArn, primary -> {
                primary.replicas.remove(store.region());
                detach(replicaArn, primaryArn);
                return null;
            });
        } catch (ApiException primaryGone) {
            detach(replicaArn, primaryArn);
        }
        return JsonOut.object().field("ARN", replicaArn).toBytes();
    }

    private void detach(String replicaArn, String primaryArn) {
        store.locked(replicaArn, replica -> {
            if (primaryArn.equals(replica.replicaOf)) {
                replica.replicaOf = null;
                replica.lastChangedDate = store.now();
            }
            return null;
        });
    }

    /** The regions of a primary's replicas, for messages. */
    static String regionList(Map<String, Secret.Replica> replicas) {
        return String.join(", ", replicas.keySet());
    }
}
