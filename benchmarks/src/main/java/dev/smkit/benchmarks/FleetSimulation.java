package dev.smkit.benchmarks;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.caching.SecretVersion;
import com.amazonaws.secretsmanager.sql.internal.CachedSecret;
import com.amazonaws.secretsmanager.sql.internal.DriverSettings;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import com.amazonaws.secretsmanager.sql.internal.LoginRetry;
import com.amazonaws.secretsmanager.sql.internal.RetryTiming;
import com.amazonaws.secretsmanager.sql.internal.RotationWindows;
import com.amazonaws.secretsmanager.sql.internal.SettingSources;
import dev.smkit.emulator.SecretsManagerEmulator;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A fleet of N application processes, each with its own {@link SecretCache} configured as the JDBC drivers configure
 * theirs (TTL 1 h, no refreshNow jitter, refresh ahead as by default), reading S secrets from one emulator, in virtual
 * time: every cache's ticker and the emulator's data clock read one hand-moved clock, advanced one second per step, so
 * hours pass in seconds. Each step, every process reads each of its secrets once (reads in between would be hits).
 * API calls per second are the emulator's call counts per step.
 *
 * <p>Scenarios:
 * <ul>
 *   <li>{@code cache}: the whole fleet starts in the same second (optionally with {@code prefetch}), runs 2 h, then
 *       secret 0 gets a new version and it runs 1 h more: cold-start burst, re-check wave, steady rate, how the new
 *       version spreads.</li>
 *   <li>{@code jdbc}: every process also logs in to a simulated database once per step through the drivers' real
 *       {@link LoginRetry} (its own {@link RotationWindows}, PostgreSQL's real "wrong password" exception). The
 *       processes start at random seconds of the first hour, so the fleet is in steady state; at 5,400 s a
 *       single-user rotation starts: AWSPENDING is created, the database password changes 2 s later (setSecret) and
 *       AWSCURRENT moves 60 s after that (finishSecret). Every process's logins fail at once: the burst of version
 *       checks this scenario measures, with and without {@code drivers.retry.checkSpreadMillis}.</li>
 * </ul>
 * A sleep of the login retry (check spread or backoff) cannot block the simulation: it ends that connect attempt and
 * the process resumes it at the virtual second the sleep ends, with the time budget left. The SDK's own retries are
 * off (their waits are wall-clock time, which this simulation compresses); the cache's backoff and the login retry
 * are what recover from throttling here, so throttled runs are pessimistic.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.smkit.benchmarks.FleetSimulation --scenario jdbc
 * --processes 100,1000,5000 [--secrets 1] [--check-spread-ms 0] [--prefetch] [--throttle-get N]
 * [--throttle-describe N] [--throttle-batch N]}
 */
public final class FleetSimulation {

    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    /** JDBC scenario: processes start spread over the first hour (a fleet in steady state), then the rotation. */
    private static final int STAGGERED_START = 3_600;
    private static final int ROTATION_AT = 5_400;
    private static final int SET_SECRET_AFTER = 2;
    private static final int FINISH_SECRET_AFTER = 62;
    private static final int JDBC_END = ROTATION_AT + 900;
    private static final int CACHE_ROTATION_AT = 7_200;
    private static final int CACHE_END = 10_800;
    private static final String[] OPERATIONS = {"DescribeSecret", "GetSecretValue", "BatchGetSecretValue"};
    private static final Connection CONNECTION = (Connection) Proxy.newProxyInstance(
            FleetSimulation.class.getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> null);

    /** The virtual time, in nanoseconds since the start. */
    private final AtomicLong now = new AtomicLong();
    private final Options options;
    private final SecretsManagerEmulator emulator;
    private final SecretsManagerClient client;
    private final ExecutorService workers = Executors.newFixedThreadPool(8);
    private final String[] secretIds;
    /** The simulated database's password for user "app"; changed by setSecret. */
    private volatile String databasePassword;

    private FleetSimulation(Options options) {
        this.options = options;
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        Clock virtual = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Instant instant() {
                return start.plusNanos(now.get());
            }
        };
        this.emulator = SecretsManagerEmulator.builder().clock(virtual).start();
        this.client = emulator.clientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
        this.secretIds = new String[options.secrets];
        for (int i = 0; i < options.secrets; i++) {
            secretIds[i] = "fleet/app-" + i;
            String id = secretIds[i];
            client.createSecret(r -> r.name(id).secretString(credentials("pw-0")));
        }
        databasePassword = "pw-0";
        if (options.throttleGet > 0) {
            emulator.faults().throttleAbove("GetSecretValue", options.throttleGet);
        }
        if (options.throttleDescribe > 0) {
            emulator.faults().throttleAbove("DescribeSecret", options.throttleDescribe);
        }
        if (options.throttleBatch > 0) {
            emulator.faults().throttleAbove("BatchGetSecretValue", options.throttleBatch);
        }
    }

    private static String credentials(String password) {
        return "{\"username\":\"app\",\"password\":\"" + password + "\"}";
    }

    /** One application process: its cache, and for the JDBC scenario its driver state. */
    private final class Process {
        final SecretCache cache;
        final CachedSecret dbSecret;
        final RotationWindows windows = new RotationWindows();
        final long spreadSalt;
        /** Virtual second at which a connect that slept resumes, or -1. */
        long resumeAt = -1;
        long connectStartedNanos;
        /** The first virtual second this process logged in with the rotated password, or -1. */
        long firstNewLogin = -1;
        /** The first virtual second this process read the new value of secret 0, or -1. */
        long firstNewRead = -1;
        final int startAt;

        Process(Random random, int startAt) {
            this.startAt = startAt;
            cache = new SecretCache(new SecretCacheConfiguration().withClient(client)
                    .withCacheItemTTL(TimeUnit.HOURS.toMillis(1)).withForceRefreshJitterMillis(0)
                    .withStrictClose(true).withTicker(now::get).withRandom(new Random(random.nextLong())));
            dbSecret = new CachedSecret(cache, secretIds[0]);
            spreadSalt = random.nextLong();
        }
    }

    /** Thrown by the virtual sleep: the connect resumes at that virtual time. */
    private static final class Sleep extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final long millis;

        Sleep(long millis) {
            super(null, null, false, false);
            this.millis = millis;
        }
    }

    private final RetryTiming virtualTiming = new RetryTiming() {
        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public void sleep(long millis) {
            if (millis > 0) {
                throw new Sleep(millis);
            }
        }
    };

    /** What one scenario run measured. */
    private static final class Tally {
        final Map<String, long[]> perSecond = new HashMap<>();
        final LongAdder failedReads = new LongAdder();
        final LongAdder failedConnects = new LongAdder();
        final LongAdder rejectedLogins = new LongAdder();

        Tally(int seconds) {
            for (String operation : OPERATIONS) {
                perSecond.put(operation, new long[seconds + 2]);
            }
        }

        long peak(String operation, int from, int to) {
            long peak = 0;
            long[] series = perSecond.get(operation);
            for (int s = from; s < to; s++) {
                peak = Math.max(peak, series[s]);
            }
            return peak;
        }

        double mean(String operation, int from, int to) {
            long sum = 0;
            long[] series = perSecond.get(operation);
            for (int s = from; s < to; s++) {
                sum += series[s];
            }
            return sum / (double) (to - from);
        }
    }

    private Tally run(String scenario, int processes) throws Exception {
        boolean jdbc = scenario.equals("jdbc");
        int end = jdbc ? JDBC_END : CACHE_END;
        Random random = new Random(20261201L + processes);
        List<Process> fleet = new ArrayList<>();
        for (int i = 0; i < processes; i++) {
            fleet.add(new Process(random, jdbc ? random.nextInt(STAGGERED_START) : 0));
        }
        Tally tally = new Tally(end);
        Map<String, Long> before = counts();
        try {
            for (int second = 0; second <= end; second++) {
                now.set(second * SECOND);
                if (jdbc) {
                    rotationStep(second);
                } else if (second == CACHE_ROTATION_AT) {
                    client.putSecretValue(r -> r.secretId(secretIds[0]).secretString(credentials("pw-1")));
                }
                int current = second;
                List<Future<?>> done = new ArrayList<>();
                int slice = (fleet.size() + 7) / 8;
                for (int from = 0; from < fleet.size(); from += slice) {
                    List<Process> part = fleet.subList(from, Math.min(fleet.size(), from + slice));
                    done.add(workers.submit(() -> {
                        for (Process process : part) {
                            step(process, current, jdbc, tally);
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
                Map<String, Long> after = counts();
                for (String operation : OPERATIONS) {
                    tally.perSecond.get(operation)[second] = after.get(operation) - before.get(operation);
                }
                before = after;
            }
        } finally {
            for (Process process : fleet) {
                process.cache.close();
            }
        }
        report(scenario, processes, fleet, tally);
        return tally;
    }

    private void rotationStep(int second) {
        String id = secretIds[0];
        if (second == ROTATION_AT) {
            client.putSecretValue(r -> r.secretId(id).secretString(credentials("pw-1"))
                    .versionStages("AWSPENDING"));
        } else if (second == ROTATION_AT + SET_SECRET_AFTER) {
            databasePassword = "pw-1";
        } else if (second == ROTATION_AT + SET_SECRET_AFTER + FINISH_SECRET_AFTER) {
            String pending = null;
            String currentVersion = null;
            for (software.amazon.awssdk.services.secretsmanager.model.SecretVersionsListEntry v
                    : client.listSecretVersionIds(r -> r.secretId(id)).versions()) {
                if (v.versionStages().contains("AWSPENDING")) {
                    pending = v.versionId();
                }
                if (v.versionStages().contains("AWSCURRENT")) {
                    currentVersion = v.versionId();
                }
            }
            String to = pending;
            String from = currentVersion;
            client.updateSecretVersionStage(r -> r.secretId(id).versionStage("AWSCURRENT").moveToVersionId(to)
                    .removeFromVersionId(from));
            client.updateSecretVersionStage(r -> r.secretId(id).versionStage("AWSPENDING").removeFromVersionId(to));
        }
    }

    private void step(Process process, int second, boolean jdbc, Tally tally) {
        if (second < process.startAt) {
            return;
        }
        if (second == process.startAt && options.prefetch) {
            process.cache.prefetch(Arrays.asList(secretIds));
        }
        for (String id : secretIds) {
            try {
                String value = process.cache.getSecretString(id);
                if (id.equals(secretIds[0]) && process.firstNewRead < 0 && value.contains("pw-1")) {
                    process.firstNewRead = second;
                }
            } catch (RuntimeException e) {
                tally.failedReads.increment();
            }
        }
        if (jdbc && (process.resumeAt < 0 || process.resumeAt <= second)) {
            connect(process, second, tally);
        }
    }

    private void connect(Process process, int second, Tally tally) {
        boolean resumed = process.resumeAt >= 0;
        process.resumeAt = -1;
        if (!resumed) {
            process.connectStartedNanos = now.get();
        }
        // A resumed connect goes on where its sleep ended: its next check is made even with no time left, as in
        // LoginRetry; only the login that restarts it here is extra (it repeats the rejected credentials).
        long budgetLeft = Math.max(1, 10_000 - TimeUnit.NANOSECONDS.toMillis(now.get() - process.connectStartedNanos));
        Properties properties = new Properties();
        properties.setProperty("drivers.retry.maxDurationMillis", Long.toString(budgetLeft));
        // A resumed connect has had its spread wait.
        properties.setProperty("drivers.retry.checkSpreadMillis", resumed ? "0" : Long.toString(options.checkSpreadMs));
        DriverSettings settings = DriverSettings.from(new SettingSources(properties, null, null,
                Collections.<String, String>emptyMap()));
        try {
            SecretVersion current = process.dbSecret.current();
            new LoginRetry(Engine.POSTGRESQL, settings, virtualTiming, process.windows, process.spreadSalt)
                    .connect(process.dbSecret, current, credentials -> {
                        if (!credentials.password().equals(databasePassword)) {
                            tally.rejectedLogins.increment();
                            throw new PSQLException("password authentication failed for user \"app\"",
                                    PSQLState.INVALID_PASSWORD);
                        }
                        if (process.firstNewLogin < 0 && credentials.password().equals("pw-1")) {
                            process.firstNewLogin = second;
                        }
                        return CONNECTION;
                    });
        } catch (Sleep sleep) {
            process.resumeAt = second + Math.max(1, (sleep.millis + 999) / 1000);
        } catch (SQLException | RuntimeException e) {
            tally.failedConnects.increment();
        }
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new HashMap<>();
        for (String operation : OPERATIONS) {
            counts.put(operation, emulator.callCount(operation));
        }
        return counts;
    }

    private void report(String scenario, int processes, List<Process> fleet, Tally tally) {
        int n = processes;
        if (scenario.equals("jdbc")) {
            int change = ROTATION_AT + SET_SECRET_AFTER;
            long[] delays = fleet.stream().mapToLong(p -> p.firstNewLogin < 0 ? Long.MAX_VALUE : p.firstNewLogin - change)
                    .sorted().toArray();
            System.out.printf(Locale.ROOT, "| jdbc | %d | %d | %d | %d | %d | %d | %d | %s | %s | %d | %d | %d |%n",
                    n, options.secrets, options.checkSpreadMs,
                    tally.peak("DescribeSecret", STAGGERED_START, ROTATION_AT),
                    tally.peak("GetSecretValue", STAGGERED_START, ROTATION_AT),
                    tally.peak("DescribeSecret", ROTATION_AT, JDBC_END),
                    tally.peak("GetSecretValue", ROTATION_AT, JDBC_END),
                    seconds(delays[delays.length / 2]), seconds(delays[delays.length - 1]),
                    tally.rejectedLogins.sum(), tally.failedConnects.sum(), tally.failedReads.sum());
        } else {
            long[] spread = fleet.stream().mapToLong(p -> p.firstNewRead < 0 ? Long.MAX_VALUE
                    : p.firstNewRead - CACHE_ROTATION_AT).sorted().toArray();
            System.out.printf(Locale.ROOT, "| cache%s | %d | %d | %d | %d | %d | %d | %d | %.2f | %d | %s | %s | %d |%n",
                    options.prefetch ? "+prefetch" : "", n, options.secrets,
                    tally.perSecond.get("DescribeSecret")[0], tally.perSecond.get("GetSecretValue")[0],
                    tally.perSecond.get("BatchGetSecretValue")[0],
                    tally.peak("DescribeSecret", 1, CACHE_ROTATION_AT), tally.peak("GetSecretValue", 1, CACHE_ROTATION_AT),
                    tally.mean("DescribeSecret", 3600, CACHE_ROTATION_AT) / n / options.secrets * 3600,
                    tally.peak("GetSecretValue", CACHE_ROTATION_AT, CACHE_END),
                    seconds(spread[spread.length / 2]), seconds(spread[spread.length - 1]), tally.failedReads.sum());
        }
    }

    private static String seconds(long value) {
        return value == Long.MAX_VALUE ? "never" : value + " s";
    }

    /** Command-line options. */
    private static final class Options {
        String scenario = "all";
        int[] processes = {100, 1000, 5000};
        int secrets = 1;
        long checkSpreadMs;
        boolean prefetch;
        int throttleGet;
        int throttleDescribe;
        int throttleBatch;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                if (flag.equals("--prefetch")) {
                    options.prefetch = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                String value = args[++i];
                switch (flag) {
                    case "--scenario":
                        options.scenario = value;
                        break;
                    case "--processes":
                        options.processes = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                        break;
                    case "--secrets":
                        options.secrets = Integer.parseInt(value);
                        break;
                    case "--check-spread-ms":
                        options.checkSpreadMs = Long.parseLong(value);
                        break;
                    case "--throttle-get":
                        options.throttleGet = Integer.parseInt(value);
                        break;
                    case "--throttle-describe":
                        options.throttleDescribe = Integer.parseInt(value);
                        break;
                    case "--throttle-batch":
                        options.throttleBatch = Integer.parseInt(value);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            if (!Arrays.asList("all", "cache", "jdbc").contains(options.scenario)) {
                throw new IllegalArgumentException("--scenario must be all, cache or jdbc, got " + options.scenario);
            }
            return options;
        }
    }

    public static void main(String[] args) throws Exception {
        // More kept-alive connections than the JDK's default 5, for 8 workers and the caches' refresh threads.
        System.setProperty("http.maxConnections", "64");
        Options options = Options.parse(args);
        String header = "| scenario | processes | secrets | check spread ms | ";
        for (String scenario : options.scenario.equals("all") ? new String[] {"cache", "jdbc"}
                : new String[] {options.scenario}) {
            if (scenario.equals("jdbc")) {
                System.out.println(header + "peak Describe/s before | peak GetSecretValue/s before | peak Describe/s "
                        + "in rotation | peak GetSecretValue/s in rotation | median new login after setSecret | "
                        + "last new login | rejected logins | failed connects | failed reads |");
                System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            } else {
                System.out.println("| scenario | processes | secrets | Describe/s at 0 | GetSecretValue/s at 0 | "
                        + "BatchGet/s at 0 | peak Describe/s after 0 | peak GetSecretValue/s after 0 | Describe per "
                        + "secret per process per hour (hour 2) | peak GetSecretValue/s after a new version | "
                        + "median time to the new value | last | failed reads |");
                System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
            }
            for (int processes : options.processes) {
                FleetSimulation simulation = new FleetSimulation(options);
                try {
                    simulation.run(scenario, processes);
                } finally {
                    simulation.close();
                }
            }
        }
    }

    private void close() {
        workers.shutdownNow();
        client.close();
        emulator.close();
    }
}
