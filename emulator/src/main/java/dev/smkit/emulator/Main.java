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
            "  --region <region>        region used in ARNs (default us-east-1)",
            "  --account <12 digits>    account id used in ARNs (default 000000000000)",
            "  --no-verify-signatures   accept requests without checking SigV4",
            "  --preload <file.json>    create secrets at start: a JSON array of",
            "                           {\"name\":..., \"secretString\":... or \"secretBinary\":<base64>,",
            "                            \"description\":..., \"tags\":{\"key\":\"value\"}}",
            "  --help                   print this help");

    /** {@link #run}'s answer when the emulator is serving. */
    static final int RUNNING = -1;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        int status = run(args, System.out, System.err);
        if (status != RUNNING) {
            System.exit(status);
        }
        new CountDownLatch(1).await(); // serve until the process is killed
    }

    /** Starts the emulator unless the arguments ask for help or are wrong; returns the exit status or {@link #RUNNING}. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        SecretsManagerEmulator.Builder builder = SecretsManagerEmulator.builder().port(4585);
        String accessKey = "test";
        String secretKey = "test";
        Path preload = null;
        try {
            for (int i = 0; i < args.length; i++) {
                String flag = args[i];
                switch (flag) {
                    case "--help":
                        out.println(USAGE);
                        return 0;
                    case "--no-verify-signatures":
                        builder.verifySignatures(false);
                        break;
                    case "--port":
                        builder.port(parsePort(value(args, ++i, flag)));
                        break;
                    case "--access-key":
                        accessKey = value(args, ++i, flag);
                        break;
                    case "--secret-key":
                        secretKey = value(args, ++i, flag);
                        break;
                    case "--region":
                        builder.region(value(args, ++i, flag));
                        break;
                    case "--account":
                        builder.accountId(value(args, ++i, flag));
                        break;
                    case "--preload":
                        preload = Paths.get(value(args, ++i, flag));
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            builder.credentials(accessKey, secretKey);
        } catch (IllegalArgumentException e) {
            err.println("smkit-emulator: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        SecretsManagerEmulator emulator;
        try {
            emulator = builder.start();
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
        out.println("smkit-emulator listening on " + emulator.endpoint());
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

    private static int parsePort(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port needs a number, got " + text);
        }
    }
}
