package dev.smkit.spring.boot.config.internal;

import com.amazonaws.secretsmanager.caching.SecretCache;
import java.util.List;
import org.apache.commons.logging.Log;
import org.springframework.boot.context.config.ConfigData;
import org.springframework.boot.context.config.ConfigDataLoader;
import org.springframework.boot.context.config.ConfigDataLoaderContext;
import org.springframework.boot.context.config.ConfigDataResourceNotFoundException;
import org.springframework.boot.logging.DeferredLogFactory;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Reads an imported secret through the shared cache. A secret Secrets Manager does not know is "not found" in Boot's
 * sense (skipped for {@code optional:}, else startup fails naming it); any other failure fails startup with the
 * secret ID and the error code.
 */
public final class SmkitConfigDataLoader implements ConfigDataLoader<SecretConfigDataResource> {
    // Deferred: the logging system is not initialized while config data loads.
    private final Log log;

    public SmkitConfigDataLoader(DeferredLogFactory logs) {
        this.log = logs.getLog(SmkitConfigDataLoader.class);
    }

    @Override
    public ConfigData load(ConfigDataLoaderContext context, SecretConfigDataResource resource) {
        SecretCache cache = context.getBootstrapContext().get(SecretCache.class);
        SecretPropertySource properties;
        try {
            properties = SecretPropertySource.read(cache, resource.secret());
        } catch (ResourceNotFoundException e) {
            throw new ConfigDataResourceNotFoundException(resource, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot import secret '" + resource.secret().secretId() + "': "
                    + Failures.describe(e), e);
        }
        if (log.isDebugEnabled()) {
            log.debug("Imported secret '" + properties.secretId() + "' version " + properties.versionId() + " as "
                    + List.of(properties.getPropertyNames()));
        }
        return new ConfigData(List.of(properties));
    }
}
