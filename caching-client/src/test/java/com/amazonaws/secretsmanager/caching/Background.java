package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.fail;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/** A call made on its own thread, so a test can see whether it waits, interrupt it and collect its outcome. */
final class Background<T> {

    /** How long a test lets a call take before calling it stuck; only a failing test ever waits this long. */
    static final long PATIENCE_SECONDS = 10;

    final Thread thread;
    private final CompletableFuture<T> outcome = new CompletableFuture<>();

    private Background(String name, Callable<T> call) {
        thread = new Thread(() -> {
            try {
                outcome.complete(call.call());
            } catch (Throwable t) {
                outcome.completeExceptionally(t);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }

    static <T> Background<T> start(String name, Callable<T> call) {
        return new Background<>(name, call);
    }

    /** The call's result; fails the test if the call threw or did not end within the patience. */
    T get() throws InterruptedException {
        try {
            return outcome.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(thread.getName() + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(thread.getName() + " did not return within " + PATIENCE_SECONDS + " s; it is at "
                    + stack());
        }
    }

    /** What the call threw; fails the test if it returned normally or did not end within the patience. */
    Throwable failure() throws InterruptedException {
        try {
            T value = outcome.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
            throw new AssertionError(thread.getName() + " returned " + value + " instead of failing");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            throw new AssertionError(thread.getName() + " did not end within " + PATIENCE_SECONDS + " s; it is at "
                    + stack());
        }
    }

    boolean isDone() {
        return outcome.isDone();
    }

    /** Waits until the call is parked waiting on a {@link CompletableFuture} (a check or fetch of the cache). */
    void awaitWaitingOnFuture() {
        awaitWaitingOnFutureOrDone(false);
    }

    /** Like {@link #awaitWaitingOnFuture()}, but also returns if the call ended instead (when it need not wait). */
    void awaitWaitingOnFutureOrDone() {
        awaitWaitingOnFutureOrDone(true);
    }

    private void awaitWaitingOnFutureOrDone(boolean doneIsEnough) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        for (;;) {
            if (outcome.isDone()) {
                if (doneIsEnough) {
                    return;
                }
                fail(thread.getName() + " ended instead of waiting: " + outcome);
            }
            Object blocker = LockSupport.getBlocker(thread);
            if (blocker != null && blocker.getClass().getName().startsWith(CompletableFuture.class.getName())) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                fail(thread.getName() + " never waited on a future; it is at " + stack());
            }
            Thread.yield();
        }
    }

    private String stack() {
        StringBuilder text = new StringBuilder();
        for (StackTraceElement frame : thread.getStackTrace()) {
            text.append("\n\tat ").append(frame);
        }
        return text.toString();
    }
}
