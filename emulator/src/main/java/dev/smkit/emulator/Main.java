package dev.smkit.emulator;

import dev.smkit.emulator.internal.PreloadFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.concurrent.CountDownLatch;

/**
 * The standalone emulator: {@code java -jar smkit-emulator-standalone.jar --port 0}. The first stdout line is
 * {@code smkit-emulator listening on http://127.0.0.1:<port>}; it then runs until killed.
 */
public final class Main {
    private static final String USAGE = String.join(System.lineSeparator(),
            "Usage: java -jar smkit-emulator-standalone.jar [options]",
            "  --port <n>               TCP port on 127.0.0.1, 0 = any free port (default 4585)",
            "  --access-key <key>       accepted access key id (default test)",
            "  --secret-key <key>       its secret access key (default test)",
            "  --region <region>        default region, for requests without a SigV4 scope (default us-east-1);",
            "                           every region is served, each request in the region it signs for",
            "  --account <12 digits>    account id used in ARNs (default 000000000000)",
            "  --no-verify-signatures   accept requests without checking SigV4",
            "  --preload <file.json>    create secrets at start: a JSON array of",
            "                           {\"name\":..., \"secretString\":... or \"secretBinary\":<base64>,",
            "                            \"description\":..., \"tags\":{\"key\":\"value\"}}",
            "  --rotation-mode <mode>   asynchronous (default: RotateSecret answers at once, steps run in the",
            "                           background) or synchronous (steps run inside RotateSecret)",
            "  --rotation-step-delays <step=time,...>",
            "                           wait before rotation steps, e.g. setSecret=1s,finishSecret=500ms",
            "                           (steps createSecret setSecret testSecret finishSecret; time in ms, s, m, h)",
            "  --agent-port <n>         also serve the Secrets Manager Agent protocol on this port",
            "                           (GET /secretsmanager/get?secretId=..., GET /v1/<id>; the Agent uses 2773)",
            "  --agent-token <token>    the X-Aws-Parameters-Secrets-Token the Agent port requires",
            "                           (default smkit-agent-token)",
            "  --log-level <level>      error, warn (default), info, debug, trace or off; logs go to stderr",
            "  --help                   print this help",
            "Control API on the same port: /_smkit/health, /_smkit/reset, /_smkit/calls, /_smkit/faults,",
            "/_smkit/rotations, /_smkit/rotations/await (see the emulator README).");

    /** {@link #run}'s answer when the emulator is serving. */
    static final int RUNNING = -1;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Before any logger exists: slf4j-simple reads its settings once.
        String level = logLevel(args);
        if (level != null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level);
        } else if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        int status = run(args, System.out, System.err);
        if (status != RUNNING) {
            System.exit(status);
        }
        new CountDownLatch(1).await(); // serve until the process is killed
    }

    private static final java.util.List<String> LEVELS = java.util.List.of("error", "warn", "info", "debug", "trace", "off");

    /** The --log-level value if given and valid (parse() reports a bad one). */
    private static String logLevel(String[] args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--log-level")) {
                String level = args[i + 1].toLowerCase(java.util.Locale.ROOT);
                return LEVELS.contains(level) ? level : null;
            }
        }
        return null;
    }

    /** The parsed command line. */
    static final class Options {
        final SecretsManagerEmulator.Builder builder = SecretsManagerEmulator.builder().port(4585);
        Path preload;
        boolean help;
    }

    /** Parses the arguments; throws {@link IllegalArgumentException} with a message for the user. */
    static Options parse(String[] args) {
        Options options = new Options();
        String accessKey = "test";
        String secretKey = "test";
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--help":
                    options.help = true;
                    return options;
                case "--no-verify-signatures":
                    options.builder.verifySignatures(false);
                    break;
                case "--port":
                    options.builder.port(parsePort(value(args, ++i, flag)));
                    break;
                case "--access-key":
                    accessKey = value(args, ++i, flag);
                    break;
                case "--secret-key":
                    secretKey = value(args, ++i, flag);
                    break;
                case "--region":
                    options.builder.region(value(args, ++i, flag));
                    break;
                case "--account":
                    options.builder.accountId(value(args, ++i, flag));
                    break;
                case "--preload":
                    options.preload = Paths.get(value(args, ++i, flag));
                    break;
                case "--log-level":
                    String level = value(args, ++i, flag).toLowerCase(java.util.Locale.ROOT);
                    if (!LEVELS.contains(level)) {
                        throw new IllegalArgumentException("--log-level must be one of " + LEVELS + ", got " + level);
                    }
                    break;
                case "--agent-port":
                    options.builder.agentPort(parsePort(value(args, ++i, flag)));
                    break;
                case "--agent-token":
                    options.builder.agentToken(value(args, ++i, flag));
                    break;
                case "--rotation-mode":
                    options.builder.rotationMode(parseMode(value(args, ++i, flag)));
                    break;
                case "--rotation-step-delays":
                    String delays = value(args, ++i, flag);
                    try {
                        options.builder.rotationStepDelays(StepDelays.parse(delays));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(flag + ": " + e.getMessage(), e);
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        options.builder.credentials(accessKey, secretKey);
        return options;
    }

    /** Starts the emulator unless the arguments ask for help or are wrong; returns the exit status or {@link #RUNNING}. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            err.println("smkit-emulator: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        if (options.help) {
            out.println(USAGE);
            return 0;
        }
        Path preload = options.preload;
        SecretsManagerEmulator emulator;
        try {
            emulator = options.builder.start();
        } catch (java.io.UncheckedIOException e) {
            err.println("smkit-emulator: " + e.getMessage());
            return 1;
        }
        if (preload != null) {
            try {
                PreloadFile.load(preload, emulator.store());
            } catch (IOException | IllegalArgumentException e) {
                emulator.close();
                err.println("smkit-emulator: cannot preload " + preload + ": " + e.getMessage());
                return 2;
            }
        }
        out.println("smkit-emulator listening on " + emulator.endpoint()
                + (emulator.agentEndpoint() == null ? "" : " agent " + emulator.agentEndpoint()));
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "smkit-emulator-shutdown"));
        return RUNNING;
    }

    private static String value(String[] args, int index, String flag) {
        if (index >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[index];
    }

    private static RotationMode parseMode(String text) {
        switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "asynchronous":
            case "async":
                return RotationMode.ASYNCHRONOUS;
            case "synchronous":
            case "sync":
                return RotationMode.SYNCHRONOUS;
            default:
                throw new IllegalArgumentException("--rotation-mode must be asynchronous or synchronous, got " + text);
        }
    }

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number, got " + text);
        }
    }
}
