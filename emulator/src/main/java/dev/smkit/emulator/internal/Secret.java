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
    final Instant createdDate;
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
    String rotationLambdaArn;
    RotationRules rotationRules;
    Instant lastRotatedDate;
    Instant nextRotationDate;
    /** A RotateSecret is running its steps: a second one is refused. */
    boolean rotating;
    /** Removed from the store (force delete or elapsed recovery window): stale references must act as not found. */
    boolean removed;

    Secret(String name, String arn, Instant createdDate) {
        this.name = name;
        this.arn = arn;
        this.createdDate = createdDate;
        this.lastChangedDate = createdDate;
    }

    /** The ARN without the "-" and six random characters. */
    String partialArn() {
        return arn.substring(0, arn.length() - 7);
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

    static final class RotationRules {
        final Long automaticallyAfterDays;
        final String duration;
        final String scheduleExpression;

        RotationRules(Long automaticallyAfterDays, String duration, String scheduleExpression) {
            this.automaticallyAfterDays = automaticallyAfterDays;
            this.duration = duration;
            this.scheduleExpression = scheduleExpression;
        }
    }
}
