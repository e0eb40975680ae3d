package dev.smkit.spring.boot.health;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheStats;
import com.amazonaws.secretsmanager.sql.internal.SecretsManagerFailures;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

/**
 * Health of the application's secrets. DOWN only when a secret the application needs cannot be served: a read of it
 * through the cache fails. A failed refresh while the cache still serves the last good value is not DOWN (that is
 * what the cache is for); it shows in the details: {@code reachable} (Secrets Manager's most recent answer to the
 * cache was a success), {@code secretsInBackoff} (secrets whose last check failed), {@code lastSuccessfulLoad} and
 * {@code lastFailedLoad}.
 *
 * <p>Each health check reads every required secret through the cache, as the application would: a hit costs no
 * call; a read due for a check makes the call the application's next read would have made. Details name secrets and
 * version IDs, never values.
 */
public final class SecretCacheHealthIndicator implements HealthIndicator {

    private final SecretCache cache;
    private final Supplier<? extends Map<String, Supplier<SecretCache>>> requiredSecrets;

    /**
     * @param cache           the application's cache, whose counters the details show
     * @param requiredSecrets asked at every check: the IDs of the secrets the application cannot work without, each
     *                        with the cache it is read through (the application's, or the JDBC drivers' shared one);
     *                        a supplier that throws counts as a secret that cannot be served
     */
    public SecretCacheHealthIndicator(SecretCache cache,
            Supplier<? extends Map<String, Supplier<SecretCache>>> requiredSecrets) {
        this.cache = cache;
        this.requiredSecrets = requiredSecrets;
    }

    @Override
    public Health health() {
        Map<String, Object> secrets = new LinkedHashMap<>();
        List<String> unavailable = new ArrayList<>();
        for (Map.Entry<String, Supplier<SecretCache>> required : requiredSecrets.get().entrySet()) {
            String secretId = required.getKey();
            try {
                secrets.put(secretId, Map.of("served", true, "versionId", required.getValue().get()
                        .getSecretVersion(secretId).getVersionId()));
            } catch (RuntimeException e) {
                unavailable.add(secretId);
                secrets.put(secretId, Map.of("served", false, "error", describe(e)));
            }
        }
        SecretCacheStats stats = cache.stats();
        Health.Builder health = unavailable.isEmpty() ? Health.up() : Health.down();
        if (!unavailable.isEmpty()) {
            health.withDetail("unavailable", unavailable);
        }
        health.withDetail("reachable", !stats.lastLoadFailed());
        health.withDetail("secretsInBackoff", stats.backoffCount());
        health.withDetail("lastSuccessfulLoad", instantOrNever(stats.lastLoadSuccessMillis()));
        health.withDetail("lastFailedLoad", instantOrNever(stats.lastLoadFailureMillis()));
        health.withDetail("loadFailures", stats.loadFailureCount());
        health.withDetail("staleServes", stats.staleServeCount());
        if (!secrets.isEmpty()) {
            health.withDetail("secrets", secrets);
        }
        return health.build();
    }

    private static String instantOrNever(long epochMillis) {
        return epochMillis == 0 ? "never" : Instant.ofEpochMilli(epochMillis).toString();
    }

    /** The AWS error code (and HTTP status) of the failure or its cause, else its type: short, and never a value. */
    private static String describe(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AwsServiceException aws) {
                return SecretsManagerFailures.describe(aws);
            }
        }
        return e.getClass().getSimpleName();
    }
}
