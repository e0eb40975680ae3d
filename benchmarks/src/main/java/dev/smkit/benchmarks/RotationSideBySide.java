package dev.smkit.benchmarks;

import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The same rotation on three JDBC stacks, one after another in one process, against one emulator and one embedded
 * PostgreSQL with password authentication: smkit's PostgreSQL wrapper, the AWS driver (aws-secretsmanager-jdbc with
 * aws-secretsmanager-caching-java) and aws-advanced-jdbc-wrapper with its {@code awsSecretsManager} plugin. Each stack
 * lives in its own class loader ({@link SideBySideStack}); each runs {@link SideBySideRun} for single-user and then
 * alternating-users rotations. Prints a markdown table.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.smkit.benchmarks.RotationSideBySide [--threads 32] [--rotations 3]
 *     [--window 2s] [--settle 10s] [--gap 2s] [--stacks smkit,upstream,advanced] [--scenarios single,alternating]
 *     [--lib benchmarks/target/side]
 * </pre>
 *
 * {@code --window}: the wait before finishSecret (database already changed, AWSCURRENT still old); {@code --settle}:
 * how long after finishSecret to wait for every thread to log in with the new credentials; {@code --gap}: steady
 * connecting before the first rotation and after each one.
 */
public final class RotationSideBySide {

    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s)");

    private RotationSideBySide() {
    }

    public static void main(String[] args) throws Exception {
        int threads = 32;
        int rotations = 3;
        Duration window = Duration.ofSeconds(2);
        Duration settle = Duration.ofSeconds(10);
        Duration gap = Duration.ofSeconds(2);
        List<String> stackNames = List.of(SideBySideStack.SMKIT, SideBySideStack.UPSTREAM, SideBySideStack.ADVANCED);
        List<SideBySideRun.Scenario> scenarios = List.of(SideBySideRun.Scenario.values());
        Path sideDir = defaultSideDir();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            String value = args[++i];
            switch (option) {
                case "--threads":
                    threads = Integer.parseInt(value);
                    break;
                case "--rotations":
                    rotations = Integer.parseInt(value);
                    break;
                case "--window":
                    window = duration(option, value);
                    break;
                case "--settle":
                    settle = duration(option, value);
                    break;
                case "--gap":
                    gap = duration(option, value);
                    break;
                case "--stacks":
                    stackNames = List.of(value.split(","));
                    break;
                case "--scenarios":
                    List<SideBySideRun.Scenario> chosen = new ArrayList<>();
                    for (String tag : value.split(",")) {
                        chosen.add(SideBySideRun.Scenario.fromTag(tag.trim()));
                    }
                    scenarios = chosen;
                    break;
                case "--lib":
                    sideDir = Paths.get(value);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + option + " (see the class comment)");
            }
        }
        SideBySideRun.Settings settings = new SideBySideRun.Settings(threads, rotations, window, settle, gap);
        // The advanced wrapper logs a warning per failed fetch or login; the figures say the same, once.
        Logger advancedLogs = Logger.getLogger("software.amazon.jdbc");
        advancedLogs.setLevel(Level.SEVERE);

        String loadBefore = loadAverage();
        DatabaseServer database = SharedDatabases.postgres();
        List<SideBySideRun.Result> results = new ArrayList<>();
        List<String> descriptions = new ArrayList<>();
        try (SecretsManagerEmulator emulator = SecretsManagerEmulator.start()) {
            configureDriversFor(emulator);
            List<SideBySideStack> stacks = new ArrayList<>();
            try {
                for (String name : stackNames) {
                    SideBySideStack stack = stack(name.trim(), sideDir, database, emulator);
                    stacks.add(stack);
                    descriptions.add(stack.name() + ": " + stack.description());
                }
                for (SideBySideRun.Scenario scenario : scenarios) {
                    for (SideBySideStack stack : stacks) {
                        System.err.printf(Locale.ROOT, "%s, %s ...%n", stack.name(), scenario.title);
                        results.add(SideBySideRun.run(emulator, database, stack, scenario, settings));
                    }
                }
            } finally {
                for (SideBySideStack stack : stacks) {
                    stack.close();
                }
            }
        }
        String loadAfter = loadAverage();

        System.out.printf(Locale.ROOT, "%d threads, %d rotations per stack and strategy, %d ms from setSecret to "
                + "finishSecret, settle %d ms, gap %d ms; load average before: %s, after: %s%n%n", threads, rotations,
                window.toMillis(), settle.toMillis(), gap.toMillis(), loadBefore, loadAfter);
        for (String description : descriptions) {
            System.out.println("- " + description);
        }
        System.out.println();
        System.out.println("Negative times: every thread logged in with the new credentials before finishSecret "
                + "(AWSCURRENT still old). Connects: open, select current_user, close.");
        System.out.println();
        System.out.println("| Stack | Rotation | Connects ok (per s) | Failed connects | Failed per rotation "
                + "| All threads on new credentials, ms after finishSecret (per rotation) | Secrets Manager calls |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (SideBySideRun.Result result : results) {
            StringJoiner failedPerRotation = new StringJoiner(" / ");
            StringJoiner allNew = new StringJoiner(" / ");
            for (SideBySideRun.RotationResult rotation : result.rotations) {
                failedPerRotation.add(Long.toString(rotation.failed));
                allNew.add(rotation.allNewAfterFinishMillis != null ? Long.toString(rotation.allNewAfterFinishMillis)
                        : rotation.threadsOnNew + "/" + threads + " within " + settings.settle.toSeconds() + " s");
            }
            System.out.printf(Locale.ROOT, "| %s | %s | %d (%.0f) | %d | %s | %s | %s |%n", result.stack,
                    result.scenario.title, result.ok, result.ok * 1000.0 / result.measuredMillis, result.failed,
                    failedPerRotation, allNew, calls(result.calls));
        }
        System.out.println();
        for (SideBySideRun.Result result : results) {
            StringJoiner windows = new StringJoiner(" / ");
            result.rotations.forEach(r -> windows.add(Long.toString(r.windowMillis)));
            System.out.printf(Locale.ROOT, "%s, %s: measured %d ms; setSecret->finishSecret %s ms; failures %s%n",
                    result.stack, result.scenario.title, result.measuredMillis, windows,
                    result.failureKinds.isEmpty() ? "none" : result.failureKinds);
        }
        System.exit(0); // the stacks' SDK and driver threads must not keep the JVM alive
    }

    /**
     * Process-level configuration the stacks read: SDK credentials and region (the emulator checks SigV4), and the
     * endpoint pair that both the AWS driver and smkit take from {@code drivers.vpcEndpointUrl/Region}.
     */
    private static void configureDriversFor(SecretsManagerEmulator emulator) {
        System.setProperty("aws.accessKeyId", emulator.accessKeyId());
        System.setProperty("aws.secretAccessKey", emulator.secretAccessKey());
        System.setProperty("aws.region", emulator.region());
        System.setProperty("drivers.vpcEndpointUrl", emulator.endpoint().toString());
        System.setProperty("drivers.vpcEndpointRegion", emulator.region());
    }

    private static SideBySideStack stack(String name, Path sideDir, DatabaseServer database,
            SecretsManagerEmulator emulator) throws Exception {
        switch (name) {
            case SideBySideStack.SMKIT:
                return SideBySideStack.smkit(sideDir, database.host(), database.port(), database.database());
            case SideBySideStack.UPSTREAM:
                return SideBySideStack.upstream(sideDir, database.host(), database.port(), database.database());
            case SideBySideStack.ADVANCED:
                return SideBySideStack.advanced(sideDir, database.host(), database.port(), database.database(),
                        emulator.endpoint().toString(), emulator.region());
            default:
                throw new IllegalArgumentException("unknown stack '" + name + "': use smkit, upstream or advanced");
        }
    }

    private static String calls(Map<String, Long> calls) {
        if (calls.isEmpty()) {
            return "none";
        }
        StringJoiner joiner = new StringJoiner(", ");
        calls.forEach((operation, count) -> joiner.add(operation + " " + count));
        return joiner.toString();
    }

    /** {@code target/side} next to the jar this class was loaded from. */
    private static Path defaultSideDir() throws Exception {
        Path location = Paths.get(RotationSideBySide.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return location.getParent().resolve("side"); // target/benchmarks.jar or target/classes
    }

    private static Duration duration(String option, String text) {
        Matcher matcher = DURATION.matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(option + " must be a whole number followed by ms or s, got '" + text
                    + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return "ms".equals(matcher.group(2)) ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
    }

    private static String loadAverage() {
        try {
            String[] fields = new String(Files.readAllBytes(Paths.get("/proc/loadavg")), StandardCharsets.UTF_8)
                    .trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }
}
