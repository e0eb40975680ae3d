package dev.smkit.reliability.support;

import dev.smkit.emulator.SecretsManagerEmulator;
import java.time.Duration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * One emulator per test JVM. Wrapper drivers created by class name find it through the system properties a user
 * would set; their process-wide caches keep the endpoint they first saw, so it never changes. Tests isolate
 * themselves by secret name and clear faults when done.
 */
public final class SharedEmulator {

    /**
     * Attempt and call timeouts of {@link #timedClient()}: shorter than smkit's own defaults (5 s / 15 s, see
     * DefaultClients) so that a fault costs each check at most 1.5 s of real time in these tests.
     */
    public static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(500);
    public static final Duration CALL_TIMEOUT = Duration.ofMillis(1500);

    private SharedEmulator() {
    }

    public static SecretsManagerEmulator get() {
        return Holder.EMULATOR;
    }

    /**
     * A client as a production configuration should build it: SDK default retries, with attempt and call timeouts,
     * and HTTP connect/read timeouts. Caller closes it.
     */
    public static SecretsManagerClient timedClient() {
        return timedClientBuilder().build();
    }

    /** The builder of {@link #timedClient()}, with extra interceptors. */
    public static SecretsManagerClientBuilder timedClientBuilder(ExecutionInterceptor... interceptors) {
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .apiCallAttemptTimeout(ATTEMPT_TIMEOUT)
                .apiCallTimeout(CALL_TIMEOUT);
        for (ExecutionInterceptor interceptor : interceptors) {
            override.addExecutionInterceptor(interceptor);
        }
        return get().clientBuilder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofMillis(500))
                        .socketTimeout(CALL_TIMEOUT)
                        .build())
                .overrideConfiguration(override.build());
    }

    /** The total number of requests the emulator received so far, whatever happened to them. */
    public static long totalCalls() {
        return get().callCounts().values().stream().mapToLong(Long::longValue).sum();
    }

    private static final class Holder {
        static final SecretsManagerEmulator EMULATOR = SecretsManagerEmulator.start();

        static {
            System.setProperty("drivers.endpointOverride", EMULATOR.endpoint().toString());
            System.setProperty("drivers.region", EMULATOR.region());
            System.setProperty("aws.region", EMULATOR.region());
            System.setProperty("aws.accessKeyId", EMULATOR.accessKeyId());
            System.setProperty("aws.secretAccessKey", EMULATOR.secretAccessKey());
            Runtime.getRuntime().addShutdownHook(new Thread(EMULATOR::close, "smkit-emulator-stop"));
        }
    }
}
