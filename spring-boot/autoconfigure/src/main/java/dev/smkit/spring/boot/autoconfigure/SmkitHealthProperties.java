package dev.smkit.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code smkit.health.*}: what the {@code smkit} health indicator checks besides the secrets smkit itself uses. */
@ConfigurationProperties("smkit.health")
public class SmkitHealthProperties {

    /**
     * Further secrets the application cannot work without. The {@code smkit.datasource.secret-id} secret and every
     * secret imported with {@code spring.config.import=smkit:...} are always checked.
     */
    private List<String> requiredSecrets = new ArrayList<>();

    public List<String> getRequiredSecrets() {
        return requiredSecrets;
    }

    public void setRequiredSecrets(List<String> requiredSecrets) {
        this.requiredSecrets = requiredSecrets;
    }
}
