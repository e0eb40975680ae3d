package dev.smkit.emulator.internal;

import java.time.Instant;

/** One stored version. Its labels live in {@link Secret}, so a label can never sit on two versions. */
final class SecretVersion {
    final String id;
    final SecretValue value;
    final Instant createdDate;
    /** The secret's KMS key when this version was written (null: the default key). */
    final String kmsKeyId;
    Instant lastAccessedDate;

    SecretVersion(String id, SecretValue value, Instant createdDate, String kmsKeyId) {
        this.id = id;
        this.value = value;
        this.createdDate = createdDate;
        this.kmsKeyId = kmsKeyId;
    }
}
