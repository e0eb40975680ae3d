package dev.smkit.emulator.internal;

import dev.smkit.emulator.InjectedError;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Injected faults, per region and operation; {@link #ANY} stands for every region or every operation. A request of
 * operation o in region r looks up (r, o), then (r, *), then (*, o), then (*, *). All methods synchronise on this object.
 */
public final class FaultPlan {
    public static final String ANY = "*";

    private final Map<String, Duration> latencies = new HashMap<>();
    /** Per key, runs of the same error in order: a count of millions costs one object, not millions. */
    private final Map<String, Deque<ErrorRun>> errors = new HashMap<>();
    private final Map<String, Integer> resets = new HashMap<>();
    /** Regions whose every request sees its connection dropped. */
    private final Set<String> unreachable = new HashSet<>();
    /** Regions whose every request gets an error, until cleared. */
    private final Map<String, InjectedError> failing = new TreeMap<>();
    /** Calls per second of the data clock above which a request is throttled, per region and operation key. */
    private final Map<String, Integer> rateLimits = new HashMap<>();
    /** Calls counted in the current second, per region and operation actually called. */
    private final Map<String, RateWindow> rateWindows = new HashMap<>();
    private final Clock clock;
    /** Regions whose replicas keep their state (lag their primaries) until released. */
    private final Set<String> replicationHeld = new HashSet<>();
    private boolean paused;
    /** Told (outside this object's lock) when a region may have become reachable again. */
    private volatile Runnable onRecovery = () -> { };

    /** @param clock the emulator's data clock: rate limits count calls per second of it */
    public FaultPlan(Clock clock) {
        this.clock = clock;
    }

    public void onRecovery(Runnable listener) {
        this.onRecovery = listener;
    }

    private static String key(String region, String operation) {
        return region + " " + operation;
    }

    private static String[] lookupKeys(String region, String operation) {
        return new String[] {key(region, operation), key(region, ANY), key(ANY, operation), key(ANY, ANY)};
    }

    public synchronized void latency(String operation, Duration delay) {
        latency(ANY, operation, delay);
    }

    public synchronized void latency(String region, String operation, Duration delay) {
        if (delay.isZero()) {
            latencies.remove(key(region, operation));
        } else {
            latencies.put(key(region, operation), delay);
        }
    }

    public synchronized void failNext(String operation, int times, InjectedError error) {
        failNext(ANY, operation, times, error);
    }

    public synchronized void failNext(String region, String operation, int times, InjectedError error) {
        errors.computeIfAbsent(key(region, operation), op -> new ArrayDeque<>()).add(new ErrorRun(error, times));
    }

    public synchronized void resetConnectionNext(String operation, int times) {
        resetConnectionNext(ANY, operation, times);
    }

    public synchronized void resetConnectionNext(String region, String operation, int times) {
        resets.merge(key(region, operation), times,
                (left, more) -> (int) Math.min(Integer.MAX_VALUE, (long) left + more));
    }

    public synchronized void throttleAbove(String region, String operation, int callsPerSecond) {
        rateLimits.put(key(region, operation), callsPerSecond);
    }

    public void unreachable(String region, boolean down) {
        synchronized (this) {
            if (down) {
                unreachable.add(region);
            } else {
                unreachable.remove(region);
            }
        }
        if (!down) {
            onRecovery.run();
        }
    }

    public synchronized void failing(String region, InjectedError error) {
        if (error == null) {
            failing.remove(region);
        } else {
            failing.put(region, error);
        }
    }

    /** Holds ({@code true}) or releases replication into {@code region}; a release lets replicas catch up. */
    public void holdReplication(String region, boolean held) {
        boolean released = false;
        synchronized (this) {
            if (held) {
                replicationHeld.add(region);
            } else {
                released = replicationHeld.remove(region);
            }
        }
        if (released) {
            onRecovery.run();
        }
    }

    public synchronized boolean isReplicationHeld(String region) {
        return replicationHeld.contains(region);
    }

    public synchronized boolean isUnreachable(String region) {
        return unreachable.contains(region);
    }

    public synchronized void pause() {
        paused = true;
    }

    public synchronized void resume() {
        paused = false;
        notifyAll();
    }

    public void clear() {
        boolean recovered;
        synchronized (this) {
            recovered = !unreachable.isEmpty() || !replicationHeld.isEmpty();
            latencies.clear();
            errors.clear();
            resets.clear();
            unreachable.clear();
            failing.clear();
            rateLimits.clear();
            rateWindows.clear();
            replicationHeld.clear();
            resume();
        }
        if (recovered) {
            onRecovery.run();
        }
    }

    /**
     * Removes every fault of one region (its latency, failNext and reset entries, unreachable, failing and held
     * replication).
     */
    public void clearRegion(String region) {
        boolean recovered;
        synchronized (this) {
            String prefix = region + " ";
            latencies.keySet().removeIf(k -> k.startsWith(prefix));
            errors.keySet().removeIf(k -> k.startsWith(prefix));
            resets.keySet().removeIf(k -> k.startsWith(prefix));
            rateLimits.keySet().removeIf(k -> k.startsWith(prefix));
            rateWindows.keySet().removeIf(k -> k.startsWith(prefix));
            recovered = unreachable.remove(region) | replicationHeld.remove(region);
            failing.remove(region);
        }
        if (recovered) {
            onRecovery.run();
        }
    }

    /** Blocks while the server is paused. */
    synchronized void awaitResumed() throws InterruptedException {
        while (paused) {
            wait();
        }
    }

    synchronized Duration latencyFor(String region, String operation) {
        for (String key : lookupKeys(region, operation)) {
            Duration delay = latencies.get(key);
            if (delay != null) {
                return delay;
            }
        }
        return Duration.ZERO;
    }

    synchronized boolean takeReset(String region, String operation) {
        if (unreachable.contains(region)) {
            return true;
        }
        for (String key : lookupKeys(region, operation)) {
            if (take(resets, key)) {
                return true;
            }
        }
        return false;
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

    synchronized InjectedError takeError(String region, String operation) {
        for (String key : lookupKeys(region, operation)) {
            InjectedError error = poll(key);
            if (error != null) {
                return error;
            }
        }
        InjectedError regionError = failing.get(region);
        return regionError != null ? regionError : overRate(region, operation);
    }

    /** Counts the call against the first rate limit that applies; throttling once the second's count is past it. */
    private InjectedError overRate(String region, String operation) {
        if (rateLimits.isEmpty()) {
            return null;
        }
        for (String key : lookupKeys(region, operation)) {
            Integer limit = rateLimits.get(key);
            if (limit != null) {
                long second = Math.floorDiv(clock.millis(), 1000);
                RateWindow window = rateWindows.computeIfAbsent(key(region, operation), k -> new RateWindow());
                if (window.second != second) {
                    window.second = second;
                    window.calls = 0;
                }
                return ++window.calls > limit ? InjectedError.throttling() : null;
            }
        }
        return null;
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

    private static final class RateWindow {
        long second = Long.MIN_VALUE;
        int calls;
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
