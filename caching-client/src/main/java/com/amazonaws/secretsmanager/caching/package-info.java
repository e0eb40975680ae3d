/**
 * A drop-in, faster {@code SecretCache} for AWS Secrets Manager: version-aware refresh, single flight, refresh
 * ahead, stale-on-error with backoff, LRU eviction, per-call stages, change listeners and statistics.
 *
 * <p>The LRU order is exact to the resolution of the clock (about 1 ms by default): each secret keeps the clock
 * reading of its last read; of secrets last read at the same reading, the one added first is evicted first. Reads of
 * a fresh cached secret take no lock and no atomic instruction; without a
 * {@link com.amazonaws.secretsmanager.caching.SecretCacheHook} they allocate nothing, with one every read builds a new
 * {@link com.amazonaws.secretsmanager.caching.SecretVersion} from what the hook returns. An open cache that nobody
 * reads runs no thread and no timer.
 *
 * <p>Classes in the {@code internal} subpackage are not API. The {@code cache} subpackage holds the AWS client's
 * public per-object classes, kept for code that uses them directly.
 */
package com.amazonaws.secretsmanager.caching;
