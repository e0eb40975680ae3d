package dev.smkit.pools.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smkit.emulator.RotationFunction;
import dev.smkit.emulator.InjectedError;
import dev.smkit.emulator.RotationOutcome;
import dev.smkit.emulator.RotationStep;
import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.emulator.StepDelays;
import dev.smkit.emulator.StepPhase;
import dev.smkit.jdbc.testing.DatabaseRotation;
import dev.smkit.jdbc.testing.DatabaseServer;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * One secret for one test: a fresh database user, the secret in the emulator, and a registered rotation function
 * (single user or alternating users) that really changes the database.
 */
public final class RotationScenario {

    public enum Strategy { SINGLE_USER, ALTERNATING_USERS }

    /** Longest a rotation may take, step delays included, before {@link #rotate()} gives up. */
    static final Duration ROTATION_TIMEOUT = Duration.ofSeconds(60);

    /** Field conditions: how long the database has the new password while AWSCURRENT still holds the old one. */
    public static final Duration WINDOW = Duration.ofSeconds(2);
    /** Field conditions: how long Secrets Manager throttles DescribeSecret and GetSecretValue inside one window. */
    public static final Duration THROTTLING = Duration.ofSeconds(5);
    /**
     * After the outage, how long a cache may still wait before its next version check: its error backoff (1 s
     * doubling, jittered) reached during {@link #THROTTLING} of failures. Checks, forced ones included, wait it out by
     * design, so a pool that needs the new password may wait that long too.
     */
    public static final Duration RECOVERY = Duration.ofSeconds(10);

    private final AtomicInteger rotations = new AtomicInteger();
    private volatile int throttledRotation;       // 0: none
    private volatile Outage outage;
    /** Regions whose calls during the outage are told by {@link #callsDuringOutage}. */
    private volatile String[] countedRegions = new String[0];
    private final Map<String, Map<String, Long>> regionCallsAtOutageStart = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> regionCallsDuringOutage = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger throttlingsApplied = new AtomicInteger();
    private volatile Thread throttlingEnd;
    private volatile long throttledFromNanos;
    private volatile long throttledToNanos;
    private volatile Map<String, Long> callsAtThrottlingStart = java.util.Collections.emptyMap();
    private volatile Map<String, Long> callsAtThrottlingEnd = java.util.Collections.emptyMap();
    /** Every step change of this scenario's rotations, for the test's log: {nanoTime, step, phase, version, time of day}. */
    private final java.util.List<Object[]> timeline = new java.util.concurrent.CopyOnWriteArrayList<>();

    public final SecretsManagerEmulator emulator;
    public final DatabaseServer server;
    public final String secretId;
    public final String initialUser;
    public final Strategy strategy;

    private RotationScenario(SecretsManagerEmulator emulator, DatabaseServer server, String secretId, String user,
            Strategy strategy) {
        this.emulator = emulator;
        this.server = server;
        this.secretId = secretId;
        this.initialUser = user;
        this.strategy = strategy;
    }

    public static RotationScenario create(SecretsManagerEmulator emulator, DatabaseServer server, Strategy strategy)
            throws SQLException {
        return create(emulator, server, strategy, null);
    }

    /** {@code secretName} null: derived from the (unique) user name. */
    public static RotationScenario create(SecretsManagerEmulator emulator, DatabaseServer server, Strategy strategy,
            String secretName) throws SQLException {
        String user = RotationLoad.uniqueUser("pool");
        String password = "Pw1-" + UUID.randomUUID();
        server.createUser(user, password);
        RotationLoad.prepare(server);
        String secretId = secretName != null ? secretName : "pools/" + user;
        if (secretName != null) {
            // A fixed name (one a properties file names) outlives the test when the suite runs again in this JVM.
            try {
                emulator.client().deleteSecret(r -> r.secretId(secretName).forceDeleteWithoutRecovery(true));
            } catch (ResourceNotFoundException absent) {
                // the usual case: first run
            }
        }
        emulator.client().createSecret(r -> r.name(secretId).secretString(server.secretJson(user, password)));
        emulator.registerRotation(secretId, function(server, strategy));
        RotationScenario scenario = new RotationScenario(emulator, server, secretId, user, strategy);
        emulator.addRotationListener(scenario::record);
        return scenario;
    }

    private static RotationFunction function(DatabaseServer server, Strategy strategy) {
        return strategy == Strategy.SINGLE_USER
                ? DatabaseRotation.singleUser(server) : DatabaseRotation.alternatingUsers(server);
    }

    /**
     * Rotations as AWS runs them in the field: a {@link #WINDOW} between {@code setSecret} and {@code finishSecret}
     * (the single-user window: the database already has the new password, AWSCURRENT still the old one), and during
     * the window of rotation {@code throttledRotation} (1-based) DescribeSecret and GetSecretValue answer
     * ThrottlingException for {@link #THROTTLING}, reaching past the end of the window.
     */
    public RotationScenario inTheField(int throttledRotation) {
        return withOutageInWindow(throttledRotation, new Outage(THROTTLING, false) {
            @Override
            void begin() {
                emulator.faults().failNext("DescribeSecret", Integer.MAX_VALUE, InjectedError.throttling());
                emulator.faults().failNext("GetSecretValue", Integer.MAX_VALUE, InjectedError.throttling());
            }

            @Override
            void end() {
                emulator.faults().clear();
            }
        });
    }

    /**
     * Like {@link #inTheField}, with a regional outage instead of throttling: during the window of rotation
     * {@code rotation} (1-based), {@code region} becomes unreachable for {@code length}. No rotation starts while it is
     * out (RotateSecret goes to that region); the rotation under way finishes, as the emulator runs it in-process.
     */
    public RotationScenario inTheFieldWithRegionOutage(int rotation, String region, Duration length,
            String... countedRegions) {
        this.countedRegions = countedRegions.clone();
        return withOutageInWindow(rotation, new Outage(length, true) {
            @Override
            void begin() {
                emulator.faults().region(region).unreachable();
            }

            @Override
            void end() {
                emulator.faults().region(region).clear();
            }
        });
    }

    private RotationScenario withOutageInWindow(int rotation, Outage outage) {
        withStepDelays(StepDelays.none().with(RotationStep.FINISH_SECRET, WINDOW));
        this.throttledRotation = rotation;
        this.outage = outage;
        emulator.addRotationListener(this::beginOutageInsideTheWindow);
        return this;
    }

    /** A fault that begins inside a rotation window and ends {@code length} later. */
    private abstract static class Outage {
        final Duration length;
        /** Whether RotateSecret fails too, so that the next rotation waits for the end. */
        final boolean blocksRotation;

        Outage(Duration length, boolean blocksRotation) {
            this.length = length;
            this.blocksRotation = blocksRotation;
        }

        abstract void begin();

        abstract void end();
    }

    private void record(String secret, String versionId, RotationStep step, StepPhase phase) {
        if (secretId.equals(secret)) {
            timeline.add(new Object[] {System.nanoTime(), step, phase, versionId, java.time.LocalTime.now()});
        }
    }

    /** The step changes as "seconds into the run (time of day) step phase version-prefix", for the test's log. */
    private String describeTimeline(RotationLoad.Result result) {
        StringBuilder text = new StringBuilder();
        for (Object[] change : timeline) {
            text.append(text.length() == 0 ? "" : ", ").append(result.secondsIntoRun((Long) change[0])).append(" s (")
                    .append(change[4]).append(") ")
                    .append(change[1]).append(' ').append(change[2]).append(' ')
                    .append(((String) change[3]).substring(0, 4));
        }
        return text.toString();
    }

    private void beginOutageInsideTheWindow(String secret, String versionId, RotationStep step, StepPhase phase) {
        if (!secretId.equals(secret) || step != RotationStep.SET_SECRET || phase != StepPhase.FINISHED
                || rotations.get() != throttledRotation) {
            return;
        }
        Outage fault = outage;
        throttledFromNanos = System.nanoTime();
        callsAtThrottlingStart = emulator.callCounts();
        for (String region : countedRegions) {
            regionCallsAtOutageStart.put(region, emulator.callCounts(region));
        }
        fault.begin();
        throttlingsApplied.incrementAndGet();
        Thread clear = new Thread(() -> {
            try {
                Thread.sleep(fault.length.toMillis()); // scenario pacing: the outage lasts this long
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                for (String region : countedRegions) {
                    regionCallsDuringOutage.put(region, difference(emulator.callCounts(region),
                            regionCallsAtOutageStart.get(region)));
                }
                fault.end();
                throttledToNanos = System.nanoTime();
                callsAtThrottlingEnd = emulator.callCounts();
            }
        }, "rotation-scenario-outage");
        clear.setDaemon(true);
        throttlingEnd = clear;
        clear.start();
    }

    /**
     * The most version checks a cache with {@code ttl} makes on its own in {@code result}'s run: TTLs are jittered into
     * [TTL/2, TTL], plus the first load and one refresh ahead.
     */
    public static long ttlChecks(RotationLoad.Result result, Duration ttl) {
        return result.elapsedMillis / (ttl.toMillis() / 2) + 2;
    }

    /**
     * Calls answered with ThrottlingException during {@link #inTheField}'s outage, at most: the SDK's default retry
     * policy makes up to 3 attempts per call, and the cache's backoff (1 s doubling) allows at most 4 checks in
     * {@link #THROTTLING}, each DescribeSecret (then GetSecretValue once DescribeSecret works again).
     */
    public static final long THROTTLED_CALLS = 3L * 4;

    /** How many times {@link #inTheField} throttling was applied (1 once its rotation ran). */
    public int throttlingsApplied() {
        return throttlingsApplied.get();
    }

    /**
     * Makes this scenario's rotations wait before their steps, e.g. {@code StepDelays.parse("finishSecret=1s")} keeps
     * the single-user window (new password in the database, old AWSCURRENT) open for a second. No delays by default.
     */
    public RotationScenario withStepDelays(StepDelays delays) {
        emulator.registerRotation(secretId, function(server, strategy), delays);
        return this;
    }

    /**
     * RotateSecret through the SDK, then waits until the rotation has finished: the emulator answers at once and runs
     * the four steps in the background, as AWS does.
     */
    public void rotate() {
        Outage fault = outage;
        Thread end = throttlingEnd;
        if (fault != null && fault.blocksRotation && end != null) {
            awaitEnd(end);
        }
        rotations.incrementAndGet();
        emulator.client().rotateSecret(r -> r.secretId(secretId));
        RotationOutcome outcome = emulator.awaitRotation(secretId, ROTATION_TIMEOUT);
        assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
    }

    private static void awaitEnd(Thread outageEnd) {
        try {
            outageEnd.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Long> difference(Map<String, Long> later, Map<String, Long> earlier) {
        Map<String, Long> calls = new java.util.TreeMap<>();
        later.forEach((operation, count) -> {
            long made = count - earlier.getOrDefault(operation, 0L);
            if (made > 0) {
                calls.put(operation, made);
            }
        });
        return calls;
    }

    /**
     * The calls {@code region} received (whatever their outcome) during the region outage, by operation; one of the
     * regions passed to {@link #inTheFieldWithRegionOutage}, read once the outage has ended.
     */
    public Map<String, Long> callsDuringOutage(String region) {
        return regionCallsDuringOutage.getOrDefault(region, java.util.Collections.emptyMap());
    }

    /** The outage's start and end as {@link System#nanoTime()} readings (0 before it began or ended). */
    public long outageFromNanos() {
        return throttledFromNanos;
    }

    public long outageToNanos() {
        return throttledToNanos;
    }

    /** The AWSCURRENT JSON, read straight from the emulator (counts one GetSecretValue). */
    public Map<String, JsonNode> current() {
        String json = emulator.client().getSecretValue(r -> r.secretId(secretId)).secretString();
        return JsonNode.parser().parse(json).asObject();
    }

    /**
     * The checks every rotation test makes: no failed borrow or query, every rotation completed (AWSCURRENT moved
     * {@code rotations} times and no step failed), a connection opened after the run logs in as the current secret's
     * user, and the API calls stayed within the bounds.
     */
    public void assertOutcome(RotationLoad.Result result, DataSource pool, Runnable retireConnections,
            long maxDescribeSecret, long maxGetSecretValue) throws SQLException {
        Thread throttling = throttlingEnd;
        if (throttling != null) {
            awaitEnd(throttling); // the outage is over before the checks below read the emulator
        }
        assertThat(throttlingsApplied.get()).as("throttled windows").isEqualTo(throttledRotation > 0 ? 1 : 0);
        Map<String, Long> calls = emulator.callCounts();
        System.out.printf("rotation run %s: %d operations in %d ms (fewest between two rotations: %d; outside the"
                + " outage: %d), calls %s%n", secretId, result.operations, result.elapsedMillis,
                result.operationsBetweenRotationsMin,
                result.fewestOperationsBetweenRotationsOutside(throttledFromNanos,
                        throttledToNanos + RECOVERY.toNanos()), calls);
        System.out.println("  operations per interval between rotations (start s: count), outage from "
                + result.secondsIntoRun(throttledFromNanos) + " s to " + result.secondsIntoRun(throttledToNanos)
                + " s: " + result.describeIntervals());
        System.out.println("  rotation steps: " + describeTimeline(result));
        String describeByPhase = throttlingsApplied.get() == 0 ? "DescribeSecret calls (no outage)"
                : "DescribeSecret calls before / during / after the outage: "
                + callsAtThrottlingStart.getOrDefault("DescribeSecret", 0L) + " / "
                + (callsAtThrottlingEnd.getOrDefault("DescribeSecret", 0L)
                        - callsAtThrottlingStart.getOrDefault("DescribeSecret", 0L)) + " / "
                + (calls.getOrDefault("DescribeSecret", 0L) - callsAtThrottlingEnd.getOrDefault("DescribeSecret", 0L))
                + " in " + result.elapsedMillis + " ms";
        System.out.println("  " + describeByPhase);
        assertThat(result.failures).as("failed borrows or queries (first ones)").isEmpty();
        assertThat(result.failureCount).as("failed borrows or queries").isZero();
        assertThat(result.operations).as("operations").isGreaterThan(RotationLoad.THREADS * 10L);
        assertThat(result.rotations).isEqualTo(RotationLoad.ROTATIONS);
        // Progress between every two consecutive rotations, except during the throttling outage and the cache's
        // recovery after it: then no login can learn a new password, so a pool whose connections were all just
        // retired waits (without failing).
        long fewest = throttlingsApplied.get() == 0 ? result.operationsBetweenRotationsMin
                : result.fewestOperationsBetweenRotationsOutside(throttledFromNanos,
                        throttledToNanos + RECOVERY.toNanos());
        assertThat(fewest).as("operations between two consecutive rotations outside the outage (fewest)")
                .isPositive();
        assertThat(emulator.rotationFailures()).filteredOn(failure -> failure.secretId().equals(secretId))
                .as("failed rotations of this scenario's secret").isEmpty();
        assertThat(emulator.client().listSecretVersionIds(r -> r.secretId(secretId).includeDeprecated(true)).versions())
                .as("one version per rotation plus the initial one").hasSize(RotationLoad.ROTATIONS + 1);
        Map<String, JsonNode> current = current();
        String expectedUser = current.get("username").asString();
        if (strategy == Strategy.ALTERNATING_USERS) {
            // An even number of rotations brings the original user back (with a new password).
            assertThat(expectedUser).isEqualTo(RotationLoad.ROTATIONS % 2 == 0 ? initialUser : initialUser + "_clone");
        }
        retireConnections.run();
        assertThat(RotationLoad.currentUser(pool)).as("user of a connection opened after the last rotation")
                .isEqualTo(expectedUser);
        assertThat(calls.getOrDefault("DescribeSecret", 0L)).as(describeByPhase).isLessThanOrEqualTo(maxDescribeSecret);
        assertThat(calls.getOrDefault("GetSecretValue", 0L)).as("GetSecretValue calls").isLessThanOrEqualTo(maxGetSecretValue);
    }
}
