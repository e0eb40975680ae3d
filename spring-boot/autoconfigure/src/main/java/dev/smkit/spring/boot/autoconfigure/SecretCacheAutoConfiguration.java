package dev.smkit.spring.boot.autoconfigure;

import com.amazonaws.secretsmanager.caching.SecretCache;
import dev.smkit.spring.boot.autoconfigure.internal.SecretCaches;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The application's {@link SecretCache} bean, configured by {@code smkit.cache.*} (see {@link SmkitCacheProperties})
 * and closed with the context. Off with {@code smkit.cache.enabled=false}; backs off when the application defines its
 * own {@code SecretCache}.
 */
@AutoConfiguration
@ConditionalOnBooleanProperty(name = "smkit.cache.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SmkitCacheProperties.class)
public class SecretCacheAutoConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    SecretCache secretCache(SmkitCacheProperties properties, Environment environment) {
        return SecretCaches.create(properties, Binder.get(environment));
    }
}
