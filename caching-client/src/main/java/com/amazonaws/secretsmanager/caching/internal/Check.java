package com.amazonaws.secretsmanager.caching.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * One version check of one secret, held in its entry's single-flight slot until it is done.
 *
 * <p>A check is either queued (generation 0: handed to the background executor, no thread works on it yet) or
 * started (a positive generation, taken from {@link CacheEntry#nextGeneration()} by whoever starts it). Nobody ever
 * waits for a queued check: a thread that needs it starts it itself, and the executor's task then finds it taken.
 * {@link #done} completes once the check is over, whatever happened, or exceptionally when the cache closes.
 */
final class Check {

    private static final AtomicLongFieldUpdater<Check> GENERATION =
            AtomicLongFieldUpdater.newUpdater(Check.class, "generation");

    private volatile long generation;
    final CompletableFuture<Void> done = new CompletableFuture<>();

    private Check(long generation) {
        this.generation = generation;
    }

    static Check queued() {
        return new Check(0);
    }

    static Check started(long generation) {
        return new Check(generation);
    }

    /** Takes a queued check; false if someone started it first. */
    boolean start(long startGeneration) {
        return GENERATION.compareAndSet(this, 0, startGeneration);
    }

    /** 0 while queued; then the entry's start count when this check started. */
    long generation() {
        return generation;
    }
}
