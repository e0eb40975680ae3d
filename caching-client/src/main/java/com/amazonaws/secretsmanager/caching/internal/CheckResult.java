package com.amazonaws.secretsmanager.caching.internal;

import java.util.Set;

/** What one successful version check learned, as stored objects; made by {@link SecretLoader}, applied by the entry. */
final class CheckResult {
    /** The DescribeSecretResponse as stored. */
    final Object describe;
    /** The version carrying the configured stage, or null. */
    final String versionId;
    /** That version as stored, or null. */
    final Object current;
    /** Every version ID DescribeSecret listed. */
    final Set<String> listed;

    CheckResult(Object describe, String versionId, Object current, Set<String> listed) {
        this.describe = describe;
        this.versionId = versionId;
        this.current = current;
        this.listed = listed;
    }
}
