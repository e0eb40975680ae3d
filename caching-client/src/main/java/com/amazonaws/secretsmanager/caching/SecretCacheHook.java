package com.amazonaws.secretsmanager.caching;

/**
 * Transforms what the cache keeps in memory, for example to encrypt secrets at rest in the heap.
 *
 * <p>The hook sees the same objects as the AWS caching client's hook, so an existing implementation keeps working:
 * <ul>
 *   <li>{@link #put} receives a {@code DescribeSecretResponse} after every successful DescribeSecret, before anything
 *       else of that version check, and a {@code GetSecretValueResponse} for every secret version fetched (by
 *       GetSecretValue, so after the DescribeSecret of the check that needed it, or one built from a
 *       BatchGetSecretValue entry by {@link SecretCache#prefetch}).</li>
 *   <li>{@link #get} receives what {@code put} returned and must return the original response object. It is called
 *       whenever the cache needs the stored object: once per value read, and for the describe response when the
 *       metadata or a non-default stage is asked for.</li>
 * </ul>
 * Implementations must be thread-safe. Without a hook the cache stores its own immutable objects and the read path
 * makes no hook call at all.
 */
public interface SecretCacheHook {

    /** Prepares an object for storing in the cache and returns what to store. */
    Object put(Object o);

    /** Derives the original object from what {@link #put} returned. */
    Object get(Object cachedObject);
}
