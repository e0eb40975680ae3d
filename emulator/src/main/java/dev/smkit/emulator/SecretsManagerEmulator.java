package dev.smkit.emulator;

import com.sun.net.httpserver.HttpServer;
import dev.smkit.emulator.internal.FaultPlan;
import dev.smkit.emulator.internal.RequestHandler;
import dev.smkit.emulator.internal.RotationRegistry;
import dev.smkit.emulator.internal.SecretStore;
import dev.smkit.emulator.internal.SigV4Verifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * An in-process AWS Secrets Manager on 127.0.0.1 that the real AWS SDK talks to over HTTP (AWS JSON 1.1, SigV4).
 *
 * <pre>{@code
 * try (SecretsManagerEmulator emulator = SecretsManagerEmulator.start()) {
 *     emulator.client().createSecret(r -> r.name("db").secretString("{\"password\":\"...\"}"));
 * }
 * }</pre>
 *
 * ARNs always use the configured {@link Builder#region(String) region}, whatever region a client signs with.
 */
public final class SecretsManagerEmulator implements AutoCloseable {
    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI endpoint;
    private final String region;
    private final String accountId;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final SecretStore store;
    private final RotationRegistry rotations = new RotationRegistry();
    private final FaultPlan faultPlan = new FaultPlan();
    private final Faults faults = new Faults(faultPlan);
    private final RequestHandler handler;
    private SecretsManagerClient client;
    private boolean closed;

    private SecretsManagerEmulator(Builder builder) {
        this.region = builder.region;
        this.accountId = builder.accountId;
        Map<String, String> credentials = builder.credentials();
        Map.Entry<String, String> first = credentials.entrySet().iterator().next();
        this.accessKeyId = first.getKey();
        this.secretAccessKey = first.getValue();
        this.store = new SecretStore(builder.clock, region, accountId);
        SigV4Verifier verifier = builder.verifySignatures ? new SigV4Verifier(credentials, builder.clock) : null;
        this.handler = new RequestHandler(store, rotations, faultPlan, verifier);
        // Without TCP_NODELAY every kept-alive request waits ~40 ms for a delayed ACK. The JDK reads it once per JVM.
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
        int serverId = SERVER_IDS.incrementAndGet();
        AtomicInteger threadIds = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "smkit-emulator-" + serverId + "-http-" + threadIds.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.port), 64);
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + builder.port, e);
        }
        server.createContext("/", handler);
        server.setExecutor(executor);
        server.start();
        this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Starts an emulator with the defaults: ephemeral port, us-east-1, account 000000000000, keys test/test. */
    public static SecretsManagerEmulator start() {
        return builder().start();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI endpoint() {
        return endpoint;
    }

    public int port() {
        return endpoint.getPort();
    }

    public String region() {
        return region;
    }

    public String accountId() {
        return accountId;
    }

    /** The first configured access key. */
    public String accessKeyId() {
        return accessKeyId;
    }

    public String secretAccessKey() {
        return secretAccessKey;
    }

    /** A shared client for this emulator, built on first use and closed by {@link #close()}. */
    public synchronized SecretsManagerClient client() {
        if (closed) {
            throw new IllegalStateException("The emulator at " + endpoint + " is closed");
        }
        if (client == null) {
            client = clientBuilder().build();
        }
        return client;
    }

    /**
     * A new client builder aimed at this emulator: endpoint override, region, static credentials of the first key pair,
     * URLConnection HTTP client and the SDK's default retries. Callers own and close what they build.
     */
    public SecretsManagerClientBuilder clientBuilder() {
        return SecretsManagerClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                // An instance rather than a builder, so that callers may swap it with .httpClient(...);
                // UrlConnectionHttpClient holds no resources that need closing.
                .httpClient(UrlConnectionHttpClient.create());
    }

    /** Requests that named {@code operation} in X-Amz-Target, whatever their outcome. */
    public long callCount(String operation) {
        if (operation == null) {
            throw new IllegalArgumentException("operation must be an operation name such as \"GetSecretValue\"");
        }
        LongAdder count = handler.callCounts().get(operation);
        return count == null ? 0 : count.sum();
    }

    /** An immutable snapshot of every non-zero call count, sorted by operation name. */
    public Map<String, Long> callCounts() {
        Map<String, Long> snapshot = new TreeMap<>();
        handler.callCounts().forEach((operation, count) -> {
            long sum = count.sum();
            if (sum > 0) {
                snapshot.put(operation, sum);
            }
        });
        return Map.copyOf(snapshot);
    }

    public void resetCallCounts() {
        handler.callCounts().clear();
    }

    public Faults faults() {
        return faults;
    }

    /**
     * Makes RotateSecret on {@code secretId} (a name, ARN or partial ARN; the secret need not exist yet) run
     * {@code function}'s steps synchronously. Replaces an earlier registration under the same id.
     */
    public void registerRotation(String secretId, RotationFunction function) {
        if (secretId == null || secretId.isEmpty()) {
            throw new IllegalArgumentException("secretId must be a secret name or ARN");
        }
        rotations.register(secretId, Objects.requireNonNull(function, "function"));
    }

    /** Every rotation step that failed since the last {@link #reset()}, oldest first. */
    public List<RotationFailure> rotationFailures() {
        List<RotationFailure> result = new ArrayList<>();
        for (RotationRegistry.StepFailure failure : rotations.failures()) {
            result.add(new RotationFailure(failure.secretName, failure.token, failure.step, failure.exceptionClass,
                    failure.failedAt));
        }
        return List.copyOf(result);
    }

    /** Empties the store and clears call counts, faults, rotation functions and failures; the server keeps running. */
    public void reset() {
        faultPlan.clear();
        store.clear();
        rotations.clear();
        resetCallCounts();
    }

    /** Stops the server (held requests are released and dropped) and closes the shared client. */
    @Override
    public void close() {
        SecretsManagerClient toClose;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = client;
            client = null;
        }
        faultPlan.clear();
        server.stop(0);
        executor.shutdownNow();
        if (toClose != null) {
            toClose.close();
        }
    }

    /** For {@link Main}'s preload: direct store access, not API calls. */
    SecretStore store() {
        return store;
    }

    @Override
    public String toString() {
        return "SecretsManagerEmulator[" + endpoint + ", region=" + region + ", account=" + accountId + "]";
    }

    /** Configuration; validated as it is set. */
    public static final class Builder {
        private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");
        private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

        private int port;
        private String region = "us-east-1";
        private String accountId = "000000000000";
        private final Map<String, String> credentials = new LinkedHashMap<>();
        private boolean verifySignatures = true;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** 0 (the default) picks a free port. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, got " + port);
            }
            this.port = port;
            return this;
        }

        /** The region in ARNs; default us-east-1. */
        public Builder region(String region) {
            if (region == null || !REGION.matcher(region).matches()) {
                throw new IllegalArgumentException("region must be lower-case letters, digits and '-', e.g. us-east-1; got "
                        + region);
            }
            this.region = region;
            return this;
        }

        /** The 12-digit account id in ARNs; default 000000000000. */
        public Builder accountId(String accountId) {
            if (accountId == null || !ACCOUNT.matcher(accountId).matches()) {
                throw new IllegalArgumentException("accountId must be 12 digits, got " + accountId);
            }
            this.accountId = accountId;
            return this;
        }

        /** Adds an accepted key pair. The first call replaces the default pair test/test. */
        public Builder credentials(String accessKeyId, String secretAccessKey) {
            if (accessKeyId == null || accessKeyId.isEmpty() || accessKeyId.contains("/")) {
                throw new IllegalArgumentException("accessKeyId must be non-empty without '/', got " + accessKeyId);
            }
            if (secretAccessKey == null || secretAccessKey.isEmpty()) {
                throw new IllegalArgumentException("secretAccessKey for access key " + accessKeyId + " must be non-empty");
            }
            credentials.put(accessKeyId, secretAccessKey);
            return this;
        }

        /** Whether SigV4 signatures are checked; default true. */
        public Builder verifySignatures(boolean verify) {
            this.verifySignatures = verify;
            return this;
        }

        /** The clock for dates and the SigV4 ±5-minute window; default the system UTC clock. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        private Map<String, String> credentials() {
            return credentials.isEmpty() ? Map.of("test", "test") : new LinkedHashMap<>(credentials);
        }

        public SecretsManagerEmulator start() {
            return new SecretsManagerEmulator(this);
        }
    }
}
