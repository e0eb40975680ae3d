package com.amazonaws.secretsmanager.caching.internal;

/** Told when a check or prefetch moved the configured stage of a loaded secret to another version. */
public interface VersionChangeSink {

    /** Called once per change, after the new state is visible, outside any lock, on the thread that made it. */
    void versionChanged(String secretId, String previousVersionId, String newVersionId);
}
