package dev.smkit.samples.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * The live status line. On a terminal it is redrawn in place with {@code \r} every second; otherwise (CI logs,
 * pipes) a new line is printed every few seconds so logs stay readable.
 */
final class ProgressLine {

    static final Duration TTY_INTERVAL = Duration.ofSeconds(1);
    static final Duration PLAIN_INTERVAL = Duration.ofSeconds(5);

    private final PrintStream out;
    private final boolean tty;
    private int lastLength;

    ProgressLine(PrintStream out, boolean tty) {
        this.out = out;
        this.tty = tty;
    }

    Duration interval() {
        return tty ? TTY_INTERVAL : PLAIN_INTERVAL;
    }

    static String text(long elapsedSeconds, long totalSeconds, long queriesPerSecond, int rotations, long failures) {
        return String.format(Locale.ROOT, "[%3ds/%ds] %,7d queries/s | %d rotations | %d failures",
                elapsedSeconds, totalSeconds, queriesPerSecond, rotations, failures);
    }

    void show(String text) {
        if (tty) {
            // Pad with spaces so a shorter line fully covers the previous one.
            String padding = " ".repeat(Math.max(0, lastLength - text.length()));
            out.print("\r" + text + padding);
            lastLength = text.length();
        } else {
            out.println(text);
        }
        out.flush();
    }

    /** Ends the in-place line so what follows starts on a fresh line. */
    void finish() {
        if (tty && lastLength > 0) {
            out.println();
            out.flush();
        }
    }
}
