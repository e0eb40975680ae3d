package dev.smkit.emulator;

import com.sun.net.httpserver.HttpServer;
import dev.smkit.emulator.internal.FaultPlan;
import dev.smkit.emulator.internal.RequestHandler;
import dev.smkit.emulator.internal.RotationJob;
import dev.smkit.emulator.internal.RotationRegistry;
import dev.smkit.emulator.internal.Regions;
import dev.smkit.emulator.internal.RotationRunner;
import dev.smkit.emulator.internal.SecretStore;
import dev.smkit.emulator.internal.SigV4Verifier;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * One emulator serves every region: a request is for the region of its SigV4 credential scope (as each regional
 * endpoint of AWS is), each region has its own secrets, and ARNs carry the secret's region. {@link #client()} signs for
 * the configured {@link Builder#region(String) default region}; {@link #client(String)} for any other. Secrets can be
 * replicated between regions, and {@link Faults#region(String)} makes one region fail while the others work.
 *
 * <p>Rotation: {@link #registerRotation(String, RotationFunction)} stands in for a rotation Lambda. RotateSecret runs its
 * steps on a background thread by default ({@link RotationMode}); {@link #awaitRotation(String, Duration)} and
 * {@link RotationListener}s tell when they are done, {@link StepDelays} hold a rotation between steps, and
 * {@link #runDueRotations()} starts scheduled rotations once the {@link Builder#clock(Clock) clock} reaches their
 * NextRotationDate (every request checks this too).
 */
public final class SecretsManagerEmulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerEmulator.class);
    private static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";
    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    private final HttpServer server;
    private final ExecutorService executor;
    private final URI endpoint;
    private final String region;
    private final String accountId;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final Regions regions;
    private final RotationRegistry rotations = new RotationRegistry();
    private final RotationRunner rotationRunner;
    private final RotationMode rotationMode;
    private final List<RotationListener> rotationListeners = new CopyOnWriteArrayList<>();
    private final FaultPlan faultPlan;
    private final Faults faults;
    private final RequestHandler handler;
    private SecretsManagerClient client;
    private final Map<String, SecretsManagerClient> regionalClients = new TreeMap<>();
    private final HttpServer agentServer;
    private final String agentToken;
    private boolean closed;

    private SecretsManagerEmulator(Builder builder) {
        this.region = builder.region;
        this.accountId = builder.accountId;
        Map<String, String> credentials = builder.credentials();
        Map.Entry<String, String> first = credentials.entrySet().iterator().next();
        this.accessKeyId = first.getKey();
        this.secretAccessKey = first.getValue();
        this.regions = new Regions(builder.clock, region, accountId);
        this.faultPlan = new FaultPlan(builder.clock);
        this.faults = new Faults(faultPlan);
        // Replication to an unreachable region waits (InProgress) and catches up when the region is back.
        regions.unreachableWhen(faultPlan::isUnreachable);
        // Held replication: replicas of that region lag (keep what they had) and catch up on release.
        regions.replicationHeldWhen(faultPlan::isReplicationHeld);
        faultPlan.onRecovery(regions::resync);
        int serverId = SERVER_IDS.incrementAndGet();
        this.rotationMode = builder.rotationMode;
        this.rotationRunner = new RotationRunner(regions, rotations, rotationMode == RotationMode.SYNCHRONOUS,
                builder.stepDelays, new ListenerFanOut(), "smkit-emulator-" + serverId + "-rotation-");
        // The signing window uses its own clock: a test that moves the data clock keeps signature checks on.
        SigV4Verifier verifier = builder.verifySignatures ? new SigV4Verifier(credentials, builder.signingClock) : null;
        this.handler = new RequestHandler(regions, rotations, rotationRunner, faultPlan, verifier);
        // Without TCP_NODELAY every kept-alive request waits ~40 ms for a delayed ACK. The JDK reads it once per JVM.
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
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
            rotationRunner.close();
            throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + builder.port, e);
        }
        server.createContext("/", handler);
        server.createContext(ControlApi.PREFIX, new ControlApi(this));
        server.setExecutor(executor);
        this.agentToken = builder.agentToken;
        HttpServer agent = null;
        if (builder.agentPort >= 0) {
            try {
                agent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), builder.agentPort), 64);
            } catch (IOException e) {
                executor.shutdownNow();
                rotationRunner.close();
                throw new UncheckedIOException("Cannot listen on 127.0.0.1:" + builder.agentPort + " (Agent endpoint)", e);
            }
            agent.createContext("/", new AgentApi(this));
            agent.setExecutor(executor);
        }
        this.agentServer = agent;
        server.start();
        if (agent != null) {
            agent.start();
        }
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

    /**
     * The Secrets Manager Agent endpoint ({@code http://127.0.0.1:<agent port>}), or null when the builder did not ask
     * for one ({@link Builder#agentPort(int)}).
     */
    public URI agentEndpoint() {
        return agentServer == null ? null : URI.create("http://127.0.0.1:" + agentServer.getAddress().getPort());
    }

    /** The token the Agent endpoint requires in {@code X-Aws-Parameters-Secrets-Token}. */
    public String agentToken() {
        return agentToken;
    }

    /** Every operation the emulator implements: all operations of the Secrets Manager API, sorted. */
    public static java.util.Set<String> supportedOperations() {
        return RequestHandler.operationNames();
    }

    /**
     * A shared client signing for {@code region} (its requests work on that region's secrets), built on first use and
     * closed by {@link #close()}. {@code client(region())} is {@link #client()}.
     */
    public synchronized SecretsManagerClient client(String region) {
        if (region.equals(this.region)) {
            return client();
        }
        if (closed) {
            throw new IllegalStateException("The emulator at " + endpoint + " is closed");
        }
        return regionalClients.computeIfAbsent(region, r -> clientBuilder(r).build());
    }

    /** Like {@link #clientBuilder()}, signing for {@code region}. */
    public SecretsManagerClientBuilder clientBuilder(String region) {
        if (region == null || !Builder.REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("region must be lower-case letters, digits and '-', e.g. us-east-1; got "
                    + region);
        }
        return clientBuilder().region(Region.of(region));
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
        // Only real operations are counted; a made-up name is 0 and creates nothing.
        if (operation == null) {
            throw new IllegalArgumentException("operation must be an operation name such as \"GetSecretValue\"");
        }
        LongAdder count = handler.callCounts().get(operation);
        return count == null ? 0 : count.sum();
    }

    /**
     * Requests of one region (the region of their SigV4 scope, else the default region) that named {@code operation},
     * whatever their outcome; {@code "*"} counts every operation of the region.
     */
    public long callCount(String region, String operation) {
        if (operation == null) {
            throw new IllegalArgumentException("operation must be an operation name such as \"GetSecretValue\" or "
                    + "\"*\"");
        }
        long sum = 0;
        for (Map.Entry<String, Long> count : callCounts(region).entrySet()) {
            if (operation.equals("*") || operation.equals(count.getKey())) {
                sum += count.getValue();
            }
        }
        return sum;
    }

    /** Like {@link #callCounts()}, for the requests of one region. */
    public Map<String, Long> callCounts(String region) {
        if (region == null) {
            throw new IllegalArgumentException("region must be a region name such as \"us-east-1\"");
        }
        String prefix = region + ' ';
        Map<String, Long> snapshot = new TreeMap<>();
        handler.regionCallCounts().forEach((key, count) -> {
            long sum = count.sum();
            if (sum > 0 && key.startsWith(prefix)) {
                snapshot.put(key.substring(prefix.length()), sum);
            }
        });
        return Collections.unmodifiableMap(snapshot);
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
        return Collections.unmodifiableMap(snapshot);
    }

    public void resetCallCounts() {
        handler.callCounts().clear();
        handler.regionCallCounts().clear();
    }

    public Faults faults() {
        return faults;
    }

    /**
     * Makes RotateSecret on {@code secretId} (a name, ARN or partial ARN; the secret need not exist yet) run
     * {@code function}'s steps, with the emulator's {@link Builder#rotationStepDelays(StepDelays) step delays}. Replaces
     * an earlier registration under the same id.
     */
    public void registerRotation(String secretId, RotationFunction function) {
        register(secretId, function, null);
    }

    /**
     * Like {@link #registerRotation(String, RotationFunction)}, with step delays for this secret's rotations only
     * (instead of the emulator's).
     */
    public void registerRotation(String secretId, RotationFunction function, StepDelays delays) {
        register(secretId, function, Objects.requireNonNull(delays, "delays"));
    }

    private void register(String secretId, RotationFunction function, StepDelays delays) {
        if (secretId == null || secretId.isEmpty()) {
            throw new IllegalArgumentException("secretId must be a secret name or ARN");
        }
        rotations.register(secretId, Objects.requireNonNull(function, "function"), delays);
    }

    /** How RotateSecret runs rotation steps (see {@link Builder#rotationMode(RotationMode)}). */
    public RotationMode rotationMode() {
        return rotationMode;
    }

    /** Every rotation step that failed since the last {@link #reset()}, oldest first. */
    public List<RotationFailure> rotationFailures() {
        List<RotationFailure> result = new ArrayList<>();
        for (RotationRegistry.StepFailure failure : rotations.failures()) {
            result.add(failure(failure));
        }
        return List.copyOf(result);
    }

    private static RotationFailure failure(RotationRegistry.StepFailure failure) {
        return new RotationFailure(failure.secretName, failure.token, failure.step, failure.exceptionClass,
                failure.failedAt);
    }

    /**
     * Waits for the latest rotation of a secret (started by RotateSecret or by the schedule) to end, and returns how it
     * ended: succeeded, failed (with the {@link RotationFailure}) or cancelled. A rotation that already ended is returned
     * at once, so this also works after a synchronous rotation. When it returns, the secret accepts a new RotateSecret
     * (unless a failed rotation left AWSPENDING behind).
     *
     * @param secretId name, ARN or partial ARN of the secret
     * @param timeout  how long to wait at most
     * @throws RotationTimeoutException when the rotation is still running after {@code timeout}; it keeps running
     * @throws IllegalStateException    when no rotation of the secret started since the last {@link #reset()}, or the
     *                                  waiting thread is interrupted (its interrupt flag is set again)
     */
    public RotationOutcome awaitRotation(String secretId, Duration timeout) {
        return await(secretId, null, timeout);
    }

    /**
     * Like {@link #awaitRotation(String, Duration)}, for the rotation with pending version {@code versionId} (the
     * {@code VersionId} RotateSecret answered). The emulator remembers the last 16 rotations of each secret.
     */
    public RotationOutcome awaitRotation(String secretId, String versionId, Duration timeout) {
        return await(secretId, Objects.requireNonNull(versionId, "versionId"), timeout);
    }

    private RotationOutcome await(String secretId, String versionId, Duration timeout) {
        Objects.requireNonNull(secretId, "secretId");
        Objects.requireNonNull(timeout, "timeout");
        RotationJob job = rotationRunner.find(secretId, versionId);
        if (job == null) {
            throw new IllegalStateException("No rotation of secret " + secretId
                    + (versionId == null ? "" : " with version " + versionId) + " has started since the last reset()");
        }
        try {
            return outcome(job.done().get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            throw new RotationTimeoutException(job.secretName(), job.token(), timeout, job.activity());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the rotation of secret " + job.secretName(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Rotation bookkeeping failed", e); // the future is only ever completed normally
        }
    }

    private static RotationOutcome outcome(RotationJob job) {
        RotationOutcome.Status status;
        switch (job.result()) {
            case SUCCEEDED:
                status = RotationOutcome.Status.SUCCEEDED;
                break;
            case FAILED:
                status = RotationOutcome.Status.FAILED;
                break;
            default:
                status = RotationOutcome.Status.CANCELLED;
                break;
        }
        RotationFailure failure = job.failure() == null ? null : failure(job.failure());
        return new RotationOutcome(job.secretName(), job.token(), status, failure, job.scheduled(), job.startedAt(),
                job.endedAt());
    }

    /** Adds a listener for rotation steps and outcomes; {@link #reset()} removes all listeners. */
    public void addRotationListener(RotationListener listener) {
        rotationListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeRotationListener(RotationListener listener) {
        rotationListeners.remove(listener);
    }

    /**
     * Starts the scheduled rotations whose NextRotationDate the emulator clock has reached, and returns how many started
     * (each at most once, however many windows were missed; its success schedules the next one). Every request does the
     * same check first, so after moving a {@link Builder#clock(Clock) controllable clock} forward either call this or
     * send any request. In asynchronous mode the rotations run in the background (use {@link #awaitRotation}); in
     * synchronous mode they have ended when this returns. A due rotation that cannot start (no registered function,
     * AWSPENDING left by an unfinished rotation, secret scheduled for deletion) is logged and not retried.
     */
    public int runDueRotations() {
        return rotationRunner.runDueRotations();
    }

    /**
     * Empties the store and clears call counts, faults, rotation functions, listeners and failures; rotations in
     * progress are cancelled (a step already running may finish, but can no longer change anything) and forgotten.
     * The server keeps running.
     */
    public void reset() {
        faultPlan.clear();
        rotationRunner.reset();
        regions.clear();
        rotationListeners.clear();
        resetCallCounts();
    }

    /**
     * Stops the server (held requests are released and dropped), cancels rotations in progress (waiting delays end,
     * rotation threads are interrupted) and closes the shared client.
     */
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
        List<SecretsManagerClient> regional;
        synchronized (this) {
            regional = new ArrayList<>(regionalClients.values());
            regionalClients.clear();
        }
        faultPlan.clear();
        rotationRunner.close();
        server.stop(0);
        if (agentServer != null) {
            agentServer.stop(0);
        }
        executor.shutdownNow();
        if (toClose != null) {
            toClose.close();
        }
        regional.forEach(SecretsManagerClient::close);
    }

    /** For {@link Main}'s preload: direct access to the default region's store, not API calls. */
    SecretStore store() {
        return regions.defaultStore();
    }

    Regions regions() {
        return regions;
    }

    RotationRegistry rotationRegistry() {
        return rotations;
    }

    @Override
    public String toString() {
        return "SecretsManagerEmulator[" + endpoint + ", region=" + region + ", account=" + accountId + "]";
    }

    /** Forwards the runner's events to the registered listeners; a listener that throws is logged and skipped. */
    private final class ListenerFanOut implements RotationRunner.Events {
        @Override
        public void step(String secretName, String token, RotationStep step, StepPhase phase) {
            for (RotationListener listener : rotationListeners) {
                try {
                    listener.onStep(secretName, token, step, phase);
                } catch (RuntimeException | LinkageError | AssertionError e) {
                    LOG.warn("RotationListener.onStep threw {} for step {} of secret {}", e.getClass().getName(), step,
                            secretName);
                }
            }
        }

        @Override
        public void ended(RotationJob job) {
            if (rotationListeners.isEmpty()) {
                return;
            }
            RotationOutcome outcome = outcome(job);
            for (RotationListener listener : rotationListeners) {
                try {
                    listener.onOutcome(outcome);
                } catch (RuntimeException | LinkageError | AssertionError e) {
                    LOG.warn("RotationListener.onOutcome threw {} for secret {}", e.getClass().getName(),
                            job.secretName());
                }
            }
        }
    }

    /** Configuration; validated as it is set. */
    public static final class Builder {
        static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");
        private static final Pattern ACCOUNT = Pattern.compile("[0-9]{12}");

        private int port;
        private String region = "us-east-1";
        private String accountId = "000000000000";
        private final Map<String, String> credentials = new LinkedHashMap<>();
        private boolean verifySignatures = true;
        private Clock clock = Clock.systemUTC();
        private Clock signingClock = Clock.systemUTC();
        private int agentPort = -1;
        private String agentToken = "smkit-agent-token";
        private RotationMode rotationMode = RotationMode.ASYNCHRONOUS;
        private StepDelays stepDelays = StepDelays.none();

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

        /**
         * The default region: {@link #client()} signs for it, and requests without a usable SigV4 scope (only possible
         * with signature checks off) go to it; default us-east-1.
         */
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

        /**
         * The clock for data: creation and change dates, deletion windows and scheduled rotations; default the system
         * UTC clock. It does not move the SigV4 window ({@link #signingClock(Clock)}), so signature checks can stay on.
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The clock of the SigV4 ±5-minute window; default the system UTC clock (what signing clients use). */
        public Builder signingClock(Clock clock) {
            this.signingClock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Also serves the Secrets Manager Agent protocol (GET /secretsmanager/get?secretId=..., GET /v1/<id>) on this
         * port of 127.0.0.1 (0 = any free port; the Agent's own default is 2773); default off.
         */
        public Builder agentPort(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("agentPort must be 0-65535, got " + port);
            }
            this.agentPort = port;
            return this;
        }

        /** The token the Agent endpoint requires in X-Aws-Parameters-Secrets-Token; default smkit-agent-token. */
        public Builder agentToken(String token) {
            if (token == null || token.isEmpty()) {
                throw new IllegalArgumentException("agentToken must be non-empty");
            }
            this.agentToken = token;
            return this;
        }

        /**
         * How RotateSecret runs rotation steps: {@link RotationMode#ASYNCHRONOUS} (the default, as AWS) or
         * {@link RotationMode#SYNCHRONOUS} (inside the request, which answers 400 naming a failed step).
         */
        public Builder rotationMode(RotationMode mode) {
            this.rotationMode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * The wait before each rotation step, for every secret registered without its own delays; default
         * {@link StepDelays#none()}. See {@link SecretsManagerEmulator#registerRotation(String, RotationFunction,
         * StepDelays)} for one secret.
         */
        public Builder rotationStepDelays(StepDelays delays) {
            this.stepDelays = Objects.requireNonNull(delays, "delays");
            return this;
        }

        RotationMode rotationMode() {
            return rotationMode;
        }

        StepDelays rotationStepDelays() {
            return stepDelays;
        }

        private Map<String, String> credentials() {
            return credentials.isEmpty() ? Map.of("test", "test") : new LinkedHashMap<>(credentials);
        }

        public SecretsManagerEmulator start() {
            return new SecretsManagerEmulator(this);
        }
    }
}
