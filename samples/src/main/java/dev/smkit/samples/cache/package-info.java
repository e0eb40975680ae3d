/** Samples of {@link com.amazonaws.secretsmanager.caching.SecretCache}: the Lambda handler shape and an encrypting hook. */
package dev.smkit.samples.cache;
