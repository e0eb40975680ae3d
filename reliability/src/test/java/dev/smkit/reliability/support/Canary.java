package dev.smkit.reliability.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Unique marker strings put into every secret value of this suite. They share {@link #PREFIX}, so one substring
 * search over a log line, an exception or a {@code toString()} finds any of them. Secret IDs never contain it.
 */
public final class Canary {

    /** Letters and digits only: valid in every password field and JSON string without escaping. */
    public static final String PREFIX = "Cnry7Q";

    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private Canary() {
    }

    /** A fresh canary, e.g. {@code Cnry7Q12x9f3a1c0}. */
    public static String next() {
        return PREFIX + SEQUENCE.incrementAndGet() + 'x' + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 8);
    }

    /** A credentials JSON whose password is a canary (and which names no canary elsewhere). */
    public static String credentials(String username) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + next() + "\"}";
    }

    /** Fails if {@code text} holds any canary. */
    public static void assertAbsent(String what, String text) {
        assertThat(text).as("%s must not contain a secret value", what).doesNotContain(PREFIX);
    }

    /** Fails if the throwable's messages, causes, suppressed exceptions or stack trace hold any canary. */
    public static <T extends Throwable> T assertAbsent(T thrown) {
        if (thrown != null) {
            assertAbsent("exception " + thrown.getClass().getName(), stackTrace(thrown));
        }
        return thrown;
    }

    public static String stackTrace(Throwable thrown) {
        StringWriter out = new StringWriter();
        thrown.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
