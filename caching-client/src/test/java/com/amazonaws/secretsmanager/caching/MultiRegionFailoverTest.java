package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.smkit.emulator.InjectedError;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ReplicaRegionType;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Multi-region failover against the emulator's regions, through the real SDK: secrets replicated from us-east-1 (the
 * primary, the cache client's region) to us-west-2 and eu-west-1, failover regions configured in that order. Every
 * region's client has SDK retries off and counts its requests. The ticker is the test's: backoff and TTL move only
 * when the test says so, and the random source makes every backoff its full ceiling.
 */
class MultiRegionFailoverTest extends EmulatorTest {

    private static final String PRIMARY = "us-east-1";
    private static final String WEST = "us-west-2";
    private static final String EU = "eu-west-1";
    private static final Duration TTL = Duration.ofSeconds(1);
    private static final Duration BACKOFF_BASE = Duration.ofSeconds(1);
    private static final Duration BACKOFF_MAX = Duration.ofSeconds(4);

    private final RegionCounter primaryRequests = new RegionCounter();
    private final RegionCounter westRequests = new RegionCounter();
    private final RegionCounter euRequests = new RegionCounter();
    private final List<SecretsManagerClient> clients = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("com.amazonaws.secretsmanager.caching");

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void closeClients() {
        logger.detachAppender(logs);
        clients.forEach(SecretsManagerClient::close);
    }

    private SecretsManagerClient counted(String region, RegionCounter counter) {
        SecretsManagerClient regional = emulator.clientBuilder(region)
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(counter))
                .build();
        clients.add(regional);
        return regional;
    }

    /** The primary and both failover regions, counted; short TTL, full-ceiling backoff, no refresh ahead. */
    private SecretCacheConfiguration failoverConfig() {
        return new SecretCacheConfiguration()
                .withClient(counted(PRIMARY, primaryRequests))
                .withTicker(ticker)
                .withRandom(SecretCacheTimeTest.HIGHEST)
                .withCacheItemTTL(TTL)
                .withRefreshAheadFraction(0)
                .withExceptionRetryDelayBase(BACKOFF_BASE)
                .withExceptionRetryDelayMax(BACKOFF_MAX)
                .withFailoverRegions(List.of(WEST, EU))
                .withRegionClients(Map.of(WEST, counted(WEST, westRequests), EU, counted(EU, euRequests)));
    }

    /** A secret in the primary region, replicated to {@code regions}; returns its ARN. */
    private static String replicated(String name, String value, String... regions) {
        List<ReplicaRegionType> replicas = new ArrayList<>();
        for (String region : regions) {
            replicas.add(ReplicaRegionType.builder().region(region).build());
        }
        return emulator.client().createSecret(r -> r.name(name).secretString(value).addReplicaRegions(replicas))
                .arn();
    }

    private List<String> messages(Level level) {
        List<String> found = new ArrayList<>();
        for (ILoggingEvent event : logs.list) {
            if (event.getLevel() == level) {
                found.add(event.getFormattedMessage());
            }
        }
        return found;
    }

    private static void resetCounters(RegionCounter... counters) {
        for (RegionCounter counter : counters) {
            counter.reset();
        }
    }

    // ---- the outage -----------------------------------------------------------------------------------------

    @Test
    void primaryOutageWhile16ThreadsRead50SecretsThenBackToThePrimaryWithinOneBackoffPeriod() throws Exception {
        int secrets = 50;
        for (int i = 0; i < secrets; i++) {
            replicated(name(i), value(i), WEST, EU);
        }
        SecretCache cache = cache(failoverConfig());
        for (int i = 0; i < secrets / 2; i++) {
            assertThat(cache.getSecretString(name(i))).isEqualTo(value(i));     // half of them cached
        }
        assertThat(westRequests.total()).isZero();

        emulator.faults().region(PRIMARY).unreachable();
        resetCounters(primaryRequests, westRequests, euRequests);
        emulator.resetCallCounts();
        ticker.advance(TTL.plusMillis(100));
        readAllFrom16Threads(cache, secrets);
        long primaryInFirstRound = primaryRequests.total();
        assertThat(primaryInFirstRound).as("only checks that started before the first failure was known")
                .isBetween(1L, 16L);
        assertThat(westRequests.count("DescribeSecret")).as("each secret checked once, on the first failover region")
                .isEqualTo(secrets);
        assertThat(westRequests.count("GetSecretValue")).as("values fetched for the uncached half only")
                .isEqualTo(secrets / 2);
        assertThat(euRequests.total()).as("the second failover region is not needed").isZero();

        int rounds = 9;
        for (int round = 0; round < rounds; round++) {
            ticker.advance(TTL.plusMillis(100));
            readAllFrom16Threads(cache, secrets);
        }
        // 9.9 s more with backoff 1, 2, 4, 4 s (full ceilings): probes at 1.1, 3.3 and 7.7 s, one request each.
        assertThat(primaryRequests.total() - primaryInFirstRound).as("one probe per backoff period").isEqualTo(3);
        assertThat(westRequests.count("DescribeSecret")).as("every secret checked there once in every round")
                .isEqualTo((long) secrets * (rounds + 1));
        assertThat(emulator.callCount(WEST, "DescribeSecret")).as("as the emulator counted them")
                .isEqualTo(westRequests.count("DescribeSecret"));
        RegionStats primary = cache.stats().regionStats().get(PRIMARY);
        assertThat(primary.isPrimary()).isTrue();
        assertThat(primary.isDown()).isTrue();
        assertThat(primary.failoverCount()).as("one failover for the whole outage").isEqualTo(1);
        assertThat(primary.timeOnReplicaMillis()).isGreaterThanOrEqualTo(9_900);
        assertThat(cache.stats().regionStats().get(WEST).failoverCount()).isEqualTo((long) secrets * (rounds + 1));
        assertThat(cache.stats().regionStats().keySet()).containsExactly(PRIMARY, WEST, EU);

        emulator.faults().region(PRIMARY).clear();
        ticker.advance(BACKOFF_MAX);                    // one backoff period, the longest
        readAllFrom16Threads(cache, secrets);
        assertThat(cache.stats().regionStats().get(PRIMARY).isDown()).as("back after one probe").isFalse();

        resetCounters(primaryRequests, westRequests, euRequests);
        ticker.advance(TTL.plusMillis(100));
        readAllFrom16Threads(cache, secrets);
        assertThat(primaryRequests.count("DescribeSecret")).isEqualTo(secrets);
        assertThat(westRequests.total()).as("nothing goes to the replica any more").isZero();

        assertThat(messages(Level.WARN)).as("one WARN for the failover")
                .filteredOn(m -> m.contains("region " + PRIMARY + " failed")).hasSize(1);
        assertThat(messages(Level.INFO)).as("one INFO for the return")
                .filteredOn(m -> m.contains(PRIMARY) && m.contains("answers again")).hasSize(1);
        for (ILoggingEvent event : logs.list) {
            assertThat(event.getFormattedMessage()).doesNotContain("value-");
        }
    }

    private static String name(int i) {
        return String.format("app/secret-%02d", i);
    }

    private static String value(int i) {
        return String.format("value-%02d", i);
    }

    /** 16 threads read every secret once each (each from another starting point); fails on any wrong read. */
    private static void readAllFrom16Threads(SecretCache cache, int secrets) throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * 3;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int k = 0; k < secrets; k++) {
                        int i = (offset + k) % secrets;
                        try {
                            String read = cache.getSecretString(name(i));
                            if (!value(i).equals(read)) {
                                failures.add(new AssertionError(name(i) + " read " + read));
                            }
                        } catch (RuntimeException e) {
                            failures.add(e);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(failures).as("every read succeeds").isEmpty();
    }

    // ---- order, what fails over and what does not ----------------------------------------------------------

    @Test
    void theFirstHealthyFailoverRegionInListOrderAnswers() {
        replicated("ordered", "v1", WEST, EU);
        emulator.faults().region(PRIMARY).unreachable();
        SecretCache cache = cache(failoverConfig());
        assertThat(cache.getSecretString("ordered")).isEqualTo("v1");
        assertThat(westRequests.count("DescribeSecret")).isEqualTo(1);
        assertThat(euRequests.total()).isZero();

        resetCounters(westRequests, euRequests);
        emulator.faults().region(WEST).unreachable();
        SecretCache other = cache(failoverConfig());
        assertThat(other.getSecretString("ordered")).isEqualTo("v1");
        assertThat(westRequests.total()).isEqualTo(1);
        assertThat(euRequests.count("DescribeSecret")).isEqualTo(1);
        assertThat(other.stats().regionStats().get(WEST).isDown()).isTrue();
        assertThat(other.stats().regionStats().get(EU).failoverCount()).isEqualTo(1);
    }

    @Test
    void serverErrorsAndThrottlingFailOverButNotFoundDoesNot() {
        replicated("five-hundred", "v1", WEST);
        replicated("throttled", "v1", WEST);
        emulator.client(WEST).createSecret(r -> r.name("only-in-west").secretString("w"));

        emulator.faults().region(PRIMARY).failing(InjectedError.internalServiceError());
        assertThat(cache(failoverConfig()).getSecretString("five-hundred")).isEqualTo("v1");
        emulator.faults().region(PRIMARY).failing(InjectedError.throttling());
        assertThat(cache(failoverConfig()).getSecretString("throttled")).isEqualTo("v1");

        emulator.faults().region(PRIMARY).clear();
        resetCounters(westRequests);
        SecretCache cache = cache(failoverConfig());
        assertThatThrownBy(() -> cache.getSecretString("only-in-west")).isInstanceOf(ResourceNotFoundException.class);
        assertThat(westRequests.total()).as("the primary answered: the secret's error, not the region's").isZero();
        assertThat(cache.stats().regionStats().get(PRIMARY).isDown()).isFalse();
    }

    @Test
    void aMissingReplicaIsSkippedWithOneWarningPerRegion() {
        replicated("eu-only-1", "a", EU);
        replicated("eu-only-2", "b", EU);
        emulator.faults().region(PRIMARY).unreachable();
        SecretCache cache = cache(failoverConfig());

        assertThat(cache.getSecretString("eu-only-1")).isEqualTo("a");
        assertThat(cache.getSecretString("eu-only-2")).isEqualTo("b");

        assertThat(westRequests.count("DescribeSecret")).isEqualTo(2);
        assertThat(messages(Level.WARN)).filteredOn(m -> m.contains("no replica in failover region " + WEST))
                .hasSize(1);
        assertThat(cache.stats().regionStats().get(WEST).isDown()).as("the region answered").isFalse();
    }

    @Test
    void withEveryRegionDownTheReadFailsWithThePrimarysError() {
        replicated("nowhere", "v1", WEST, EU);
        emulator.faults().region(PRIMARY).failing(InjectedError.internalServiceError());
        emulator.faults().region(WEST).unreachable();
        emulator.faults().region(EU).unreachable();
        SecretCache cache = cache(failoverConfig());

        assertThatThrownBy(() -> cache.getSecretString("nowhere"))
                .isInstanceOf(software.amazon.awssdk.services.secretsmanager.model.InternalServiceErrorException.class);
        emulator.faults().region(EU).clear();
        ticker.advance(BACKOFF_BASE);
        assertThat(cache.getSecretString("nowhere")).as("eu-west-1 probed again after its backoff").isEqualTo("v1");
    }

    // ---- ARNs ------------------------------------------------------------------------------------------------

    @Test
    void aFullArnIsTranslatedToTheReplicaRegionsArn() {
        String arn = replicated("by-arn", "v1", WEST);
        assertThat(arn).contains(":" + PRIMARY + ":");
        emulator.faults().region(PRIMARY).unreachable();
        SecretCache cache = cache(failoverConfig());

        assertThat(cache.getSecretString(arn)).isEqualTo("v1");
        assertThat(cache.getSecretMetadata(arn).getArn()).isEqualTo(arn.replace(":" + PRIMARY + ":", ":" + WEST + ":"));
        assertThat(westRequests.count("DescribeSecret")).isEqualTo(1);
        assertThat(westRequests.count("GetSecretValue")).isEqualTo(1);
    }

    // ---- a lagging replica ---------------------------------------------------------------------------------

    @Test
    void aLaggingReplicaNeverMovesTheCacheBackToAnOlderVersion() {
        replicated("lagged", "v1", WEST);
        SecretCache cache = cache(failoverConfig().withFailoverRegions(List.of(WEST)));
        List<String> changes = new CopyOnWriteArrayList<>();
        cache.addChangeListener(e -> changes.add(e.getPreviousVersionId() + "->" + e.getNewVersionId()));
        String v1 = cache.getSecretVersion("lagged").getVersionId();

        emulator.faults().region(WEST).holdReplication();
        String v2 = emulator.client().putSecretValue(r -> r.secretId("lagged").secretString("v2")).versionId();
        ticker.advance(TTL);
        assertThat(cache.getSecretString("lagged")).isEqualTo("v2");
        assertThat(emulator.client(WEST).getSecretValue(r -> r.secretId("lagged")).versionId()).isEqualTo(v1);

        emulator.faults().region(PRIMARY).unreachable();
        for (int i = 0; i < 3; i++) {
            ticker.advance(TTL);
            assertThat(cache.getSecretString("lagged")).as("the replica still answers v1").isEqualTo("v2");
            assertThat(cache.getSecretVersion("lagged").getVersionId()).isEqualTo(v2);
        }
        assertThat(westRequests.count("DescribeSecret")).isEqualTo(3);
        assertThat(changes).containsExactly(v1 + "->" + v2);

        emulator.faults().region(WEST).releaseReplication();
        ticker.advance(TTL);
        assertThat(cache.getSecretString("lagged")).isEqualTo("v2");
        assertThat(changes).hasSize(1);
    }

    // ---- configuration ---------------------------------------------------------------------------------------

    @Test
    void aFailoverListWithThePrimaryRegionIsRefusedAtConstruction() {
        SecretCacheConfiguration config = failoverConfig().withFailoverRegions(List.of(WEST, PRIMARY));
        assertThatThrownBy(() -> new SecretCache(config)).isInstanceOf(SecretCacheConfigurationException.class)
                .hasMessageContaining(PRIMARY).hasMessageContaining("primary region")
                .satisfies(e -> assertThat(((SecretCacheConfigurationException) e).getSetting())
                        .isEqualTo("failoverRegions"));
    }

    @Test
    void withoutFailoverRegionsNothingChanges() {
        replicated("plain", "v1", WEST);
        SecretCache cache = cache(failoverConfig().withFailoverRegions(List.of()));
        assertThat(cache.getSecretString("plain")).isEqualTo("v1");
        assertThat(cache.stats().regionStats()).isEmpty();
        emulator.faults().region(PRIMARY).unreachable();
        ticker.advance(TTL);
        assertThat(cache.getSecretString("plain")).as("stale, as before").isEqualTo("v1");
        assertThat(westRequests.total()).isZero();
    }

    @Test
    void reportedReplicasAreUsedWhenAsked() {
        replicated("reported", "v1", EU);
        SecretCache cache = cache(failoverConfig().withFailoverRegions(List.of()).withFailoverToReportedReplicas(true));
        assertThat(cache.getSecretString("reported")).isEqualTo("v1");
        emulator.client().putSecretValue(r -> r.secretId("reported").secretString("v2"));
        emulator.faults().region(PRIMARY).unreachable();
        ticker.advance(TTL);

        assertThat(cache.getSecretString("reported")).isEqualTo("v2");
        assertThat(euRequests.count("DescribeSecret")).isEqualTo(1);
        assertThat(westRequests.total()).isZero();
        assertThat(cache.stats().regionStats().keySet()).containsExactly(PRIMARY, EU);
    }
}
