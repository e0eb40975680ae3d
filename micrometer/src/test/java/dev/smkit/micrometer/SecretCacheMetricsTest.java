package dev.smkit.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.caching.SecretCacheStats;
import com.amazonaws.secretsmanager.caching.Ticker;

import dev.smkit.emulator.InjectedError;
import dev.smkit.emulator.SecretsManagerEmulator;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/** The binder over a real cache on the emulator: a known sequence of reads, then every meter's exact value. */
class SecretCacheMetricsTest {

    private static final String DB = "orders/db";
    private static final String API = "orders/api";

    private static SecretsManagerEmulator emulator;
    private static SecretsManagerClient sdk;

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = nanos::get;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private SecretCache cache;

    @BeforeAll
    static void startEmulator() {
        emulator = SecretsManagerEmulator.start();
        // No SDK retries: each injected fault is one failed load.
        sdk = emulator.clientBuilder().overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
        emulator.client().createSecret(r -> r.name(DB).secretString("db-value"));
        emulator.client().createSecret(r -> r.name(API).secretString("api-value"));
    }

    @AfterAll
    static void stopEmulator() {
        sdk.close();
        emulator.close();
    }

    @BeforeEach
    void openCache() {
        emulator.resetCallCounts();
        emulator.faults().clear();
        cache = new SecretCache(new SecretCacheConfiguration().withClient(new FiveMillisPerCall(sdk, nanos))
                .withTicker(ticker).withMaxCacheSize(1).withRefreshAheadFraction(0));
    }

    @AfterEach
    void closeCache() {
        cache.close();
    }

    @Test
    void everyMeterReportsTheCacheCountersExactly() {
        new SecretCacheMetrics(cache, "orders", Tags.of("app", "shop")).bindTo(registry);
        assertThat(registry.find("smkit.cache.api.calls").tag("operation", "BatchGetSecretValue").functionCounter())
                .as("every operation has its meter before its first call").isNotNull();

        cache.getSecretString(DB);                       // miss, load: DescribeSecret + GetSecretValue
        cache.getSecretString(DB);                       // 3 hits
        cache.getSecretString(DB);
        cache.getSecretString(DB);
        cache.getSecretString(API);                      // miss, load; evicts DB (max size 1)
        emulator.faults().failNext("DescribeSecret", 1, InjectedError.internalServiceError());
        nanos.addAndGet(Duration.ofHours(1).toNanos());
        assertThat(cache.getSecretString(API)).isEqualTo("api-value");  // a miss, the check fails: stale

        assertThat(count("smkit.cache.gets", "result", "hit")).isEqualTo(3);
        assertThat(count("smkit.cache.gets", "result", "miss")).isEqualTo(3);
        assertThat(count("smkit.cache.gets", "result", "stale")).isEqualTo(1);
        assertThat(count("smkit.cache.loads", "result", "success")).isEqualTo(2);
        assertThat(count("smkit.cache.loads", "result", "failure")).isEqualTo(1);
        assertThat(registry.get("smkit.cache.evictions").functionCounter().count()).isEqualTo(1);
        assertThat(count("smkit.cache.api.calls", "operation", "DescribeSecret")).isEqualTo(3);
        assertThat(count("smkit.cache.api.calls", "operation", "GetSecretValue")).isEqualTo(2);
        assertThat(count("smkit.cache.api.calls", "operation", "BatchGetSecretValue")).isZero();
        FunctionTimer loads = registry.get("smkit.cache.load.duration").functionTimer();
        assertThat(loads.count()).isEqualTo(3);
        assertThat(loads.totalTime(TimeUnit.MILLISECONDS)).as("5 ms per call: 2 + 2 + 1 calls").isEqualTo(25);
        assertThat(registry.get("smkit.cache.backoff.secrets").gauge().value()).isEqualTo(1);

        SecretCacheStats stats = cache.stats();
        assertThat(stats.hitCount()).isEqualTo(3);
        assertThat(stats.totalLoadTimeNanos()).isEqualTo(Duration.ofMillis(25).toNanos());
        for (Meter meter : registry.getMeters()) {
            assertThat(meter.getId().getTag("cache")).isEqualTo("orders");
            assertThat(meter.getId().getTag("app")).isEqualTo("shop");
        }
    }

    @Test
    void noMeterCarriesASecretId() {
        new SecretCacheMetrics(cache, "orders", null).bindTo(registry);
        cache.getSecretString(DB);
        cache.getSecretString(API);

        List<Meter> meters = registry.getMeters();
        assertThat(meters).hasSize(11);
        for (Meter meter : meters) {
            for (Tag tag : meter.getId().getTags()) {
                assertThat(tag.getValue()).as(meter.getId().toString()).isNotIn(DB, API).doesNotContain("orders/");
            }
        }
    }

    @Test
    void aCollectedCacheLeavesMetersThatStillReadWithoutFailing() throws InterruptedException {
        WeakReference<SecretCache> dropped = bindAndDropAnotherCache();
        for (int i = 0; i < 50 && dropped.get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assumeTrue(dropped.get() == null, "the JVM did not collect the cache");

        assertThat(registry.get("smkit.cache.backoff.secrets").tag("cache", "dropped").gauge().value()).isNaN();
        assertThat(count("smkit.cache.gets", "result", "miss")).as("the last value read").isEqualTo(1);
        assertThat(registry.get("smkit.cache.load.duration").functionTimer().count()).isEqualTo(1);
    }

    private WeakReference<SecretCache> bindAndDropAnotherCache() {
        SecretCache other = new SecretCache(new SecretCacheConfiguration().withClient(sdk).withTicker(ticker));
        new SecretCacheMetrics(other, "dropped", Tags.empty()).bindTo(registry);
        other.getSecretString(DB);
        assertThat(count("smkit.cache.gets", "result", "miss")).isEqualTo(1);
        registry.get("smkit.cache.load.duration").functionTimer().count();
        other.close();
        return new WeakReference<>(other);
    }

    @Test
    void theConstructorRejectsAMissingCacheOrName() {
        assertThatThrownBy(() -> new SecretCacheMetrics(null, "orders", Tags.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache");
        assertThatThrownBy(() -> new SecretCacheMetrics(cache, " ", Tags.empty()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cacheName");
    }

    private double count(String name, String tagKey, String tagValue) {
        return registry.get(name).tag(tagKey, tagValue).functionCounter().count();
    }

    /** Passes calls to the emulator; each one takes 5 ms on the test ticker, whatever its outcome. */
    private static final class FiveMillisPerCall implements SecretsManagerClient {
        private final SecretsManagerClient delegate;
        private final AtomicLong nanos;

        FiveMillisPerCall(SecretsManagerClient delegate, AtomicLong nanos) {
            this.delegate = delegate;
            this.nanos = nanos;
        }

        @Override
        public DescribeSecretResponse describeSecret(DescribeSecretRequest request) {
            nanos.addAndGet(Duration.ofMillis(5).toNanos());
            return delegate.describeSecret(request);
        }

        @Override
        public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
            nanos.addAndGet(Duration.ofMillis(5).toNanos());
            return delegate.getSecretValue(request);
        }

        @Override
        public String serviceName() {
            return delegate.serviceName();
        }

        /** The delegate is closed by the test class. */
        @Override
        public void close() {
        }
    }
}
