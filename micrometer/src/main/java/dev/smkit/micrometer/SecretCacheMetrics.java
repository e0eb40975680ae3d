package dev.smkit.micrometer;

import java.lang.ref.WeakReference;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheStats;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters over one {@link SecretCache}'s counters ({@link SecretCache#stats()}), each tagged {@code cache=<name>}:
 *
 * <ul>
 *   <li>{@code smkit.cache.gets} (counter, {@code result=hit|miss|stale}): reads answered from a fresh value, reads
 *       that had to wait for a load, reads answered with the last good value while Secrets Manager failed;</li>
 *   <li>{@code smkit.cache.loads} (counter, {@code result=success|failure}): version checks and fetches;</li>
 *   <li>{@code smkit.cache.load.duration} (function timer): their count and the time they took;</li>
 *   <li>{@code smkit.cache.evictions} (counter): secrets dropped because the cache was full;</li>
 *   <li>{@code smkit.cache.api.calls} (counter, {@code operation=DescribeSecret|GetSecretValue|BatchGetSecretValue}):
 *       requests sent to Secrets Manager, whatever their outcome;</li>
 *   <li>{@code smkit.cache.backoff.secrets} (gauge): secrets waiting out the retry delay after a failed check.</li>
 * </ul>
 *
 * <p>The counts are per cache, never per secret, so no meter carries a secret ID: secret names can say more than an
 * operator should see on a dashboard, and one series per secret would grow without bound. Keep it that way with the
 * extra {@code tags} too.
 *
 * <p>The meters hold the cache weakly, like Micrometer's own cache binders: binding never keeps a dropped cache in
 * memory; once it is collected the counters keep their last value and the gauge reads NaN. Each read of a meter takes
 * a snapshot of the cache's counters, which looks at every cached secret once: cheap at a scrape's rate.
 */
public final class SecretCacheMetrics implements MeterBinder {

    private static final String[] OPERATIONS = {"DescribeSecret", "GetSecretValue", "BatchGetSecretValue"};

    private final WeakReference<SecretCache> cache;
    private final Tags tags;

    /**
     * @param cache     the cache to report on (held weakly)
     * @param cacheName the value of the {@code cache} tag, telling this cache's meters from another's
     * @param tags      more tags for every meter; null for none
     * @throws IllegalArgumentException if {@code cache} is null or {@code cacheName} null or blank
     */
    public SecretCacheMetrics(SecretCache cache, String cacheName, Iterable<Tag> tags) {
        if (cache == null) {
            throw new IllegalArgumentException("cache must not be null");
        }
        if (cacheName == null || cacheName.trim().isEmpty()) {
            throw new IllegalArgumentException("cacheName must not be null or blank");
        }
        this.cache = new WeakReference<>(cache);
        this.tags = Tags.concat(tags, "cache", cacheName);
    }

    /** Registers the meters; nothing if the cache was collected already. */
    @Override
    public void bindTo(MeterRegistry registry) {
        SecretCache target = cache.get();
        if (target == null) {
            return;
        }
        counter(registry, target, "smkit.cache.gets", "result", "hit", SecretCacheStats::hitCount,
                "Reads answered from a fresh cached value");
        counter(registry, target, "smkit.cache.gets", "result", "miss", SecretCacheStats::missCount,
                "Reads that had to wait for a load");
        counter(registry, target, "smkit.cache.gets", "result", "stale", SecretCacheStats::staleServeCount,
                "Reads answered with the last good value while Secrets Manager calls failed");
        counter(registry, target, "smkit.cache.loads", "result", "success", SecretCacheStats::loadCount,
                "Version checks and fetches that succeeded");
        counter(registry, target, "smkit.cache.loads", "result", "failure", SecretCacheStats::loadFailureCount,
                "Version checks and fetches that failed");
        FunctionCounter.builder("smkit.cache.evictions", target, read(SecretCacheStats::evictionCount))
                .tags(tags).description("Secrets dropped because the cache was full").register(registry);
        for (String operation : OPERATIONS) {
            FunctionCounter.builder("smkit.cache.api.calls", target, c -> c.stats().apiCallCount(operation))
                    .tags(tags).tag("operation", operation).description("Requests sent to Secrets Manager")
                    .register(registry);
        }
        FunctionTimer.builder("smkit.cache.load.duration", target,
                        c -> {
                            SecretCacheStats stats = c.stats();
                            return stats.loadCount() + stats.loadFailureCount();
                        },
                        c -> c.stats().totalLoadTimeNanos(), TimeUnit.NANOSECONDS)
                .tags(tags).description("Time spent in version checks and fetches, successful or not")
                .register(registry);
        Gauge.builder("smkit.cache.backoff.secrets", target, c -> c.stats().backoffCount())
                .tags(tags).description("Secrets waiting out the retry delay after a failed check")
                .register(registry);
    }

    private void counter(MeterRegistry registry, SecretCache target, String name, String tagKey, String tagValue,
            ToLongFunction<SecretCacheStats> count, String description) {
        FunctionCounter.builder(name, target, read(count)).tags(tags).tag(tagKey, tagValue).description(description)
                .register(registry);
    }

    /** Reads one counter of a fresh snapshot; the meter passes the cache in, so no lambda holds it. */
    private static ToDoubleFunction<SecretCache> read(ToLongFunction<SecretCacheStats> count) {
        return c -> count.applyAsLong(c.stats());
    }
}
