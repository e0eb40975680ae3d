package dev.smkit.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code smkit.health.*}: what the {@code smkit} health indicator checks besides the secrets smkit itself uses. */
@ConfigurationProperties("smkit.health")
public class SmkitHealthProperties {

    /**
     * Further secrets the application cannot work without. The smkit.datasource.secret-id secret, every secret
     * imported with spring.config.import=smkit:... and the secret of a smkit spring.datasource.url are always checked.
     */
    private List<String> requiredSecrets = new ArrayList<>();

    public List<String> getRequiredSecrets() {
        return requiredSecrets;
    }

    public void setRequiredSecrets(List<String> requiredSecrets) {
        this.requiredSecrets = requiredSecrets;
    }
}
