package dev.smkit.emulator.internal;

import dev.smkit.emulator.RotationFunction;
import dev.smkit.emulator.StepDelays;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** One rotation: a secret, a pending version id and where its steps are. Not API. */
public final class RotationJob {
    /** How a job ended. */
    public enum Result { SUCCEEDED, FAILED, CANCELLED }

    final Secret secret;
    final String token;
    final RotationFunction function;
    final StepDelays delays;
    final boolean scheduled;
    final long generation;
    final Instant startedAt;
    private final CountDownLatch cancelSignal = new CountDownLatch(1);
    private final CompletableFuture<RotationJob> done = new CompletableFuture<>();
    private volatile boolean cancelled;
    private volatile String activity = "queued";
    private volatile Result result;
    private volatile RotationRegistry.StepFailure failure;
    private volatile String failureDetail = "";
    private volatile Instant endedAt;

    RotationJob(Secret secret, String token, RotationFunction function, StepDelays delays, boolean scheduled,
            long generation, Instant startedAt) {
        this.secret = secret;
        this.token = token;
        this.function = function;
        this.delays = delays;
        this.scheduled = scheduled;
        this.generation = generation;
        this.startedAt = startedAt;
    }

    public String secretName() {
        return secret.name;
    }

    public String arn() {
        return secret.arn;
    }

    String partialArn() {
        return secret.partialArn();
    }

    public String token() {
        return token;
    }

    public boolean scheduled() {
        return scheduled;
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** Null until the job ended. */
    public Instant endedAt() {
        return endedAt;
    }

    /** Null until the job ended. */
    public Result result() {
        return result;
    }

    /** Set when {@link #result()} is FAILED. */
    public RotationRegistry.StepFailure failure() {
        return failure;
    }

    /** Completes (with this job) when the job has ended and its secret accepts a new rotation. */
    public CompletableFuture<RotationJob> done() {
        return done;
    }

    /** What the job is doing right now, for timeout messages, e.g. "running setSecret". */
    public String activity() {
        return activity;
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Stops the job before its next step and ends a delay it is waiting out. Callers hold the secret's monitor or shut down. */
    void cancel() {
        cancelled = true;
        cancelSignal.countDown();
    }

    void activity(String activity) {
        this.activity = activity;
    }

    /** Waits {@code delay} unless cancelled first; returns true when the job is cancelled (or the thread interrupted). */
    boolean waitOrCancelled(Duration delay) {
        try {
            if (cancelSignal.await(delay.toNanos(), TimeUnit.NANOSECONDS)) {
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            return true;
        }
        return cancelled;
    }

    void failed(RotationRegistry.StepFailure failure, String detail) {
        this.failure = failure;
        this.failureDetail = detail;
        this.result = Result.FAILED;
    }

    /** Our own explanation added to the exception class (never an exception message), or "". */
    String failureDetail() {
        return failureDetail;
    }

    void succeeded() {
        this.result = Result.SUCCEEDED;
    }

    /** Records the end (CANCELLED unless a result was set) and releases waiters. */
    void end(Instant now) {
        if (result == null) {
            result = Result.CANCELLED;
        }
        endedAt = now;
        activity = "ended (" + result + ")";
    }

    void release() {
        done.complete(this);
    }
}
