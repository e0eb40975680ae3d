/**
 * The AWS caching client's public per-object classes ({@link com.amazonaws.secretsmanager.caching.cache.LRUCache},
 * {@link com.amazonaws.secretsmanager.caching.cache.SecretCacheObject},
 * {@link com.amazonaws.secretsmanager.caching.cache.SecretCacheItem},
 * {@link com.amazonaws.secretsmanager.caching.cache.SecretCacheVersion}), kept with their behaviour for code that uses
 * them directly. {@link com.amazonaws.secretsmanager.caching.SecretCache} does not use them.
 */
package com.amazonaws.secretsmanager.caching.cache;
