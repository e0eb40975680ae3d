package dev.smkit.emulator.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Every region's secrets. One emulator serves all regions, each with its own {@link SecretStore}, made on first use.
 */
public final class Regions {
    static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d{1,2}|[a-z0-9-]{1,64}");

    private final ConcurrentHashMap<String, SecretStore> stores = new ConcurrentHashMap<>();
    private final Clock clock;
    private final String accountId;
    private final String defaultRegion;
    /** Whether a region is unreachable (a region fault): replication to it waits, as InProgress. */
    private volatile java.util.function.Predicate<String> unreachable = region -> false;

    public Regions(Clock clock, String defaultRegion, String accountId) {
        this.clock = clock;
        this.defaultRegion = defaultRegion;
        this.accountId = accountId;
        store(defaultRegion);
    }

    /** Whether replication into a region is held (a region fault): its replicas lag, keeping what they had. */
    private volatile java.util.function.Predicate<String> replicationHeld = region -> false;

    public void unreachableWhen(java.util.function.Predicate<String> predicate) {
        this.unreachable = predicate;
    }

    public void replicationHeldWhen(java.util.function.Predicate<String> predicate) {
        this.replicationHeld = predicate;
    }

    boolean isReplicationHeld(String region) {
        return replicationHeld.test(region);
    }

    boolean isUnreachable(String region) {
        return unreachable.test(region);
    }

    /** Brings every replica whose region became reachable (or whose replication was released) up to date (primaries' replication status included). */
    public void resync() {
        for (SecretStore store : all()) {
            for (Secret secret : store.snapshot()) {
                boolean replicated;
                synchronized (secret) {
                    replicated = !secret.replicas.isEmpty();
                }
                if (replicated) {
                    try {
                        store.locked(secret.arn, s -> null);
                    } catch (ApiException gone) {
                        // removed meanwhile
                    }
                }
            }
        }
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /** The store of {@code region}, created on first use. */
    public SecretStore store(String region) {
        return stores.computeIfAbsent(region, r -> new SecretStore(clock, r, accountId, this));
    }

    public SecretStore defaultStore() {
        return store(defaultRegion);
    }

    /** The store of the region named in an ARN, or null when the ARN names no region. */
    SecretStore storeOfArn(String arn) {
        String[] parts = arn.split(":", -1);
        return parts.length < 6 || parts[3].isEmpty() ? null : store(parts[3]);
    }

    java.time.Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    /** {@link SecretStore#locked} in the region of {@code arn}. */
    <T> T locked(String arn, java.util.function.Function<Secret, T> action) {
        SecretStore store = storeOfArn(arn);
        if (store == null) {
            throw ApiException.secretNotFound();
        }
        return store.locked(arn, action);
    }

    List<SecretStore> all() {
        return new ArrayList<>(stores.values());
    }

    public void clear() {
        for (SecretStore store : stores.values()) {
            store.clear();
        }
    }
}
