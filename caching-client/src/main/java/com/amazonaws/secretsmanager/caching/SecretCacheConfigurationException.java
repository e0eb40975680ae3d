package com.amazonaws.secretsmanager.caching;

/**
 * A setting of a {@link SecretCacheConfiguration} has a value the cache cannot use. The message names the setting
 * and the value (settings hold no secrets); {@link #getSetting()} names the setting for code.
 *
 * <p>An {@link IllegalArgumentException}, as the AWS caching client's own validation errors are.
 */
public class SecretCacheConfigurationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;

    public SecretCacheConfigurationException(String setting, String message, Throwable cause) {
        super(message, cause);
        this.setting = setting;
    }

    /** The configuration field that was refused, for example {@code cacheItemTTL}. */
    public String getSetting() {
        return setting;
    }
}
