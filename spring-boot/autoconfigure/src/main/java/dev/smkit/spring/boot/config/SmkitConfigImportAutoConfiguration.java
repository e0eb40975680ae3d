package dev.smkit.spring.boot.config;

import dev.smkit.spring.boot.config.internal.SharedCache;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * The {@link SmkitConfigImportRefresher} of an application that imports secrets with {@code smkit:}; such an
 * application has the import's cache as the bean {@code smkitSecretCache}, and only then is the refresher defined.
 */
@AutoConfiguration
@EnableConfigurationProperties(SmkitConfigProperties.class)
public class SmkitConfigImportAutoConfiguration {

    @Bean
    @ConditionalOnBean(name = SharedCache.BEAN_NAME)
    @ConditionalOnMissingBean
    SmkitConfigImportRefresher smkitConfigImportRefresher(ConfigurableApplicationContext context,
            SmkitConfigProperties properties) {
        return new SmkitConfigImportRefresher(context, properties.getCheckInterval());
    }
}
