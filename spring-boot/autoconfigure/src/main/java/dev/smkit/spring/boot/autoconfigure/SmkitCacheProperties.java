package dev.smkit.spring.boot.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code smkit.cache.*}: the application's {@link com.amazonaws.secretsmanager.caching.SecretCache} and the Secrets
 * Manager client under it. Region and endpoint fall back to {@code spring.cloud.aws.*} and then to the AWS SDK's
 * default chains; credentials come from {@code spring.cloud.aws.credentials.*} or the SDK's default chain.
 */
@ConfigurationProperties("smkit.cache")
public class SmkitCacheProperties {

    /** Whether smkit auto-configures the SecretCache bean. */
    private boolean enabled = true;

    /** AWS region of Secrets Manager; default: spring.cloud.aws.region.static, then the SDK's region chain. */
    private String region;

    /** Endpoint override, e.g. a VPC endpoint or an emulator; default: spring.cloud.aws.secretsmanager.endpoint. */
    private URI endpoint;

    // Defaults are literals, not SecretCacheConfiguration's constants: the metadata processor only records literals
    // (IDE completion shows them). SecretCacheSettingsTest checks that they agree.

    /** Most secrets kept; the least recently used is dropped beyond it. */
    private int maxSize = 1024;

    /** How long a cached version is used before the cache checks Secrets Manager for a newer one. */
    private Duration ttl = Duration.ofHours(1);

    /** The staging label the cache serves. */
    private String versionStage = "AWSCURRENT";

    /** Replica regions to read from when the primary region fails, in order. */
    private List<String> failoverRegions = new ArrayList<>();

    /** Also fail over to replica regions that DescribeSecret reports. */
    private boolean failoverToReportedReplicas;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public URI getEndpoint() {
        return endpoint;
    }

    public void setEndpoint(URI endpoint) {
        this.endpoint = endpoint;
    }

    public int getMaxSize() {
        return maxSize;
    }

    public void setMaxSize(int maxSize) {
        this.maxSize = maxSize;
    }

    public Duration getTtl() {
        return ttl;
    }

    public void setTtl(Duration ttl) {
        this.ttl = ttl;
    }

    public String getVersionStage() {
        return versionStage;
    }

    public void setVersionStage(String versionStage) {
        this.versionStage = versionStage;
    }

    public List<String> getFailoverRegions() {
        return failoverRegions;
    }

    public void setFailoverRegions(List<String> failoverRegions) {
        this.failoverRegions = failoverRegions;
    }

    public boolean isFailoverToReportedReplicas() {
        return failoverToReportedReplicas;
    }

    public void setFailoverToReportedReplicas(boolean failoverToReportedReplicas) {
        this.failoverToReportedReplicas = failoverToReportedReplicas;
    }
}
