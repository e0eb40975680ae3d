package dev.smkit.emulator.internal;

import dev.smkit.emulator.InjectedError;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Injected faults, per operation name or {@link #ANY}. All methods synchronise on this object. */
public final class FaultPlan {
    public static final String ANY = "*";

    private final Map<String, Duration> latencies = new HashMap<>();
    /** Per operation, runs of the same error in order: a count of millions costs one object, not millions. */
    private final Map<String, Deque<ErrorRun>> errors = new HashMap<>();
    private final Map<String, Integer> resets = new HashMap<>();
    private boolean paused;

    public synchronized void latency(String operation, Duration delay) {
        if (delay.isZero()) {
            latencies.remove(operation);
        } else {
            latencies.put(operation, delay);
        }
    }

    public synchronized void failNext(String operation, int times, InjectedError error) {
        errors.computeIfAbsent(operation, op -> new ArrayDeque<>()).add(new ErrorRun(error, times));
    }

    public synchronized void resetConnectionNext(String operation, int times) {
        resets.merge(operation, times, (left, more) -> (int) Math.min(Integer.MAX_VALUE, (long) left + more));
    }

    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    public synchronized void clear() {
        latencies.clear();
        errors.clear();
        resets.clear();
        resume();
    }

    /** Blocks while the server is paused. */
    synchronized void awaitResumed() throws InterruptedException {
        while (paused) {
            wait();
        }
    }

    /** The delay for this operation: its own if set, else the {@link #ANY} one, else zero. */
    synchronized Duration latencyFor(String operation) {
        Duration own = latencies.get(operation);
        return own != null ? own : latencies.getOrDefault(ANY, Duration.ZERO);
    }

    synchronized boolean takeReset(String operation) {
        return take(resets, operation) || take(resets, ANY);
    }

    private static boolean take(Map<String, Integer> counters, String key) {
        Integer left = counters.get(key);
        if (left == null) {
            return false;
        }
        if (left <= 1) {
            counters.remove(key);
        } else {
            counters.put(key, left - 1);
        }
        return true;
    }

    synchronized InjectedError takeError(String operation) {
        InjectedError own = poll(operation);
        return own != null ? own : poll(ANY);
    }

    private InjectedError poll(String key) {
        Deque<ErrorRun> queue = errors.get(key);
        if (queue == null) {
            return null;
        }
        ErrorRun run = queue.peek();
        if (--run.remaining == 0) {
            queue.poll();
            if (queue.isEmpty()) {
                errors.remove(key);
            }
        }
        return run.error;
    }

    private static final class ErrorRun {
        final InjectedError error;
        int remaining;

        ErrorRun(InjectedError error, int remaining) {
            this.error = error;
            this.remaining = remaining;
        }
    }
}
