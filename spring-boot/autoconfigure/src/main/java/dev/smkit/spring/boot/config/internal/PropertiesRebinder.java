package dev.smkit.spring.boot.config.internal;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Binds the JavaBean-style {@code @ConfigurationProperties} beans whose prefix covers a changed property again, in
 * place, from the current Environment. Only those: other beans (a running pool bound to
 * {@code spring.datasource.hikari}, say) refuse or misbehave when their setters are called again.
 * Constructor-bound beans (records, immutable classes) cannot change after creation: they are skipped. A property
 * that disappeared keeps its last bound value in the bean, as binding only sets what is present.
 */
final class PropertiesRebinder {
    private static final Logger LOG = LoggerFactory.getLogger(PropertiesRebinder.class);

    /** Names of constructor-bound beans already reported, so each is logged once. */
    private final Set<String> reportedImmutable = ConcurrentHashMap.newKeySet();

    void rebind(ConfigurableApplicationContext context, Collection<String> changedNames) {
        List<ConfigurationPropertyName> changed = changedNames.stream()
                .map(changedName -> ConfigurationPropertyName.adapt(changedName, '.'))
                .toList();
        Binder binder = Binder.get(context.getEnvironment());
        ConfigurationPropertiesBean.getAll(context).forEach((name, bean) -> {
            ConfigurationPropertyName prefix = ConfigurationPropertyName.of(bean.getAnnotation().prefix());
            if (changed.stream().noneMatch(property -> prefix.equals(property) || prefix.isAncestorOf(property))) {
                return;
            }
            Bindable<?> target = bean.asBindTarget();
            if (target.getBindMethod() != BindMethod.JAVA_BEAN || target.getValue() == null) {
                if (reportedImmutable.add(name)) {
                    LOG.debug("@ConfigurationProperties bean '{}' is constructor-bound and keeps the values it was "
                            + "created with; read the Environment or listen for SecretPropertiesChangedEvent instead",
                            name);
                }
                return;
            }
            try {
                binder.bind(bean.getAnnotation().prefix(), target);
            } catch (RuntimeException e) {
                // The message of a bind failure quotes the value: only the exception's type is told.
                LOG.warn("Cannot rebind @ConfigurationProperties bean '{}' after an imported secret changed: {}",
                        name, e.getClass().getName());
            }
        });
    }
}
