package dev.smkit.spring.boot.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code smkit.config.*}: the {@code smkit:} config import. Prefix and plain key are read while the environment is
 * prepared, so they must be set before the import (application.properties, environment, command line), not in an
 * imported secret.
 */
@ConfigurationProperties("smkit.config")
public class SmkitConfigProperties {

    /** Prepended to every property an imported secret yields, unless its location sets its own ?prefix=. */
    private String prefix = "";

    /**
     * Property name (after the prefix) for a secret whose value is not a JSON object; default: the secret ID as
     * written in the location. A location's ?key= wins over this.
     */
    private String plainKey;

    /**
     * How often imported secrets are checked for a new version (through the cache, so its TTL decides when Secrets
     * Manager is asked); zero or negative turns the check off.
     */
    private Duration checkInterval = Duration.ofSeconds(60);

    public String getPrefix() {
        return prefix;
    }

    public void setPrefix(String prefix) {
        this.prefix = prefix == null ? "" : prefix;
    }

    public String getPlainKey() {
        return plainKey;
    }

    public void setPlainKey(String plainKey) {
        this.plainKey = plainKey;
    }

    public Duration getCheckInterval() {
        return checkInterval;
    }

    public void setCheckInterval(Duration checkInterval) {
        this.checkInterval = checkInterval;
    }
}
