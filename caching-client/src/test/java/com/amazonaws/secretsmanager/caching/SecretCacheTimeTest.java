package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.smkit.emulator.InjectedError;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.InternalServiceErrorException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** TTL, jitter, refresh ahead, stale serving, backoff and the load-time counters, all on the test ticker. */
class SecretCacheTimeTest extends EmulatorTest {

    private static final Duration NANO = Duration.ofNanos(1);

    /** A random source whose every draw is {@code value}, pinning jitter to one end of its range. */
    static Random always(double value) {
        return new Random() {
            private static final long serialVersionUID = 1L;

            @Override
            public double nextDouble() {
                return value;
            }
        };
    }

    static final Random LOWEST = always(0);
    static final Random HIGHEST = always(Math.nextDown(1.0));

    @Test
    void theShortestJitteredTtlIsHalfTheTtl() {
        createSecret("db", "v1");
        SecretCache cache = cache(config().withRefreshAheadFraction(0).withRandom(LOWEST));
        cache.getSecretString("db");

        ticker.advance(Duration.ofMinutes(30).minus(NANO));
        cache.getSecretString("db");
        assertThat(describeCalls()).isEqualTo(1);

        ticker.advance(NANO);
        cache.getSecretString("db");
        assertThat(describeCalls()).isEqualTo(2);
    }

    @Test
    void theLongestJitteredTtlIsTheTtl() {
        createSecret("db", "v1");
        SecretCache cache = cache(config().withRefreshAheadFraction(0).withRandom(HIGHEST));
        cache.getSecretString("db");

        ticker.advance(Duration.ofHours(1).minus(NANO));
        cache.getSecretString("db");
        assertThat(describeCalls()).isEqualTo(1);

        ticker.advance(NANO);
        cache.getSecretString("db");
        assertThat(describeCalls()).isEqualTo(2);
    }

    @Test
    void jitteredTtlsSpreadOverHalfToFullTtl() {
        createSecret("db", "v1");
        SecretCache cache = cache(config().withRefreshAheadFraction(0).withRandom(new Random(7)));
        long[] minutesUntilCheck = new long[20];
        for (int i = 0; i < minutesUntilCheck.length; i++) {
            cache.getSecretString("db");
            long before = describeCalls();
            int minutes = 0;
            while (describeCalls() == before) {
                ticker.advance(Duration.ofMinutes(1));
                minutes++;
                cache.getSecretString("db");
            }
            minutesUntilCheck[i] = minutes;
        }
        for (long minutes : minutesUntilCheck) {
            assertThat(minutes).isBetween(30L, 60L);
        }
        assertThat(java.util.Arrays.stream(minutesUntilCheck).distinct().count()).isGreaterThan(3);
    }

    @Test
    void aReadInTheRefreshWindowReturnsTheCachedValueWhileTheCheckRunsInTheBackground() throws Exception {
        createSecret("db", "v1");
        SecretCache cache = cache(config().withRandom(LOWEST));   // TTL 30 min, window from minute 24
        cache.getSecretString("db");
        putValue("db", "v2");
        emulator.faults().latency("DescribeSecret", Duration.ofMillis(300));
        CountDownLatch changed = new CountDownLatch(1);
        cache.addChangeListener(event -> changed.countDown());

        ticker.advance(Duration.ofMinutes(24).minus(NANO));
        assertThat(cache.getSecretString("db")).isEqualTo("v1");
        assertThat(describeCalls()).as("before the window nothing is checked").isZero();

        ticker.advance(NANO);
        // v2 already exists, so getting v1 here proves the read did not wait for the check it started.
        assertThat(cache.getSecretString("db")).isEqualTo("v1");
        assertThat(changed.getCount()).as("the background check is still running").isEqualTo(1);
        assertThat(cache.getSecretString("db")).isEqualTo("v1");

        assertThat(changed.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(cache.getSecretString("db")).isEqualTo("v2");
        assertThat(describeCalls()).as("one check for all reads in the window").isEqualTo(1);
        assertThat(getValueCalls()).isEqualTo(1);
        assertThat(cache.stats().missCount()).isEqualTo(1);
    }

    @Test
    void anExpiredSecretNobodyReadInTheWindowRefreshesSynchronously() {
        createSecret("db", "v1");
        SecretCache cache = cache(config().withRandom(LOWEST));
        cache.getSecretString("db");
        putValue("db", "v2");

        ticker.advance(Duration.ofMinutes(30));

        assertThat(cache.getSecretString("db")).isEqualTo("v2");
        assertThat(describeCalls()).isEqualTo(1);
    }

    @Test
    void aFailedCheckServesTheLastGoodValueAndRetriesAfterTheBackoff() {
        createSecret("db", "v1");
        SecretCache cache = cache(config().withRefreshAheadFraction(0).withRandom(HIGHEST));
        cache.getSecretString("db");
        emulator.resetCallCounts();
        emulator.faults().failNext("DescribeSecret", 2, InjectedError.internalServiceError());

        ticker.advance(hours(1));
        assertThat(cache.getSecretString("db")).isEqualTo("v1");
        assertThat(describeCalls()).isEqualTo(1);

        ticker.advance(Duration.ofSeconds(1).minus(NANO));
        assertThat(cache.getSecretString("db")).isEqualTo("v1");
        assertThat(describeCalls()).as("no call during the first backoff (1 s)").isEqualTo(1);

        ticker.advance(NANO);
        assertThat(cache.getSecretString("db")).isEqualTo("v1");
        assertThat(describeCalls()).isEqualTo(2);

        ticker.advance(Duration.ofSeconds(2).minus(NANO));
        assertThat(cache.getSecretString("db")).isEqualTo("v1");
        assertThat(describeCalls()).as("the second backoff is twice as long").isEqualTo(2);

        ticker.advance(NANO);
        assertThat(cache.getSecretString("db")).isEqualTo("v1");
        assertThat(describeCalls()).isEqualTo(3);
        SecretCacheStats stats = cache.stats();
        assertThat(stats.loadFailureCount()).isEqualTo(2);
        assertThat(stats.staleServeCount()).isEqualTo(4);

        // Healthy again: the check succeeded and the value is fresh for a full TTL.
        ticker.advance(Duration.ofMinutes(59));
        cache.getSecretString("db");
        assertThat(describeCalls()).isEqualTo(3);
    }

    @Test
    void throttlingAlsoServesStaleAndTheBackoffGrowsToItsCap() {
        createSecret("db", "v1");
        SecretCache cache = cache(config().withRefreshAheadFraction(0).withRandom(HIGHEST)
                .withExceptionRetryDelayBase(Duration.ofSeconds(1)).withExceptionRetryGrowthFactor(3)
                .withExceptionRetryDelayMax(Duration.ofSeconds(10)));
        cache.getSecretString("db");
        emulator.resetCallCounts();
        emulator.faults().failNext("DescribeSecret", 5, InjectedError.throttling());
        ticker.advance(hours(1));

        long[] expectedGapsSeconds = {1, 3, 9, 10};   // ×3 per failure, capped at 10 s
        assertThat(cache.getSecretString("db")).isEqualTo("v1");
        for (long gap : expectedGapsSeconds) {
            long calls = describeCalls();
            ticker.advance(Duration.ofSeconds(gap).minus(NANO));
            assertThat(cache.getSecretString("db")).isEqualTo("v1");
            assertThat(describeCalls()).isEqualTo(calls);
            ticker.advance(NANO);
            assertThat(cache.getSecretString("db")).isEqualTo("v1");
            assertThat(describeCalls()).isEqualTo(calls + 1);
        }
        assertThat(describeCalls()).isEqualTo(5);
    }

    @Test
    void withoutACachedValueTheSameSdkExceptionIsRethrownWithoutCallsUntilTheBackoffEnds() {
        SecretCache cache = cache(config().withRandom(HIGHEST));
        createSecret("db", "v1");
        emulator.faults().failNext("DescribeSecret", 1, InjectedError.internalServiceError());

        Throwable first = catchThrowable(() -> cache.getSecretString("db"));
        assertThat(first).isInstanceOf(InternalServiceErrorException.class);
        assertThat(((SecretsManagerException) first).statusCode()).isEqualTo(500);

        ticker.advance(Duration.ofSeconds(1).minus(NANO));
        assertThat(catchThrowable(() -> cache.getSecretString("db"))).isSameAs(first);
        assertThat(describeCalls()).isEqualTo(1);

        ticker.advance(NANO);
        assertThat(cache.getSecretString("db")).isEqualTo("v1");
        assertThat(describeCalls()).isEqualTo(2);
    }

    @Test
    void throttlingOnTheFirstLoadSurfacesAsTheSdkException() {
        createSecret("db", "v1");
        SecretCache cache = cache();
        emulator.faults().failNext("DescribeSecret", 1, InjectedError.throttling());

        Throwable thrown = catchThrowable(() -> cache.getSecretString("db"));

        assertThat(thrown).isInstanceOf(SecretsManagerException.class);
        assertThat(((SecretsManagerException) thrown).awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
    }

    @Test
    void refreshNowReportsFailureAndKeepsTheStaleValueReadable() throws InterruptedException {
        createSecret("db", "v1");
        SecretCache cache = cache();
        cache.getSecretString("db");
        emulator.resetCallCounts();
        emulator.faults().failNext("DescribeSecret", 1, InjectedError.internalServiceError());

        assertThat(cache.refreshNow("db")).isFalse();
        assertThat(cache.getSecretString("db")).isEqualTo("v1");
        assertThat(cache.refreshNow("db")).as("inside the backoff: no call").isFalse();
        assertThat(describeCalls()).isEqualTo(1);
        ticker.advance(Duration.ofSeconds(1));     // the first backoff is at most 1 s
        assertThat(cache.refreshNow("db")).isTrue();
    }

    @Test
    void aFailingFetchOfTheNewVersionKeepsServingThePreviousOne() {
        createSecret("db", "v1");
        SecretCache cache = cache(config().withRefreshAheadFraction(0));
        cache.getSecretString("db");
        putValue("db", "v2");
        emulator.faults().failNext("GetSecretValue", 1, InjectedError.internalServiceError());

        ticker.advance(hours(1));

        assertThat(cache.getSecretString("db")).isEqualTo("v1");
        assertThat(cache.stats().staleServeCount()).isEqualTo(1);
    }

    @Test
    void refreshIfUnchangedThrowsTheSdkExceptionWhenItsCheckFails() {
        String first = createSecret("db", "v1");
        SecretCache cache = cache();
        cache.getSecretString("db");
        ticker.advance(Duration.ofSeconds(5));
        emulator.faults().failNext("DescribeSecret", 1, InjectedError.internalServiceError());

        assertThat(catchThrowable(() -> cache.refreshIfUnchanged("db", first)))
                .isInstanceOf(InternalServiceErrorException.class);
        assertThat(cache.getSecretString("db")).isEqualTo("v1");
    }

    @Test
    void loadTimeSecretsInBackoffAndTheLastSuccessAndFailureAreCounted() {
        createSecret("db", "v1");
        createSecret("api", "k1");
        SecretCache cache = cache(config().withClient(new FiveMillisPerCall(client, ticker))
                .withRefreshAheadFraction(0).withRandom(HIGHEST));
        assertThat(cache.stats().lastLoadSuccessMillis()).as("no load yet").isZero();
        assertThat(cache.stats().lastLoadFailureMillis()).as("no failure yet").isZero();
        long before = System.currentTimeMillis();

        cache.getSecretString("db");                // DescribeSecret + GetSecretValue
        cache.getSecretString("api");
        SecretCacheStats loaded = cache.stats();
        assertThat(loaded.loadCount()).isEqualTo(2);
        assertThat(loaded.totalLoadTimeNanos()).isEqualTo(millisAsNanos(4 * 5));
        assertThat(loaded.lastLoadSuccessMillis()).isBetween(before, System.currentTimeMillis());
        assertThat(loaded.backoffCount()).isZero();

        emulator.faults().failNext("DescribeSecret", 2, InjectedError.internalServiceError());
        ticker.advance(hours(1));
        cache.getSecretString("db");                // fails at t; retry at t + 1 s
        cache.getSecretString("api");               // fails at t + 5 ms; retry at t + 1005 ms
        SecretCacheStats failing = cache.stats();
        assertThat(failing.loadFailureCount()).isEqualTo(2);
        assertThat(failing.totalLoadTimeNanos()).as("failed calls count too").isEqualTo(millisAsNanos(6 * 5));
        assertThat(failing.backoffCount()).isEqualTo(2);
        assertThat(failing.lastLoadSuccessMillis()).isEqualTo(loaded.lastLoadSuccessMillis());
        assertThat(failing.lastLoadFailureMillis()).isBetween(loaded.lastLoadSuccessMillis(),
                System.currentTimeMillis());
        assertThat(loaded.lastLoadFailed()).isFalse();
        assertThat(failing.lastLoadFailed()).isTrue();

        ticker.advance(Duration.ofMillis(995));     // t + 1 s: db's delay is over, api's is not
        assertThat(cache.stats().backoffCount()).isEqualTo(1);
        cache.getSecretString("db");                // DescribeSecret only: the version did not move
        SecretCacheStats recovered = cache.stats();
        assertThat(recovered.loadCount()).isEqualTo(3);
        assertThat(recovered.totalLoadTimeNanos()).isEqualTo(millisAsNanos(7 * 5));
        assertThat(recovered.lastLoadSuccessMillis()).isGreaterThanOrEqualTo(failing.lastLoadFailureMillis());
        assertThat(recovered.lastLoadFailureMillis()).isEqualTo(failing.lastLoadFailureMillis());
        assertThat(recovered.lastLoadFailed()).isFalse();
        assertThat(recovered.toString()).contains("loadTimeNanos=" + millisAsNanos(35)).contains("inBackoff=0");
    }

    private static long millisAsNanos(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }

    /** Passes calls to the emulator; each one takes 5 ms on the test ticker, whatever its outcome. */
    private static final class FiveMillisPerCall implements SecretsManagerClient {
        private final SecretsManagerClient delegate;
        private final FakeTicker ticker;

        FiveMillisPerCall(SecretsManagerClient delegate, FakeTicker ticker) {
            this.delegate = delegate;
            this.ticker = ticker;
        }

        @Override
        public DescribeSecretResponse describeSecret(DescribeSecretRequest request) {
            ticker.advance(Duration.ofMillis(5));
            return delegate.describeSecret(request);
        }

        @Override
        public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
            ticker.advance(Duration.ofMillis(5));
            return delegate.getSecretValue(request);
        }

        @Override
        public String serviceName() {
            return delegate.serviceName();
        }

        /** The delegate is shared by the test class and closed by it. */
        @Override
        public void close() {
        }
    }
}
