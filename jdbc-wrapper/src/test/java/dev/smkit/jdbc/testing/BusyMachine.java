package dev.smkit.jdbc.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A loaded machine on demand: one thread per core spinning on arithmetic while a test runs, so that rotation and pool
 * tests meet the scheduling delays of a busy CI machine rather than an idle one. Threads are daemons and stop on
 * {@link #close()}.
 */
public final class BusyMachine implements AutoCloseable {

    /** System property: how many busy threads; default one per core. 0 turns the load off. */
    public static final String THREADS_PROPERTY = "smkit.busyThreads";

    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    private BusyMachine(int count) {
        for (int i = 0; i < count; i++) {
            Thread thread = new Thread(this::spin, "smkit-test-busy-" + i);
            thread.setDaemon(true);
            thread.setPriority(Thread.NORM_PRIORITY);
            threads.add(thread);
            thread.start();
        }
    }

    /** Starts {@value #THREADS_PROPERTY} busy threads (default: one per core). */
    public static BusyMachine start() {
        return new BusyMachine(Integer.getInteger(THREADS_PROPERTY, Runtime.getRuntime().availableProcessors()));
    }

    public int threads() {
        return threads.size();
    }

    private void spin() {
        long x = 1;
        while (!stop.get()) {
            for (int i = 0; i < 10_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
        }
        if (x == 42) {
            System.out.print(""); // keeps the loop from being optimised away
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(5_000);
        }
    }
}
