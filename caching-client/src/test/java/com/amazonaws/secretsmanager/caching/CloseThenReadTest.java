package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * {@code close()} as in the AWS caching client: it empties the cache and the cache stays usable. What the cache owns
 * (a client it built, its background threads) is given back by close and made again when needed, so nothing leaks.
 */
class CloseThenReadTest extends EmulatorTest {

    /**
     * The HTTP clients the SDK builds for the cache's own Secrets Manager clients: counts how many were built and
     * closed, and can hold requests (after {@link #holdRequests()}) until the test lets them go.
     */
    static final class CountingHttpClients implements SdkHttpClient.Builder<CountingHttpClients> {
        final AtomicInteger built = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
        private volatile CountDownLatch gate;
        private final Semaphore held = new Semaphore(0);

        void holdRequests() {
            gate = new CountDownLatch(1);
        }

        void awaitHeld() throws InterruptedException {
            assertThat(held.tryAcquire(Background.PATIENCE_SECONDS, TimeUnit.SECONDS)).as("a request was held")
                    .isTrue();
        }

        void releaseRequests() {
            CountDownLatch open = gate;
            gate = null;
            open.countDown();
        }

        @Override
        public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            SdkHttpClient delegate = UrlConnectionHttpClient.builder().buildWithDefaults(serviceDefaults);
            built.incrementAndGet();
            return new SdkHttpClient() {
                @Override
                public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                    ExecutableHttpRequest real = delegate.prepareRequest(request);
                    return new ExecutableHttpRequest() {
                        @Override
                        public HttpExecuteResponse call() throws java.io.IOException {
                            CountDownLatch wait = gate;
                            if (wait != null) {
                                held.release();
                                try {
                                    wait.await();
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                            return real.call();
                        }

                        @Override
                        public void abort() {
                            real.abort();
                        }
                    };
                }

                @Override
                public String clientName() {
                    return delegate.clientName();
                }

                @Override
                public void close() {
                    closed.incrementAndGet();
                    delegate.close();
                }
            };
        }
    }

    private static SecretsManagerClientBuilder builder(CountingHttpClients http) {
        return SecretsManagerClient.builder().endpointOverride(emulator.endpoint())
                .region(Region.of(emulator.region()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(emulator.accessKeyId(), emulator.secretAccessKey())))
                .httpClientBuilder(http);
    }

    @Test
    void aReadAfterCloseLoadsAgain() {
        createSecret("db", "v1");
        SecretCache cache = new SecretCache(client);
        assertThat(cache.getSecretString("db")).isEqualTo("v1");

        cache.close();
        assertThat(cache.toString()).contains("size=0").contains("closed=true");
        putValue("db", "v2");

        assertThat(cache.getSecretString("db")).as("emptied by close, loaded again").isEqualTo("v2");
        assertThat(cache.toString()).contains("size=1").contains("closed=false");
        assertThat(describeCalls()).isEqualTo(1);
        assertThat(getValueCalls()).isEqualTo(1);
        cache.close();
        cache.close();      // idempotent
        assertThat(cache.getSecretString("db")).isEqualTo("v2");
        cache.close();
    }

    @Test
    void aClientTheCacheBuiltIsClosedByCloseAndBuiltAgainWhenTheCacheIsUsedAgain() {
        createSecret("db", "v1");
        CountingHttpClients http = new CountingHttpClients();
        SecretCache cache = new SecretCache(builder(http));
        assertThat(cache.getSecretString("db")).isEqualTo("v1");
        assertThat(http.built).hasValue(1);

        cache.close();
        assertThat(http.closed).as("closed by close").hasValue(1);

        assertThat(cache.getSecretString("db")).isEqualTo("v1");
        assertThat(http.built).as("built again by the read after close").hasValue(2);
        assertThat(http.closed).hasValue(1);

        cache.close();
        cache.close();
        assertThat(http.closed).as("every client built was closed, once").hasValue(2);
        assertThat(http.built).hasValue(2);
    }

    @Test
    void closeLetsCallsInFlightFinishAndClosesTheirClientAfterwards() throws Exception {
        createSecret("db", "v1");
        CountingHttpClients http = new CountingHttpClients();
        SecretCache cache = new SecretCache(builder(http));
        http.holdRequests();
        Background<String> leader = Background.start("leader", () -> cache.getSecretString("db"));
        http.awaitHeld();
        Background<String> follower = Background.start("follower", () -> cache.getSecretString("db"));
        follower.awaitWaitingOnFuture();

        cache.close();

        assertThat(http.closed).as("still in use by the leader's call").hasValue(0);
        assertThat(follower.isDone()).isFalse();
        http.releaseRequests();
        assertThat(leader.get()).isEqualTo("v1");
        assertThat(follower.get()).isEqualTo("v1");
        assertThat(http.closed).as("closed once its last call ended").hasValue(1);
        assertThat(http.built).hasValue(1);
    }

    @Test
    void backgroundThreadsEndAtCloseAndStartAgainWhenNeeded() throws Exception {
        createSecret("db", "v1");
        SecretCache cache = cache(config().withRandom(SecretCacheTimeTest.LOWEST));
        cache.getSecretString("db");
        Set<Thread> before = refreshThreads();
        ticker.advance(Duration.ofMinutes(25));     // inside the refresh-ahead window of the [30, 60] min TTL
        cache.getSecretString("db");
        awaitDescribeCalls(2);
        Set<Thread> started = refreshThreads();
        started.removeAll(before);
        assertThat(started).as("the background check's thread").isNotEmpty();

        cache.close();

        for (Thread thread : started) {
            thread.join(TimeUnit.SECONDS.toMillis(Background.PATIENCE_SECONDS));
            assertThat(thread.isAlive()).as("%s after close", thread.getName()).isFalse();
        }
        cache.getSecretString("db");
        ticker.advance(Duration.ofMinutes(25));
        cache.getSecretString("db");
        awaitDescribeCalls(4);
        assertThat(cache.getSecretString("db")).isEqualTo("v1");
    }

    @Test
    void withStrictCloseEveryLaterCallThrowsIllegalStateException() {
        createSecret("db", "v1");
        SecretCache cache = cache(config().withStrictClose(true));
        cache.getSecretString("db");
        cache.close();
        cache.close();   // idempotent

        List<Executable> calls = List.of(
                () -> cache.getSecretString("db"),
                () -> cache.getSecretBinary("db"),
                () -> cache.getSecretString("db", "AWSPENDING"),
                () -> cache.getSecretVersion("db"),
                () -> cache.getSecretVersionById("db", "x"),
                () -> cache.getSecretMetadata("db"),
                () -> cache.refreshNow("db"),
                () -> cache.refreshIfUnchanged("db", "x"),
                () -> cache.prefetch(List.of("db")),
                () -> cache.addChangeListener(e -> { }));
        for (Executable call : calls) {
            assertThatThrownBy(call::execute).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
        assertThat(describeCalls()).isEqualTo(1);
        assertThat(cache.stats().missCount()).isEqualTo(1);
    }

    private static Set<Thread> refreshThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("smkit-secret-cache-refresh-") && t.isAlive())
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static void awaitDescribeCalls(long calls) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Background.PATIENCE_SECONDS);
        while (describeCalls() < calls) {
            assertThat(System.nanoTime() - deadline).as("DescribeSecret calls: %d of %d", describeCalls(), calls)
                    .isNegative();
            Thread.sleep(1);
        }
    }
}
