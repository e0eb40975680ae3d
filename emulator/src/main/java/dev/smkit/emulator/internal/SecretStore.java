package dev.smkit.emulator.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * All secrets, keyed by name. A per-secret monitor serialises operations on one secret; different secrets never contend.
 */
public final class SecretStore {
    private static final String SUFFIX_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final ConcurrentHashMap<String, Secret> byName = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final String region;
    private final String accountId;
    private final Regions regions;

    SecretStore(Clock clock, String region, String accountId, Regions regions) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
        this.regions = regions;
    }

    public String region() {
        return region;
    }

    Regions regions() {
        return regions;
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    String newArn(String name) {
        StringBuilder suffix = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            suffix.append(SUFFIX_CHARS.charAt(random.nextInt(SUFFIX_CHARS.length())));
        }
        return arnPrefix() + name + "-" + suffix;
    }

    /** The same secret's ARN in {@code otherRegion} (a replica's ARN). */
    static String arnIn(String arn, String otherRegion) {
        String[] parts = arn.split(":", 5);
        return parts[0] + ":" + parts[1] + ":" + parts[2] + ":" + otherRegion + ":" + parts[4];
    }

    String arnPrefix() {
        return "arn:aws:secretsmanager:" + region + ":" + accountId + ":secret:";
    }

    /**
     * Runs {@code action} on the secret {@code secretId} (name, full ARN or partial ARN) while holding its monitor.
     * Throws ResourceNotFoundException when there is no such secret.
     */
    <T> T locked(String secretId, Function<Secret, T> action) {
        Secret secret = find(secretId);
        if (secret == null) {
            throw ApiException.secretNotFound();
        }
        synchronized (secret) {
            if (secret.removed || expireIfDue(secret)) {
                throw ApiException.secretNotFound();
            }
            T result = action.apply(secret);
            if (!secret.replicas.isEmpty()) {
                syncReplicas(secret);
            }
            return result;
        }
    }

    /**
     * Copies a primary to its in-sync replicas (caller holds the primary's monitor; lock order primary, then replica).
     * Every write to a primary goes through {@link #locked}, so replicas follow every write, rotations included, except
     * into a region whose replication is held: those replicas catch up when it is released.
     */
    void syncReplicas(Secret primary) {
        for (Secret.Replica replica : primary.replicas.values()) {
            if (ReplicationOperations.FAILED.equals(replica.status)) {
                continue;
            }
            if (regions.isUnreachable(replica.region)) {
                replica.status = ReplicationOperations.IN_PROGRESS;
                replica.statusMessage = ReplicationOperations.WAITING;
                continue;
            }
            if (ReplicationOperations.IN_PROGRESS.equals(replica.status)) {
                ReplicationOperations.createReplica(this, primary, replica, false);
                continue;
            }
            if (regions.isReplicationHeld(replica.region)) {
                continue; // the replica lags: it keeps the versions and labels it had until the hold is released
            }
            Secret copy = regions.store(replica.region).byName.get(primary.name);
            if (copy == null) {
                continue;
            }
            synchronized (copy) {
                if (!copy.removed && primary.arn.equals(copy.replicaOf)) {
                    copy.copyFrom(primary);
                }
            }
        }
    }

    /** The live secret with exactly this name, or null (no lock taken). */
    Secret byName(String name) {
        return byName.get(name);
    }

    private Secret find(String secretId) {
        if (!secretId.startsWith("arn:")) {
            return byName.get(secretId);
        }
        int marker = secretId.indexOf(":secret:");
        if (marker < 0) {
            return null;
        }
        String tail = secretId.substring(marker + ":secret:".length());
        // The exact full ARN first: "a-AbCdEf" may be both the full ARN of "a" and the partial ARN of a secret so named.
        if (tail.length() > 7) {
            Secret full = byName.get(tail.substring(0, tail.length() - 7));
            if (full != null && full.arn.equals(secretId)) {
                return full;
            }
        }
        Secret partial = byName.get(tail);
        if (partial != null && partial.partialArn().equals(secretId)) {
            return partial;
        }
        return null;
    }

    /** Caller holds the secret's monitor. Removes a secret whose recovery window has passed on the emulator clock. */
    boolean expireIfDue(Secret secret) {
        if (secret.deletionDate != null && !now().isBefore(secret.deletionDate)) {
            remove(secret);
            return true;
        }
        return false;
    }

    /** Caller holds the secret's monitor. */
    void remove(Secret secret) {
        secret.removed = true;
        byName.remove(secret.name, secret);
    }

    /** Adds a new secret unless the name is taken; returns the secret holding the name (new or existing). */
    Secret putIfAbsent(Secret secret) {
        Secret existing = byName.putIfAbsent(secret.name, secret);
        return existing == null ? secret : existing;
    }

    /** A snapshot of the live secrets; callers lock each one they read. */
    List<Secret> snapshot() {
        List<Secret> live = new ArrayList<>();
        for (Secret secret : byName.values()) {
            synchronized (secret) {
                if (!secret.removed && !expireIfDue(secret)) {
                    live.add(secret);
                }
            }
        }
        return live;
    }

    public void clear() {
        for (Secret secret : byName.values()) {
            synchronized (secret) {
                remove(secret);
            }
        }
    }

    /** Direct creation for preloading: not an API call. */
    public void preload(String name, SecretValue value, String description, Map<String, String> tags) {
        Params.checkName(name);
        Secret secret = new Secret(name, newArn(name), now());
        secret.description = description;
        secret.tags.putAll(tags);
        if (value != null) {
            secret.addVersion(new SecretVersion(UUID.randomUUID().toString(), value, secret.createdDate, null), null);
        }
        if (putIfAbsent(secret) != secret) {
            throw new IllegalArgumentException("secret " + name + " is defined twice");
        }
    }
}
