package dev.smkit.spring.boot.config.internal;

import com.amazonaws.secretsmanager.caching.SecretCache;
import dev.smkit.spring.boot.config.SecretPropertiesChangedEvent;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * One check of every imported secret: reads it through the shared cache and, where the version moved, swaps its
 * property source in the Environment, rebinds the properties beans, then publishes one event per changed secret.
 */
public final class ImportedSecretsCheck {
    private static final Logger LOG = LoggerFactory.getLogger(ImportedSecretsCheck.class);

    private final ConfigurableApplicationContext context;
    private final Object eventSource;
    private final PropertiesRebinder rebinder = new PropertiesRebinder();

    public ImportedSecretsCheck(ConfigurableApplicationContext context, Object eventSource) {
        this.context = context;
        this.eventSource = eventSource;
    }

    public boolean hasImports() {
        return !importedSources().isEmpty();
    }

    /** Runs the check; a secret that cannot be read keeps its properties (logged with its ID and error code). */
    public synchronized List<SecretPropertiesChangedEvent> run() {
        List<SecretPropertySource> imported = importedSources();
        if (imported.isEmpty()) {
            return List.of();
        }
        SecretCache cache = context.getBean(SharedCache.BEAN_NAME, SecretCache.class);
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        List<SecretPropertiesChangedEvent> events = new ArrayList<>();
        for (SecretPropertySource current : imported) {
            SecretPropertySource next;
            try {
                next = SecretPropertySource.read(cache, current.getSource());
            } catch (RuntimeException e) {
                LOG.warn("Cannot check imported secret '{}' for a new version, keeping version {}: {}",
                        current.secretId(), current.versionId(), Failures.describe(e));
                continue;
            }
            if (!next.versionId().equals(current.versionId())) {
                sources.replace(current.getName(), next);
                events.add(new SecretPropertiesChangedEvent(eventSource, current.secretId(), current.versionId(),
                        next.versionId(), current.changedNames(next)));
                LOG.info("Imported secret '{}' moved from version {} to {}; properties replaced: {}",
                        current.secretId(), current.versionId(), next.versionId(),
                        events.get(events.size() - 1).getChangedPropertyNames());
            }
        }
        if (!events.isEmpty()) {
            rebinder.rebind(context, events.stream()
                    .flatMap(event -> event.getChangedPropertyNames().stream()).toList());
            events.forEach(context::publishEvent);
        }
        return events;
    }

    private List<SecretPropertySource> importedSources() {
        List<SecretPropertySource> imported = new ArrayList<>();
        for (PropertySource<?> source : context.getEnvironment().getPropertySources()) {
            if (source instanceof SecretPropertySource secret) {
                imported.add(secret);
            }
        }
        return imported;
    }
}
