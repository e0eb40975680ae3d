/**
 * A drop-in, faster {@code SecretCache} for AWS Secrets Manager: version-aware refresh, single flight, refresh
 * ahead, stale-on-error with backoff, strict LRU, per-call stages, change listeners and statistics. Classes in the
 * {@code internal} subpackage are not API.
 */
package com.amazonaws.secretsmanager.caching;
