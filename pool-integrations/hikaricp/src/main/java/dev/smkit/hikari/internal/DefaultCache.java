package dev.smkit.hikari.internal;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;

/**
 * The process-wide cache used when the application does not pass one (for example a provider that Hikari created
 * from {@code credentialsProviderClassName}). Settings come from the {@code smkit.cache.*} system properties and
 * {@code SMKIT_CACHE_*} environment variables; the SDK client from the default region, endpoint and credential chains.
 * Created on first use so that loading classes never touches AWS configuration.
 */
public final class DefaultCache {

    private DefaultCache() {
    }

    public static SecretCache get() {
        return Holder.CACHE;
    }

    private static final class Holder {
        static final SecretCache CACHE = new SecretCache(SecretCacheConfiguration.fromSystem());
    }
}
