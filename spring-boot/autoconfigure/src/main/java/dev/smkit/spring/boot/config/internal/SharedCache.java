package dev.smkit.spring.boot.config.internal;

import com.amazonaws.secretsmanager.caching.SecretCache;
import dev.smkit.spring.boot.autoconfigure.internal.SecretCaches;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.boot.bootstrap.BootstrapContextClosedEvent;
import org.springframework.boot.bootstrap.BootstrapRegistry.InstanceSupplier;
import org.springframework.boot.bootstrap.ConfigurableBootstrapContext;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The one {@link SecretCache} of an application that imports secrets: built on first use in the bootstrap context,
 * then handed to the application context as the singleton {@value #BEAN_NAME}, so that the auto-configured cache bean
 * backs off and everything reads through this cache. The context closes it with its other beans.
 */
public final class SharedCache {
    public static final String BEAN_NAME = "smkitSecretCache";

    private SharedCache() {
    }

    static void registerIn(ConfigurableBootstrapContext bootstrap, Binder binder) {
        if (bootstrap.isRegistered(SecretCache.class)) {
            return; // by an earlier smkit: location, or by the application itself (which then owns it)
        }
        bootstrap.register(SecretCache.class, InstanceSupplier.from(() -> SecretCaches.create(binder)));
        bootstrap.addCloseListener(SharedCache::handOver);
    }

    private static void handOver(BootstrapContextClosedEvent event) {
        SecretCache cache = event.getBootstrapContext().get(SecretCache.class);
        ConfigurableListableBeanFactory beans = event.getApplicationContext().getBeanFactory();
        beans.registerSingleton(BEAN_NAME, cache);
        if (beans instanceof DefaultSingletonBeanRegistry registry) {
            registry.registerDisposableBean(BEAN_NAME, cache::close);
        }
    }
}
