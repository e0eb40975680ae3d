package dev.smkit.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import dev.smkit.reliability.support.Backoff;
import dev.smkit.reliability.support.Canary;
import dev.smkit.reliability.support.EndpointSwitch;
import dev.smkit.reliability.support.Fault;
import dev.smkit.reliability.support.ManualTicker;
import dev.smkit.reliability.support.SharedEmulator;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The fault matrix on the SecretCache path: a real SDK client (default retries, 500 ms attempt / 1.5 s call timeouts)
 * against the emulator, cache time on a manual ticker, the fault itself in real time.
 */
class CacheFaultMatrixTest {

    static final Duration TTL = Duration.ofSeconds(60);
    static final Duration WINDOW = Duration.ofSeconds(30);
    static final Duration STEP = Duration.ofMillis(250);
    /** SDK default (legacy) retry mode: 1 attempt + 3 retries per call. */
    static final int SDK_ATTEMPTS = 4;

    @ParameterizedTest
    @EnumSource(Fault.class)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void cachedValuesServedFirstLoadsTypedBackoffBoundedRecoveryAutomatic(Fault fault) throws Exception {
        String hot = "faults/cache/" + fault + "/hot";
        String cold = "faults/cache/" + fault + "/cold";
        String hotValue = Canary.credentials("app");
        String coldValue = Canary.credentials("app");
        SharedEmulator.get().client().createSecret(r -> r.name(hot).secretString(hotValue));
        SharedEmulator.get().client().createSecret(r -> r.name(cold).secretString(coldValue));
        EndpointSwitch endpoint = new EndpointSwitch();
        ManualTicker ticker = new ManualTicker();
        try (SecretsManagerClient client = SharedEmulator.timedClientBuilder(endpoint).build();
             SecretCache cache = new SecretCache(new SecretCacheConfiguration().withClient(client).withTicker(ticker)
                     .withCacheItemTTL(TTL).withRefreshAheadFraction(0).withRandom(new Random(42)))) {
            assertThat(cache.getSecretString(hot)).isEqualTo(hotValue);
            int failures;
            fault.on(endpoint);
            try {
                ticker.advance(TTL.plusSeconds(1));
                long attemptsBefore = endpoint.attempts();

                // Cached values keep being served (the check behind this read fails).
                assertThat(cache.getSecretString(hot)).isEqualTo(hotValue);
                assertThat(cache.stats().staleServeCount()).isEqualTo(1);

                // A first load fails with the SDK's typed exception, and the same one is rethrown without a call.
                Throwable first = Canary.assertAbsent(catchThrowable(() -> cache.getSecretString(cold)));
                fault.assertFirstLoadFailure(first);
                FaultFigures.firstLoad("cache", fault, first);
                long afterFirstLoad = endpoint.attempts();
                assertThat(catchThrowable(() -> cache.getSecretString(cold))).isSameAs(first);
                assertThat(endpoint.attempts()).isEqualTo(afterFirstLoad);

                // Backoff bounds the checks: a read every 250 ms for 30 s of cache time.
                long reads = WINDOW.toMillis() / STEP.toMillis();
                long describesBeforeWindow = describes(cache);
                long attemptsBeforeWindow = endpoint.attempts();
                for (int i = 0; i < reads; i++) {
                    ticker.advance(STEP);
                    assertThat(cache.getSecretString(hot)).isEqualTo(hotValue);
                }
                int checks = (int) (describes(cache) - describesBeforeWindow);
                long windowCalls = endpoint.attempts() - attemptsBeforeWindow;
                failures = 1 + checks;
                assertThat(checks).as("version checks of %s during %s of failures, %s reads", hot, WINDOW, reads)
                        .isBetween(Backoff.minRetries(WINDOW, STEP), Backoff.maxRetries(WINDOW));
                assertThat(windowCalls).as("API calls during the window").isLessThanOrEqualTo(
                        (long) Backoff.maxRetries(WINDOW) * SDK_ATTEMPTS);
                FaultFigures.record("cache", fault, reads, checks, windowCalls, endpoint.attempts() - attemptsBefore);
            } finally {
                fault.off(endpoint);
            }

            // Recovery by itself: reads go on and the next scheduled retry succeeds within the backoff ceiling.
            long staleBefore = cache.stats().staleServeCount();
            Duration waited = Duration.ZERO;
            long describesBefore = describes(cache);
            while (describes(cache) == describesBefore) {
                ticker.advance(STEP);
                waited = waited.plus(STEP);
                assertThat(waited).as("time to the first retry after the fault cleared")
                        .isLessThanOrEqualTo(Backoff.ceiling(failures));
                assertThat(cache.getSecretString(hot)).isEqualTo(hotValue);
            }
            long staleAfterRetry = cache.stats().staleServeCount();
            assertThat(cache.getSecretString(hot)).isEqualTo(hotValue);
            assertThat(cache.stats().staleServeCount()).as("a fresh value after recovery").isEqualTo(staleAfterRetry);
            assertThat(staleAfterRetry).isGreaterThanOrEqualTo(staleBefore);
            FaultFigures.recovery("cache", fault, waited, failures);
            assertThat(cache.getSecretString(cold)).isEqualTo(coldValue);
        }
    }

    /** DescribeSecret calls the cache made (one per version check, whatever the SDK retried underneath). */
    static long describes(SecretCache cache) {
        return cache.stats().apiCallCount("DescribeSecret");
    }
}
