package dev.smkit.emulator.internal;

import dev.smkit.emulator.RotationContext;
import dev.smkit.emulator.RotationFunction;
import dev.smkit.emulator.RotationStep;
import dev.smkit.emulator.StepDelays;
import dev.smkit.emulator.StepPhase;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs rotations: the four steps of a registered function with their delays, on a background thread (asynchronous
 * mode) or in the calling thread (synchronous mode), and the schedule index that starts rotations when the emulator
 * clock reaches a secret's NextRotationDate. No lock is held while a step or a delay runs.
 *
 * <p>Lock order: a secret's monitor, then {@link #lock} or {@link #due}; never the other way round.
 */
public final class RotationRunner {
    /** What the emulator facade hears about running rotations. */
    public interface Events {
        void step(String secretName, String token, RotationStep step, StepPhase phase);

        void ended(RotationJob job);
    }

    private static final Logger LOG = LoggerFactory.getLogger(RotationRunner.class);
    private static final int KEPT_JOBS_PER_SECRET = 16;

    private final Regions store;
    private final RotationRegistry registry;
    private final boolean synchronous;
    private final StepDelays defaultDelays;
    private final Events events;
    private final ExecutorService executor;
    /** Guards {@link #generation}, {@link #history} and recording failures. */
    private final Object lock = new Object();
    private long generation;
    private final Map<String, Deque<RotationJob>> history = new HashMap<>();
    /** Secret → NextRotationDate for secrets with a schedule; guarded by itself. */
    private final Map<Secret, Instant> due = new HashMap<>();
    private volatile long earliestDueMillis = Long.MAX_VALUE;
    private volatile boolean closed;

    public RotationRunner(Regions store, RotationRegistry registry, boolean synchronous, StepDelays defaultDelays,
            Events events, String threadNamePrefix) {
        this.store = store;
        this.registry = registry;
        this.synchronous = synchronous;
        this.defaultDelays = defaultDelays;
        this.events = events;
        AtomicInteger threadIds = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, threadNamePrefix + threadIds.incrementAndGet());
            thread.setDaemon(true);
            // Only the class: a message could carry a value.
            thread.setUncaughtExceptionHandler((t, e) -> LOG.error("Rotation thread {} died of {}", t.getName(),
                    e.getClass().getName()));
            return thread;
        });
    }

    // ---------------------------------------------------------------------------------------------- starting jobs

    /**
     * Makes {@code secret} busy with a new rotation (caller holds the secret's monitor and has checked that none runs);
     * {@link #execute} then runs it.
     */
    RotationJob begin(Secret secret, String token, RotationRegistry.Registration registration, boolean scheduled) {
        RotationJob job;
        synchronized (lock) {
            job = new RotationJob(secret, token, registration.function,
                    registration.delays != null ? registration.delays : defaultDelays, scheduled, generation, store.now());
            Deque<RotationJob> jobs = history.computeIfAbsent(secret.arn, arn -> new ArrayDeque<>());
            jobs.addLast(job);
            while (jobs.size() > KEPT_JOBS_PER_SECRET) {
                jobs.removeFirst();
            }
        }
        secret.activeRotation = job;
        return job;
    }

    /** Runs the job here (synchronous mode) or hands it to a rotation thread. Never called with a lock held. */
    void execute(RotationJob job) {
        if (synchronous) {
            run(job);
            return;
        }
        try {
            executor.execute(() -> run(job));
        } catch (RejectedExecutionException closing) {
            job.cancel();
            conclude(job);
        }
    }

    boolean synchronous() {
        return synchronous;
    }

    private void run(RotationJob job) {
        VirtualMachineError fatal = null;
        try {
            fatal = runSteps(job);
        } finally {
            conclude(job);
        }
        if (fatal != null) {
            throw fatal;
        }
    }

    /** Returns a VirtualMachineError to rethrow once the job is concluded, else null. */
    private VirtualMachineError runSteps(RotationJob job) {
        RotationContext context = new Context(job);
        for (RotationStep step : RotationStep.values()) {
            Duration delay = job.delays.delayBefore(step);
            if (!delay.isZero()) {
                job.activity("waiting " + delay.toMillis() + " ms before " + step);
                if (job.waitOrCancelled(delay)) {
                    return null;
                }
            }
            if (job.cancelled()) {
                return null;
            }
            job.activity("running " + step);
            notifyStep(job, step, StepPhase.STARTED);
            try {
                invoke(step, job.function, context);
            } catch (Throwable thrown) { // anything a step throws fails the rotation, not the emulator
                if (job.cancelled()) {
                    return null;
                }
                fail(job, step, thrown.getClass().getName(), "");
                notifyStep(job, step, StepPhase.FAILED);
                return thrown instanceof VirtualMachineError ? (VirtualMachineError) thrown : null;
            }
            if (step == RotationStep.FINISH_SECRET && !promote(job)) {
                if (job.result() == RotationJob.Result.FAILED) {
                    notifyStep(job, step, StepPhase.FAILED);
                }
                return null;
            }
            notifyStep(job, step, StepPhase.FINISHED);
        }
        return null;
    }

    private static void invoke(RotationStep step, RotationFunction function, RotationContext context) throws Exception {
        switch (step) {
            case CREATE_SECRET:
                function.createSecret(context);
                break;
            case SET_SECRET:
                function.setSecret(context);
                break;
            case TEST_SECRET:
                function.testSecret(context);
                break;
            default:
                function.finishSecret(context);
                break;
        }
    }

    /** After finishSecret: checks that AWSCURRENT moved and records the rotation. False when failed or cancelled. */
    private boolean promote(RotationJob job) {
        try {
            return store.locked(job.secret.arn, s -> {
                if (s.activeRotation != job) {
                    return false; // cancelled
                }
                if (!job.token.equals(s.versionWith(Secret.CURRENT))) {
                    fail(job, RotationStep.FINISH_SECRET, IllegalStateException.class.getName(),
                            " (it returned without moving AWSCURRENT to the pending version)");
                    return false;
                }
                Instant now = store.now();
                s.lastRotatedDate = now;
                job.succeeded();
                schedule(s, now);
                return true;
            });
        } catch (ApiException gone) {
            return false; // deleted or reset meanwhile: ends as cancelled
        }
    }

    /** Records and logs a failed step; {@code detail} is our own text, never an exception message (it could hold values). */
    private void fail(RotationJob job, RotationStep step, String exceptionClass, String detail) {
        RotationRegistry.StepFailure failure = new RotationRegistry.StepFailure(job.secret.name, job.token,
                step.stepName(), exceptionClass, store.now());
        job.failed(failure, detail);
        synchronized (lock) {
            if (job.generation != generation) {
                return; // from before a reset
            }
            registry.recordFailure(failure);
        }
        LOG.warn("Rotation of secret {} (version {}) failed in step {}: {}{}; AWSPENDING stays where it is",
                job.secret.name, job.token, step, exceptionClass, detail);
    }

    /** The answer of a synchronous RotateSecret whose rotation did not succeed. */
    static ApiException failureAnswer(RotationJob job) {
        RotationRegistry.StepFailure failure = job.failure();
        if (failure == null) {
            return ApiException.invalidRequest("The rotation of secret " + job.secret.name + " (version " + job.token
                    + ") was cancelled before it finished.");
        }
        return ApiException.invalidRequest("Rotation failed in step " + failure.step + " for secret " + job.secret.name
                + " (version " + job.token + "): " + failure.exceptionClass + job.failureDetail()
                + ". AWSPENDING stays on the pending version.");
    }

    private void conclude(RotationJob job) {
        synchronized (job.secret) {
            if (job.secret.activeRotation == job) {
                job.secret.activeRotation = null;
            }
        }
        job.end(store.now());
        if (current(job)) {
            try {
                events.ended(job);
            } catch (RuntimeException | LinkageError | AssertionError e) {
                LOG.warn("Rotation listener threw {}", e.getClass().getName());
            }
        }
        job.release();
    }

    private void notifyStep(RotationJob job, RotationStep step, StepPhase phase) {
        if (job.cancelled() || !current(job)) {
            return;
        }
        try {
            events.step(job.secret.name, job.token, step, phase);
        } catch (RuntimeException | LinkageError | AssertionError e) {
            LOG.warn("Rotation listener threw {} for step {} of secret {}", e.getClass().getName(), step,
                    job.secret.name);
        }
    }

    private boolean current(RotationJob job) {
        synchronized (lock) {
            return job.generation == generation;
        }
    }

    /** Cancels the secret's running rotation, if any (caller holds the secret's monitor); returns it or null. */
    RotationJob cancel(Secret secret) {
        RotationJob job = secret.activeRotation;
        if (job != null) {
            job.cancel();
            secret.activeRotation = null;
        }
        return job;
    }

    // ------------------------------------------------------------------------------------------------- schedule

    /**
     * Sets the secret's NextRotationDate from its rules, counting from {@code base}, or clears it when rotation is off
     * or has no schedule (caller holds the secret's monitor).
     */
    void schedule(Secret secret, Instant base) {
        Instant next = null;
        if (secret.rotationEnabled && secret.rotationRules != null) {
            next = secret.rotationRules.schedule.nextRotationDate(base);
        }
        secret.nextRotationDate = next;
        synchronized (due) {
            if (next == null) {
                due.remove(secret);
            } else {
                due.put(secret, next);
            }
            recomputeEarliest();
        }
    }

    /** Caller holds {@link #due}. */
    private void recomputeEarliest() {
        long earliest = Long.MAX_VALUE;
        for (Instant at : due.values()) {
            earliest = Math.min(earliest, at.toEpochMilli());
        }
        earliestDueMillis = earliest;
    }

    /** The cheap check made on every request: runs due rotations only when the clock passed the earliest one. */
    public void runDueIfNeeded() {
        if (!closed && store.now().toEpochMilli() >= earliestDueMillis) {
            runDueRotations();
        }
    }

    /** Starts every rotation whose NextRotationDate the emulator clock has reached; returns how many started. */
    public int runDueRotations() {
        if (closed) {
            return 0;
        }
        Instant now = store.now();
        List<Secret> candidates = new ArrayList<>();
        synchronized (due) {
            due.forEach((secret, at) -> {
                if (!at.isAfter(now)) {
                    candidates.add(secret);
                }
            });
        }
        List<RotationJob> started = new ArrayList<>();
        for (Secret secret : candidates) {
            synchronized (secret) {
                if (!claim(secret, now) || secret.removed) {
                    continue; // rescheduled, taken by a concurrent call, or gone
                }
                String skipped = null;
                RotationRegistry.Registration registration = registry.find(secret);
                String pending = secret.versionWith(Secret.PENDING);
                if (secret.isDeleted()) {
                    skipped = "the secret is scheduled for deletion";
                } else if (secret.activeRotation != null) {
                    skipped = "a rotation is already running";
                } else if (pending != null && !pending.equals(secret.versionWith(Secret.CURRENT))) {
                    skipped = "AWSPENDING is still on version " + pending + " from an unfinished rotation";
                } else if (registration == null) {
                    skipped = "no rotation function is registered";
                }
                if (skipped != null) {
                    LOG.warn("Scheduled rotation of secret {} skipped: {}", secret.name, skipped);
                    continue;
                }
                started.add(begin(secret, SecretOperations.newToken(), registration, true));
            }
        }
        for (RotationJob job : started) {
            LOG.debug("Scheduled rotation of secret {} started (version {})", job.secret.name, job.token);
            execute(job);
        }
        return started.size();
    }

    /** Takes the secret off the index if it is due (caller holds its monitor); false when not due any more. */
    private boolean claim(Secret secret, Instant now) {
        synchronized (due) {
            Instant at = due.get(secret);
            if (at == null || at.isAfter(now)) {
                return false;
            }
            due.remove(secret);
            recomputeEarliest();
            return true;
        }
    }

    // ------------------------------------------------------------------------------------------ lookup, lifecycle

    /** The latest rotation of the secret (name, ARN or partial ARN), or the one with {@code versionId}; null if none. */
    public RotationJob find(String secretId, String versionId) {
        synchronized (lock) {
            for (Deque<RotationJob> jobs : history.values()) {
                RotationJob last = jobs.peekLast();
                if (last == null || !(secretId.equals(last.secretName()) || secretId.equals(last.arn())
                        || secretId.equals(last.partialArn()))) {
                    continue;
                }
                if (versionId == null) {
                    return last;
                }
                for (Iterator<RotationJob> it = jobs.descendingIterator(); it.hasNext(); ) {
                    RotationJob job = it.next();
                    if (job.token.equals(versionId)) {
                        return job;
                    }
                }
            }
        }
        return null;
    }

    /** Cancels and forgets every rotation, the schedule index, registrations and recorded failures. */
    public void reset() {
        List<RotationJob> running;
        synchronized (lock) {
            generation++;
            running = running();
            history.clear();
            registry.clear();
        }
        synchronized (due) {
            due.clear();
            recomputeEarliest();
        }
        running.forEach(RotationJob::cancel);
    }

    /** Cancels every rotation and stops the rotation threads (interrupting steps still running). */
    public void close() {
        closed = true;
        List<RotationJob> running;
        synchronized (lock) {
            running = running();
        }
        running.forEach(RotationJob::cancel);
        executor.shutdownNow();
    }

    /** Caller holds {@link #lock}. */
    private List<RotationJob> running() {
        List<RotationJob> running = new ArrayList<>();
        for (Deque<RotationJob> jobs : history.values()) {
            for (RotationJob job : jobs) {
                if (job.result() == null) {
                    running.add(job);
                }
            }
        }
        return running;
    }

    // ------------------------------------------------------------------------------------------------ context

    /** Direct store access for rotation steps; every method takes the secret's monitor itself. */
    private final class Context implements RotationContext {
        private final RotationJob job;
        private final Secret secret;

        Context(RotationJob job) {
            this.job = job;
            this.secret = job.secret;
        }

        @Override
        public String secretId() {
            return secret.name;
        }

        @Override
        public String arn() {
            return secret.arn;
        }

        @Override
        public String token() {
            return job.token;
        }

        @Override
        public String currentSecretString() {
            return store.locked(secret.arn, s -> {
                String current = s.versionWith(Secret.CURRENT);
                String value = current == null ? null : s.versions.get(current).value.string();
                if (value == null) {
                    throw new IllegalStateException("Secret " + s.name + " has no SecretString at AWSCURRENT");
                }
                return value;
            });
        }

        @Override
        public Optional<String> pendingSecretString() {
            return store.locked(secret.arn, s -> {
                SecretVersion version = s.versions.get(job.token);
                return Optional.ofNullable(version == null ? null : version.value.string());
            });
        }

        @Override
        public void putPendingSecretString(String value) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("The pending SecretString of " + secret.name + " must not be empty");
            }
            if (value.getBytes(StandardCharsets.UTF_8).length > Params.MAX_VALUE_BYTES) {
                throw new IllegalArgumentException("The pending SecretString of " + secret.name + " is longer than "
                        + Params.MAX_VALUE_BYTES + " bytes");
            }
            store.locked(secret.arn, s -> {
                checkLive(s);
                try {
                    SecretOperations.writeVersion(s, job.token, SecretValue.ofString(value), List.of(Secret.PENDING),
                            store.now());
                } catch (ApiException e) {
                    throw new IllegalStateException("Version " + job.token + " of " + s.name
                            + " already holds another value", e);
                }
                return null;
            });
        }

        @Override
        public String randomPassword() {
            return PasswordGenerator.rotationPassword();
        }

        @Override
        public void finish() {
            store.locked(secret.arn, s -> {
                checkLive(s);
                if (!s.versions.containsKey(job.token)) {
                    throw new IllegalStateException("Version " + job.token + " of " + s.name + " does not exist");
                }
                s.attach(Secret.CURRENT, job.token, false);
                if (job.token.equals(s.versionWith(Secret.PENDING))) {
                    s.detach(Secret.PENDING);
                }
                s.lastChangedDate = store.now();
                return null;
            });
        }

        /** Caller holds the monitor: after CancelRotateSecret (or a reset) the step may not change the secret. */
        private void checkLive(Secret s) {
            if (s.activeRotation != job) {
                throw new IllegalStateException("The rotation of secret " + s.name + " (version " + job.token
                        + ") was cancelled");
            }
        }
    }
}
