package com.amazonaws.secretsmanager.caching;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Outcome of {@link SecretCache#prefetch}: which secret IDs are now cached and why the others are not. */
public final class PrefetchResult {

    private final Set<String> loaded;
    private final Map<String, String> failures;

    PrefetchResult(Set<String> loaded, Map<String, String> failures) {
        this.loaded = Collections.unmodifiableSet(new LinkedHashSet<>(loaded));
        this.failures = Collections.unmodifiableMap(new LinkedHashMap<>(failures));
    }

    /** The secret IDs, as passed in, whose value for the configured stage is now cached. */
    public Set<String> loaded() {
        return loaded;
    }

    /** Secret ID as passed in to the error code that kept it out of the cache (e.g. ResourceNotFoundException). */
    public Map<String, String> failures() {
        return failures;
    }

    @Override
    public String toString() {
        return "PrefetchResult{loaded=" + loaded.size() + ", failures=" + failures + '}';
    }
}
