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

    public SecretStore(Clock clock, String region, String accountId) {
        this.clock = clock;
        this.region = region;
        this.accountId = accountId;
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
            return action.apply(secret);
        }
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
        Secret partial = byName.get(tail);
        if (partial != null && partial.partialArn().equals(secretId)) {
            return partial;
        }
        if (tail.length() > 7) {
            Secret full = byName.get(tail.substring(0, tail.length() - 7));
            if (full != null && full.arn.equals(secretId)) {
                return full;
            }
        }
        return null;
    }

    /** Caller holds the secret's monitor. Removes a secret whose recovery window has passed on the emulator clock. */
    private boolean expireIfDue(Secret secret) {
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
            secret.addVersion(new SecretVersion(UUID.randomUUID().toString(), value, secret.createdDate), null);
        }
        if (putIfAbsent(secret) != secret) {
            throw new IllegalArgumentException("secret " + name + " is defined twice");
        }
    }
}
