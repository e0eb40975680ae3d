/**
 * Runnable samples of smkit, one class per use case, each with a {@code main} that starts what it needs (the
 * Secrets Manager emulator, an embedded database) so it runs on a laptop with no AWS account. Each sample is
 * exercised by a test of the same name.
 */
package dev.smkit.samples;
