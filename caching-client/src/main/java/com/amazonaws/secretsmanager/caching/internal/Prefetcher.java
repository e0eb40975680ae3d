package com.amazonaws.secretsmanager.caching.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.Ticker;

import software.amazon.awssdk.services.secretsmanager.model.APIErrorType;
import software.amazon.awssdk.services.secretsmanager.model.BatchGetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretValueEntry;

/**
 * Loads many secrets with BatchGetSecretValue, 20 per call, through the same single flight as version checks: each
 * secret's slot is held for the duration of the call, so readers wait for the batch instead of calling, and a check
 * that started earlier can never overwrite the batch's newer answer (or the other way round). Checks already in flight
 * are waited for before the call, while the prefetch holds no claim.
 */
public final class Prefetcher {

    private static final Logger LOG = LoggerFactory.getLogger(SecretCache.class);
    private static final int BATCH_SIZE = 20;
    /** Rounds of claiming per chunk; a secret whose slot is taken again every time is reported as its checks left it. */
    private static final int MAX_ROUNDS = 3;

    private final EntryTable table;
    private final Refresher refresher;
    private final SecretLoader loader;
    private final ValueCodec codec;
    private final StatsCounter stats;
    private final Ticker clock;
    private final String versionStage;

    public Prefetcher(EntryTable table, Refresher refresher, SecretLoader loader, ValueCodec codec,
            StatsCounter stats, Ticker clock, String versionStage) {
        this.table = table;
        this.refresher = refresher;
        this.loader = loader;
        this.codec = codec;
        this.stats = stats;
        this.clock = clock;
        this.versionStage = versionStage;
    }

    /** Prefetches {@code secretIds} (distinct), adding each to {@code loaded} or to {@code failures}. */
    public void prefetch(List<String> secretIds, Set<String> loaded, Map<String, String> failures) {
        for (int start = 0; start < secretIds.size(); start += BATCH_SIZE) {
            chunk(secretIds.subList(start, Math.min(secretIds.size(), start + BATCH_SIZE)), loaded, failures);
        }
    }

    private void chunk(List<String> secretIds, Set<String> loaded, Map<String, String> failures) {
        List<CacheEntry> wanted = new ArrayList<>();
        for (String secretId : secretIds) {
            wanted.add(table.getOrCreate(secretId));
        }
        for (int round = 1; !wanted.isEmpty(); round++) {
            // Checks in flight end first, while this prefetch holds nothing: it never waits while holding a claim
            // (two prefetches could otherwise wait for each other), and a reader waiting on one of its claims waits
            // for the batch call alone.
            for (CacheEntry entry : wanted) {
                refresher.awaitInFlight(entry);
            }
            if (round > MAX_ROUNDS) {
                for (CacheEntry entry : wanted) {
                    report(entry, loaded, failures);   // still contended: a check started after the prefetch did
                }
                return;
            }
            Map<String, Claim> claims = new LinkedHashMap<>();
            List<CacheEntry> busy = new ArrayList<>();
            List<CacheEntry> otherStage = new ArrayList<>();
            try {
                for (CacheEntry entry : wanted) {
                    Check claim = refresher.tryClaim(entry);
                    if (claim != null) {
                        claims.put(entry.secretId, new Claim(entry, claim));
                    } else {
                        busy.add(entry);        // a check started since: next round
                    }
                }
                if (!claims.isEmpty()) {
                    fetch(claims, loaded, failures, otherStage);
                }
            } finally {
                for (Claim claim : claims.values()) {
                    if (!claim.ended) {
                        refresher.release(claim.entry, claim.check);
                    }
                }
            }
            for (CacheEntry entry : otherStage) {
                try {
                    refresher.read(entry);      // a version check finds the configured stage's version
                    loaded.add(entry.secretId);
                } catch (RuntimeException e) {
                    failures.put(entry.secretId, SecretLoader.errorCode(e));
                }
            }
            wanted = busy;
        }
    }

    private static void report(CacheEntry entry, Set<String> loaded, Map<String, String> failures) {
        EntryState state = entry.state();
        if (state.loaded && state.failure == null) {
            loaded.add(entry.secretId);
        } else {
            failures.put(entry.secretId, state.failure != null ? SecretLoader.errorCode(state.failure) : "NotReturned");
        }
    }

    private void fetch(Map<String, Claim> claims, Set<String> loaded, Map<String, String> failures,
            List<CacheEntry> otherStage) {
        Map<String, Claim> pending = new LinkedHashMap<>(claims);
        List<String> requested = new ArrayList<>(claims.keySet());
        long startedAt = clock.read();
        String nextToken = null;
        // Each secret a page answers, or fails, counts that page's call as its load time.
        long pageStarted = 0;
        try {
            do {
                pageStarted = stats.loadClock();
                BatchGetSecretValueResponse response = loader.batchGetSecretValue(requested, nextToken);
                long pageNanos = stats.loadClock() - pageStarted;
                for (SecretValueEntry value : response.secretValues()) {
                    String secretId = matchRequested(pending.keySet(), value.name(), value.arn());
                    if (secretId != null) {
                        Claim claim = pending.remove(secretId);
                        if (install(claim, value, startedAt, pageNanos)) {
                            loaded.add(secretId);
                        } else {
                            otherStage.add(claim.entry);
                        }
                    }
                }
                for (APIErrorType error : response.errors()) {
                    String secretId = pending.containsKey(error.secretId()) ? error.secretId()
                            : matchRequested(pending.keySet(), error.secretId(), error.secretId());
                    if (secretId != null) {
                        pending.remove(secretId);
                        failures.put(secretId, error.errorCode());
                        stats.loadFailure(pageNanos);
                    }
                }
                nextToken = response.nextToken();
            } while (nextToken != null && !pending.isEmpty());
        } catch (RuntimeException e) {
            long failedPageNanos = stats.loadClock() - pageStarted;
            LOG.warn("BatchGetSecretValue for {} secrets failed with {}", pending.size(), SecretLoader.errorCode(e));
            for (String secretId : pending.keySet()) {
                failures.put(secretId, SecretLoader.errorCode(e));
                stats.loadFailure(failedPageNanos);
            }
            return;
        }
        for (String secretId : pending.keySet()) {
            failures.put(secretId, "NotReturned");
        }
    }

    /**
     * Ends the claim with the fetched version; true if it carries the configured stage and so answered the check,
     * false if it was only kept as one more version (BatchGetSecretValue cannot ask for another stage).
     */
    private boolean install(Claim claim, SecretValueEntry value, long startedAt, long pageNanos) {
        GetSecretValueResponse response = GetSecretValueResponse.builder().arn(value.arn()).name(value.name())
                .versionId(value.versionId()).versionStages(value.versionStages()).createdDate(value.createdDate())
                .secretString(value.secretString()).secretBinary(value.secretBinary()).build();
        Object stored = codec.encodeVersion(claim.entry.secretId, response);
        stats.load(pageNanos);
        claim.ended = true;
        if (value.versionStages().contains(versionStage)) {
            refresher.answer(claim.entry, claim.check, value.versionId(), stored, startedAt);
            return true;
        }
        claim.entry.update(s -> s.withVersion(value.versionId(), stored));
        refresher.release(claim.entry, claim.check);
        return false;
    }

    private static String matchRequested(Collection<String> requested, String name, String arn) {
        for (String secretId : requested) {
            if (secretId.equals(name) || secretId.equals(arn)
                    || (arn != null && secretId.startsWith("arn:") && arn.startsWith(secretId + "-"))) {
                return secretId;
            }
        }
        return null;
    }

    private static final class Claim {
        final CacheEntry entry;
        final Check check;
        boolean ended;

        Claim(CacheEntry entry, Check check) {
            this.entry = entry;
            this.check = check;
        }
    }
}
