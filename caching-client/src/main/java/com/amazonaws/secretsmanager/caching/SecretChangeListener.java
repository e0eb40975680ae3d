package com.amazonaws.secretsmanager.caching;

/**
 * Told when a version check finds that the configured stage of a cached secret moved to another version.
 *
 * <p>Called once per change (never on the first load), on the thread that ran the check, outside every cache lock.
 * An exception thrown by a listener is logged and ignored. Keep the work short or hand it to your own executor.
 */
public interface SecretChangeListener {

    void onVersionChange(SecretChangeEvent event);
}
