package dev.smkit.samples;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs a sample's {@code main} with {@code System.out} captured, so tests can check what a user would see. */
public final class ConsoleCapture {

    private ConsoleCapture() {
    }

    /** A sample's {@code main}, which may throw. */
    @FunctionalInterface
    public interface Main {
        void run() throws Exception;
    }

    public static synchronized String run(Main main) {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } catch (Exception e) {
            throw new AssertionError("sample failed", e);
        } finally {
            System.setOut(original);
        }
        String out = buffer.toString(StandardCharsets.UTF_8);
        original.print(out);
        return out;
    }
}
