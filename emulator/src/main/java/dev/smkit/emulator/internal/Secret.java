package dev.smkit.emulator.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One secret and its versions. Every read and write happens while holding the secret's monitor ({@link SecretStore#locked}).
 * Staging labels are a map label → version id, which makes "one version per label" hold by construction.
 */
final class Secret {
    static final String CURRENT = "AWSCURRENT";
    static final String PREVIOUS = "AWSPREVIOUS";
    static final String PENDING = "AWSPENDING";
    private static final int KEPT_DEPRECATED_VERSIONS = 100;

    final String name;
    final String arn;
    /** The region of {@link #arn}. */
    final String region;
    final Instant createdDate;
    /** For a replica: the primary's ARN (another region). Null for a primary or standalone secret. */
    String replicaOf;
    /** For a primary: its replicas by region, sorted. */
    final Map<String, Replica> replicas = new TreeMap<>();
    /** The resource policy JSON, or null. */
    String resourcePolicy;
    String description;
    String kmsKeyId;
    String type;
    final Map<String, String> tags = new LinkedHashMap<>();
    final Map<String, SecretVersion> versions = new LinkedHashMap<>();
    private final Map<String, String> labels = new TreeMap<>();
    Instant lastChangedDate;
    Instant lastAccessedDate;
    /** When DeleteSecret was called; null unless scheduled for deletion. */
    Instant deletedDate;
    /** When the scheduled deletion takes effect. */
    Instant deletionDate;
    boolean rotationEnabled;
    /** RotateSecret configured rotation at least once (it may since have been cancelled). */
    boolean rotationConfigured;
    String rotationLambdaArn;
    RotationRules rotationRules;
    Instant lastRotatedDate;
    Instant nextRotationDate;
    /** The rotation running its steps (or waiting between them), if any: a second one is refused. */
    RotationJob activeRotation;
    /** Removed from the store (force delete or elapsed recovery window): stale references must act as not found. */
    boolean removed;

    Secret(String name, String arn, Instant createdDate) {
        this.name = name;
        this.arn = arn;
        this.region = arn.split(":", -1)[3];
        this.createdDate = createdDate;
        this.lastChangedDate = createdDate;
    }

    /** The ARN without the "-" and six random characters. */
    String partialArn() {
        return arn.substring(0, arn.length() - 7);
    }

    boolean isReplica() {
        return replicaOf != null;
    }

    /** PrimaryRegion as DescribeSecret shows it: for replicated secrets only. */
    String primaryRegion() {
        if (replicaOf != null) {
            return replicaOf.split(":", -1)[3];
        }
        return replicas.isEmpty() ? null : region;
    }

    /**
     * Makes this replica a copy of its primary (caller holds both monitors, the primary's first): value, versions,
     * labels and metadata; the replica keeps its own ARN, creation date, KMS key and access dates.
     */
    void copyFrom(Secret primary) {
        description = primary.description;
        type = primary.type;
        tags.clear();
        tags.putAll(primary.tags);
        Map<String, SecretVersion> copies = new LinkedHashMap<>();
        for (SecretVersion version : primary.versions.values()) {
            SecretVersion mine = versions.get(version.id);
            SecretVersion copy = new SecretVersion(version.id, version.value, version.createdDate, version.kmsKeyId);
            copy.lastAccessedDate = mine == null ? null : mine.lastAccessedDate;
            copies.put(version.id, copy);
        }
        versions.clear();
        versions.putAll(copies);
        labels.clear();
        labels.putAll(primary.labels);
        lastChangedDate = primary.lastChangedDate;
        rotationEnabled = primary.rotationEnabled;
        rotationConfigured = primary.rotationConfigured;
        rotationLambdaArn = primary.rotationLambdaArn;
        rotationRules = primary.rotationRules;
        lastRotatedDate = primary.lastRotatedDate;
        nextRotationDate = primary.nextRotationDate;
        resourcePolicy = primary.resourcePolicy;
    }

    boolean isDeleted() {
        return deletedDate != null;
    }

    String versionWith(String label) {
        return labels.get(label);
    }

    /** Labels of a version, sorted. */
    List<String> stagesOf(String versionId) {
        List<String> stages = new ArrayList<>();
        for (Map.Entry<String, String> entry : labels.entrySet()) {
            if (entry.getValue().equals(versionId)) {
                stages.add(entry.getKey());
            }
        }
        return stages;
    }

    /** Version id → labels for every version that has a label (deprecated versions are left out, as AWS does). */
    Map<String, List<String>> versionIdsToStages() {
        Map<String, List<String>> result = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : labels.entrySet()) {
            result.computeIfAbsent(entry.getValue(), id -> new ArrayList<>()).add(entry.getKey());
        }
        return result;
    }

    /**
     * Adds a version as PutSecretValue/UpdateSecret do. Without explicit stages the version becomes AWSCURRENT; the first
     * version of a secret always gets AWSCURRENT.
     */
    void addVersion(SecretVersion version, List<String> stages) {
        boolean first = versionWith(CURRENT) == null;
        versions.put(version.id, version);
        List<String> toAttach = stages == null ? List.of(CURRENT) : stages;
        for (String label : toAttach) {
            attach(label, version.id, true);
        }
        if (first && !toAttach.contains(CURRENT)) {
            attach(CURRENT, version.id, true);
        }
        lastChangedDate = version.createdDate;
        pruneDeprecated(version.createdDate.minus(Duration.ofDays(1)));
    }

    /**
     * Puts {@code label} on {@code versionId}, taking it off wherever it was. Moving AWSCURRENT puts AWSPREVIOUS on the version
     * it left; a value write ({@code byWrite}) also drops AWSPENDING from that version, as AWS does after a rotation.
     */
    void attach(String label, String versionId, boolean byWrite) {
        String from = labels.put(label, versionId);
        if (label.equals(CURRENT) && from != null && !from.equals(versionId)) {
            labels.put(PREVIOUS, from);
            if (byWrite && from.equals(labels.get(PENDING))) {
                labels.remove(PENDING);
            }
        }
    }

    void detach(String label) {
        labels.remove(label);
    }

    /**
     * AWS keeps about 100 deprecated (label-less) versions plus every version made in the last 24 hours; older deprecated
     * versions beyond that are dropped, oldest first.
     */
    private void pruneDeprecated(Instant createdBefore) {
        int keep = KEPT_DEPRECATED_VERSIONS;
        int deprecated = 0;
        for (String id : versions.keySet()) {
            if (!labels.containsValue(id)) {
                deprecated++;
            }
        }
        Iterator<Map.Entry<String, SecretVersion>> it = versions.entrySet().iterator();
        while (deprecated > keep && it.hasNext()) {
            String id = it.next().getKey();
            if (!labels.containsValue(id) && versions.get(id).createdDate.isBefore(createdBefore)) {
                it.remove();
                deprecated--;
            }
        }
    }

    /** One replica region of a primary, as ReplicationStatus shows it. */
    static final class Replica {
        final String region;
        String kmsKeyId;
        String status;
        String statusMessage;
        /** ForceOverwriteReplicaSecret, kept for a replica created later (its region was unreachable). */
        boolean forceOverwrite;

        Replica(String region, String kmsKeyId) {
            this.region = region;
            this.kmsKeyId = kmsKeyId;
        }
    }

    /** RotationRules as given (echoed by DescribeSecret) and the schedule they define. */
    static final class RotationRules {
        final Long automaticallyAfterDays;
        final String duration;
        final String scheduleExpression;
        final RotationSchedule schedule;

        RotationRules(Long automaticallyAfterDays, String duration, String scheduleExpression, RotationSchedule schedule) {
            this.automaticallyAfterDays = automaticallyAfterDays;
            this.duration = duration;
            this.scheduleExpression = scheduleExpression;
            this.schedule = schedule;
        }
    }
}
