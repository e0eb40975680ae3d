package dev.smkit.emulator.internal;

import java.time.Instant;

/** One stored version. Its labels live in {@link Secret}, so a label can never sit on two versions. */
final class SecretVersion {
    final String id;
    final SecretValue value;
    final Instant createdDate;
    Instant lastAccessedDate;

    SecretVersion(String id, SecretValue value, Instant createdDate) {
        this.id = id;
        this.value = value;
        this.createdDate = createdDate;
    }
}
