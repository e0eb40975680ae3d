package dev.smkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.caching.SecretCache;
import dev.smkit.emulator.InjectedError;
import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.ProcessSettings;
import dev.smkit.micrometer.LoginRetryMetrics;
import dev.smkit.micrometer.SecretCacheMetrics;
import dev.smkit.spring.boot.health.SecretCacheHealthIndicator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The smkit health indicator and the Micrometer binders, as an application with actuator gets them. */
class HealthAndMetricsTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SecretCacheAutoConfiguration.class,
                    SmkitHealthAutoConfiguration.class, SmkitMetricsAutoConfiguration.class,
                    MetricsAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class))
            .withPropertyValues(TestDatabases.cacheProperties(emulator.emulator()))
            .withPropertyValues("smkit.health.required-secrets=app/needed");

    @BeforeEach
    void secret() {
        emulator.client().createSecret(r -> r.name("app/needed").secretString("{\"k\":\"canary-value-91\"}"));
    }

    @Test
    void staysUpWhileTheCacheServesTheLastGoodValueAndShowsTheFailedCheck() {
        runner.run(context -> {
            SecretCacheHealthIndicator health = context.getBean(SecretCacheHealthIndicator.class);
            Health up = health.health();
            assertThat(up.getStatus()).isEqualTo(Status.UP);
            assertThat(up.getDetails()).containsEntry("secretsInBackoff", 0)
                    .containsEntry("loadFailures", 0L).containsEntry("reachable", true)
                    .containsEntry("lastFailedLoad", "never");
            assertThat(details(up, "secrets")).containsKey("app/needed");

            failEveryCall();
            assertThat(context.getBean(SecretCache.class).refreshNow("app/needed")).isFalse();

            Health degraded = health.health();
            assertThat(degraded.getStatus()).isEqualTo(Status.UP);
            assertThat(degraded.getDetails()).containsEntry("secretsInBackoff", 1).containsEntry("reachable", false);
            assertThat((Long) degraded.getDetails().get("loadFailures")).isPositive();
            assertThat(degraded.toString()).doesNotContain("canary-value-91");
        });
    }

    @Test
    void isDownWhileANeededSecretCannotBeServedAndUpOnceItCan() {
        failEveryCall();
        runner.run(context -> {
            SecretCacheHealthIndicator health = context.getBean(SecretCacheHealthIndicator.class);
            Health down = health.health();
            assertThat(down.getStatus()).isEqualTo(Status.DOWN);
            assertThat(down.getDetails()).containsEntry("unavailable", List.of("app/needed"));
            assertThat(down.getDetails()).containsEntry("lastSuccessfulLoad", "never")
                    .containsEntry("reachable", false);
            assertThat(details(down, "secrets").get("app/needed").toString()).contains("InternalServiceError");

            emulator.emulator().faults().clear();
            // The failed read put the secret in the cache's error backoff (1 s first): health reads through it, as
            // the application does, so it turns UP at the first read after the backoff.
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (health.health().getStatus() != Status.UP && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            Health recovered = health.health();
            assertThat(recovered.getStatus()).isEqualTo(Status.UP);
            assertThat(recovered.getDetails()).containsEntry("reachable", true);
        });
    }

    @Test
    void checksTheSecretOfBootsOwnDataSourceThroughTheDriversSharedCache() {
        emulator.client().createSecret(r -> r.name("app/driver-db").secretString("{\"username\":\"u\"}"));
        try (ProcessSettings drivers = TestDatabases.driversUse(emulator.emulator())) {
            runner.withPropertyValues("smkit.health.required-secrets=",
                            "spring.datasource.url=jdbc-secretsmanager:postgresql://127.0.0.1:1/db",
                            "spring.datasource.username=app/driver-db")
                    .run(context -> {
                        Health health = context.getBean(SecretCacheHealthIndicator.class).health();
                        assertThat(health.getStatus()).isEqualTo(Status.UP);
                        assertThat(details(health, "secrets")).containsOnlyKeys("app/driver-db");
                    });
            runner.withPropertyValues("smkit.health.required-secrets=", "spring.datasource.url=app/no-such-secret")
                    .run(context -> {
                        Health health = context.getBean(SecretCacheHealthIndicator.class).health();
                        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                        assertThat(health.getDetails()).containsEntry("unavailable", List.of("app/no-such-secret"));
                    });
        }
    }

    @Test
    void metersCountAKnownSequenceOfReads() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(SecretCacheMetrics.class).hasSingleBean(LoginRetryMetrics.class);
            SecretCache cache = context.getBean(SecretCache.class);
            cache.getSecretString("app/needed");
            cache.getSecretString("app/needed");
            cache.getSecretString("app/needed");

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("smkit.cache.gets").tag("cache", "application").tag("result", "miss")
                    .functionCounter().count()).isEqualTo(1.0);
            assertThat(registry.get("smkit.cache.gets").tag("result", "hit").functionCounter().count())
                    .isEqualTo(2.0);
            assertThat(registry.get("smkit.cache.api.calls").tag("operation", "GetSecretValue").functionCounter()
                    .count()).isEqualTo(emulator.emulator().callCount("GetSecretValue"));
            assertThat(registry.find("smkit.jdbc.logins").functionCounter()).isNotNull();
            registry.getMeters().forEach(meter -> meter.getId().getTags().forEach(tag ->
                    assertThat(tag.getValue()).doesNotContain("app/needed")));
        });
    }

    @Test
    void theHealthIndicatorCanBeSwitchedOff() {
        runner.withPropertyValues("management.health.smkit.enabled=false")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(SecretCacheHealthIndicator.class));
    }

    @Test
    void bothBackOffWithoutACacheBean() {
        runner.withPropertyValues("smkit.cache.enabled=false")
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean(SecretCacheHealthIndicator.class)
                        .doesNotHaveBean(SecretCacheMetrics.class)
                        .hasSingleBean(LoginRetryMetrics.class));
    }

    @Test
    void theBindersBackOffForTheApplicationsOwn() {
        // Held here: the binder holds its cache weakly, and a collected cache's meters read NaN.
        try (SecretCache own = new SecretCache(emulator.client())) {
            runner.withBean("ownCacheMetrics", SecretCacheMetrics.class,
                            () -> new SecretCacheMetrics(own, "own", Tags.empty()))
                    .withBean("ownLoginMetrics", LoginRetryMetrics.class, LoginRetryMetrics::new)
                    .run(context -> {
                        assertThat(context).hasSingleBean(SecretCacheMetrics.class)
                                .hasSingleBean(LoginRetryMetrics.class);
                        assertThat(context.getBean(MeterRegistry.class).find("smkit.cache.gets").tag("cache", "own")
                                .functionCounters()).isNotEmpty();
                    });
        }
    }

    private static void failEveryCall() {
        for (String operation : List.of("DescribeSecret", "GetSecretValue")) {
            emulator.emulator().faults().failNext(operation, 1_000, InjectedError.internalServiceError());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> details(Health health, String key) {
        return (Map<String, Object>) health.getDetails().get(key);
    }
}
