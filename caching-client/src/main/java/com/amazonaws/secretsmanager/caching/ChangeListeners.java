package com.amazonaws.secretsmanager.caching;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.amazonaws.secretsmanager.caching.internal.VersionChangeSink;

/** The registered {@link SecretChangeListener}s; a failing listener is logged and does not stop the others. */
final class ChangeListeners implements VersionChangeSink {

    private static final Logger LOG = LoggerFactory.getLogger(SecretCache.class);

    private final String versionStage;
    private final List<SecretChangeListener> listeners = new CopyOnWriteArrayList<>();

    ChangeListeners(String versionStage) {
        this.versionStage = versionStage;
    }

    void add(SecretChangeListener listener) {
        listeners.add(listener);
    }

    void remove(SecretChangeListener listener) {
        listeners.remove(listener);
    }

    @Override
    public void versionChanged(String secretId, String previousVersionId, String newVersionId) {
        SecretChangeEvent change = new SecretChangeEvent(secretId, versionStage, previousVersionId, newVersionId);
        for (SecretChangeListener listener : listeners) {
            try {
                listener.onVersionChange(change);
            } catch (RuntimeException e) {
                LOG.warn("SecretChangeListener {} failed for secret {}", listener.getClass().getName(), secretId, e);
            }
        }
    }
}
