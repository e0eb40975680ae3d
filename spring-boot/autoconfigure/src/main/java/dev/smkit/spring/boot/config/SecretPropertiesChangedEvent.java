package dev.smkit.spring.boot.config;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.context.ApplicationEvent;

/**
 * Published when an imported secret moved to a new version and its properties were replaced in the
 * {@link org.springframework.core.env.Environment}, after every JavaBean-style {@code @ConfigurationProperties} bean
 * was rebound. Carries property names and version IDs only, never values.
 */
public final class SecretPropertiesChangedEvent extends ApplicationEvent {
    private final String secretId;
    private final String previousVersionId;
    private final String versionId;
    private final SortedSet<String> changedPropertyNames;

    public SecretPropertiesChangedEvent(Object source, String secretId, String previousVersionId, String versionId,
            Set<String> changedPropertyNames) {
        super(source);
        this.secretId = secretId;
        this.previousVersionId = previousVersionId;
        this.versionId = versionId;
        this.changedPropertyNames = Collections.unmodifiableSortedSet(new TreeSet<>(changedPropertyNames));
    }

    /** The secret ID as written in the import location. */
    public String getSecretId() {
        return secretId;
    }

    public String getPreviousVersionId() {
        return previousVersionId;
    }

    public String getVersionId() {
        return versionId;
    }

    /** Properties added, removed or given another value by the new version (with their prefix), sorted. */
    public SortedSet<String> getChangedPropertyNames() {
        return changedPropertyNames;
    }

    @Override
    public String toString() {
        return "SecretPropertiesChangedEvent{secretId=" + secretId + ", previousVersionId=" + previousVersionId
                + ", versionId=" + versionId + ", changedPropertyNames=" + changedPropertyNames + '}';
    }
}
