package com.amazonaws.secretsmanager.caching.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import com.amazonaws.secretsmanager.caching.SecretVersion;

/**
 * Versions by ID (per-call stages, {@code getSecretVersionById}): fetched once with GetSecretValue, one fetch per
 * version ID in flight, then kept in the entry's state. A fetch failure is not kept: the next read tries again.
 */
public final class VersionFetcher {

    private final SecretLoader loader;
    private final ValueCodec codec;
    private final StatsCounter stats;

    public VersionFetcher(SecretLoader loader, ValueCodec codec, StatsCounter stats) {
        this.loader = loader;
        this.codec = codec;
        this.stats = stats;
    }

    /** @param countRead whether this read is counted here (a per-stage read was counted by its check) */
    public SecretVersion byId(CacheEntry entry, String versionId, boolean countRead) {
        Object stored = entry.state().versions.get(versionId);
        if (stored != null) {
            if (countRead) {
                stats.hit();
            }
            return codec.decodeVersion(entry.secretId, stored);
        }
        if (countRead) {
            stats.miss();
        }
        for (;;) {
            CompletableFuture<Object> fetch = entry.versionFetches.get(versionId);
            if (fetch == null) {
                CompletableFuture<Object> mine = new CompletableFuture<>();
                if (entry.versionFetches.putIfAbsent(versionId, mine) == null) {
                    return codec.decodeVersion(entry.secretId, fetch(entry, versionId, mine));
                }
                continue;
            }
            try {
                stored = fetch.join();
            } catch (CompletionException e) {
                throw Refresher.rethrown(e.getCause());
            }
            if (stored == null) {
                stored = entry.state().versions.get(versionId);   // the leader was interrupted: try again
            }
            if (stored != null) {
                return codec.decodeVersion(entry.secretId, stored);
            }
        }
    }

    private Object fetch(CacheEntry entry, String versionId, CompletableFuture<Object> mine) {
        long loadStarted = stats.loadClock();
        try {
            Object stored = entry.state().versions.get(versionId);     // a fetch that just finished kept it
            if (stored == null) {
                stored = loader.fetchVersion(entry, versionId);
                stats.load(stats.loadClock() - loadStarted);
                Object kept = stored;
                entry.update(s -> s.withVersion(versionId, kept));
            }
            mine.complete(stored);
            return stored;
        } catch (RuntimeException | Error e) {
            if (e instanceof RuntimeException && SecretLoader.isInterruption(e)) {
                mine.complete(null);        // not a failure of the version: the others fetch it themselves
            } else {
                stats.loadFailure(stats.loadClock() - loadStarted);
                mine.completeExceptionally(e);
            }
            throw e;
        } finally {
            entry.versionFetches.remove(versionId, mine);
        }
    }
}
