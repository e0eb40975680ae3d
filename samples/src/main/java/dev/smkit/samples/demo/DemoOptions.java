package dev.smkit.samples.demo;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The demo's command line, parsed and validated; immutable. */
public final class DemoOptions {

    /** Which rotation function each rotation uses. */
    public enum Strategy {
        SINGLE, ALTERNATING, MIXED;

        /** The strategy of the {@code index}-th rotation (0-based): MIXED starts single-user, then alternates. */
        Strategy forRotation(int index) {
            if (this != MIXED) {
                return this;
            }
            return index % 2 == 0 ? SINGLE : ALTERNATING;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final String USAGE = String.join("\n",
            "usage: RotationDemo [options]",
            "  --duration <time>      how long the workers run (default 30s)",
            "  --threads <n>          worker threads, also the pool size (default 8, 1..256)",
            "  --rotate-every <time>  time between rotations (default 5s; less than --duration)",
            "  --strategy <s>         single | alternating | mixed (default mixed: single-user and alternating-users",
            "                         rotations take turns)",
            "  --engine <e>           postgres | mariadb (default postgres)",
            "  --report-dir <dir>     where the timeline HTML and the log go (default: target)",
            "  --help                 this text",
            "Times are a number with an optional unit: 500ms, 30s, 2m (no unit = seconds).");

    private static final Pattern TIME = Pattern.compile("(\\d+)(ms|s|m)?");

    private final Duration duration;
    private final int threads;
    private final Duration rotateEvery;
    private final Strategy strategy;
    private final DemoEngine engine;
    private final Path reportDir;

    private DemoOptions(Duration duration, int threads, Duration rotateEvery, Strategy strategy, DemoEngine engine,
            Path reportDir) {
        this.duration = duration;
        this.threads = threads;
        this.rotateEvery = rotateEvery;
        this.strategy = strategy;
        this.engine = engine;
        this.reportDir = reportDir;
    }

    /** The text {@code --help} prints: every option with its default. */
    public static String usage() {
        return USAGE;
    }

    /** Thrown for {@code --help} and for bad arguments; the message says what was wrong. */
    public static final class UsageException extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final boolean helpRequested;

        UsageException(String message, boolean helpRequested) {
            super(message);
            this.helpRequested = helpRequested;
        }

        public boolean helpRequested() {
            return helpRequested;
        }
    }

    /**
     * Parses {@code --name value} and {@code --name=value} forms. The report directory defaults to the system
     * property {@code smkit.demo.reportDir} (set by the Maven profile to {@code samples/target}), else {@code target}.
     */
    public static DemoOptions parse(String... args) {
        Duration duration = Duration.ofSeconds(30);
        int threads = 8;
        Duration rotateEvery = Duration.ofSeconds(5);
        Strategy strategy = Strategy.MIXED;
        DemoEngine engine = DemoEngine.POSTGRES;
        Path reportDir = Paths.get(System.getProperty("smkit.demo.reportDir", "target"));
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                throw new UsageException(USAGE, true);
            }
            String name = arg;
            String value;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                name = arg.substring(0, equals);
                value = arg.substring(equals + 1);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                value = null;
            }
            switch (name) {
                case "--duration":
                    duration = time(name, require(name, value));
                    break;
                case "--threads":
                    threads = integer(name, require(name, value), 1, 256);
                    break;
                case "--rotate-every":
                    rotateEvery = time(name, require(name, value));
                    break;
                case "--strategy":
                    strategy = choice(name, require(name, value), Strategy.class);
                    break;
                case "--engine":
                    engine = choice(name, require(name, value), DemoEngine.class);
                    break;
                case "--report-dir":
                    reportDir = Paths.get(require(name, value));
                    break;
                default:
                    throw new UsageException("unknown option '" + arg + "'\n" + USAGE, false);
            }
        }
        if (duration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new UsageException("--duration must be at least 1s, got " + format(duration), false);
        }
        if (rotateEvery.isZero() || rotateEvery.compareTo(duration) >= 0) {
            throw new UsageException("--rotate-every must be more than 0 and less than --duration ("
                    + format(duration) + "), got " + format(rotateEvery), false);
        }
        return new DemoOptions(duration, threads, rotateEvery, strategy, engine, reportDir);
    }

    private static String require(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new UsageException(name + " needs a value\n" + USAGE, false);
        }
        return value;
    }

    private static Duration time(String name, String value) {
        Matcher m = TIME.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new UsageException(name + " must be a time such as 500ms, 30s or 2m, got '" + value + "'", false);
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        switch (unit) {
            case "ms":
                return Duration.ofMillis(amount);
            case "m":
                return Duration.ofMinutes(amount);
            default:
                return Duration.ofSeconds(amount);
        }
    }

    private static int integer(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the range
        }
        throw new UsageException(name + " must be a whole number from " + min + " to " + max + ", got '" + value + "'",
                false);
    }

    private static <E extends Enum<E>> E choice(String name, String value, Class<E> type) {
        for (E candidate : type.getEnumConstants()) {
            if (candidate.name().equalsIgnoreCase(value.trim())) {
                return candidate;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E candidate : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(candidate.name().toLowerCase(Locale.ROOT));
        }
        throw new UsageException(name + " must be one of " + allowed + ", got '" + value + "'", false);
    }

    static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.getSeconds() + "s" : d.toMillis() + "ms";
    }

    public Duration duration() {
        return duration;
    }

    public int threads() {
        return threads;
    }

    public Duration rotateEvery() {
        return rotateEvery;
    }

    public Strategy strategy() {
        return strategy;
    }

    public DemoEngine engine() {
        return engine;
    }

    public Path reportDir() {
        return reportDir;
    }

    /** Rotations that fit in the run: one every {@link #rotateEvery()}, none at the very end. */
    public int plannedRotations() {
        return (int) ((duration.toMillis() - 1) / rotateEvery.toMillis());
    }

    @Override
    public String toString() {
        return engine.displayName() + ", " + threads + " threads, " + format(duration) + ", a rotation every "
                + format(rotateEvery) + " (strategy " + strategy.label() + ")";
    }
}
