/**
 * Micrometer meter binders, usable without Spring: {@link dev.smkit.micrometer.SecretCacheMetrics} for a
 * {@code SecretCache}, {@link dev.smkit.micrometer.LoginRetryMetrics} for the JDBC drivers' login retries.
 */
package dev.smkit.micrometer;
