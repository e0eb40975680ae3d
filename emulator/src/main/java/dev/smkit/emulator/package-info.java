/**
 * An in-process AWS Secrets Manager on 127.0.0.1 that the real AWS SDK talks to over HTTP, with call counters,
 * fault injection and Java rotation functions, for tests. Classes in the {@code internal} subpackage are not API.
 */
package dev.smkit.emulator;
