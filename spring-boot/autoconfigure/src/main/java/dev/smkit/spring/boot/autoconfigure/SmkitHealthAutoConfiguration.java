package dev.smkit.spring.boot.autoconfigure;

import com.amazonaws.secretsmanager.caching.SecretCache;
import dev.smkit.spring.boot.config.internal.SecretPropertySource;
import dev.smkit.spring.boot.health.SecretCacheHealthIndicator;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * The {@code smkit} health indicator ({@link SecretCacheHealthIndicator}) over the application's {@link SecretCache}:
 * on with Spring Boot's health module, off with {@code management.health.smkit.enabled=false}. The secrets it
 * requires are read at every check: {@code smkit.datasource.secret-id}, the secrets imported with {@code smkit:} and
 * {@code smkit.health.required-secrets}.
 */
@AutoConfiguration(after = {SecretCacheAutoConfiguration.class, SmkitDataSourceAutoConfiguration.class})
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(SecretCache.class)
@ConditionalOnEnabledHealthIndicator("smkit")
@EnableConfigurationProperties(SmkitHealthProperties.class)
public class SmkitHealthAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "smkitHealthIndicator")
    SecretCacheHealthIndicator smkitHealthIndicator(SecretCache cache, SmkitHealthProperties properties,
            ConfigurableEnvironment environment) {
        return new SecretCacheHealthIndicator(cache, () -> requiredSecrets(properties, environment));
    }

    private static Set<String> requiredSecrets(SmkitHealthProperties properties, ConfigurableEnvironment environment) {
        Set<String> ids = new LinkedHashSet<>();
        String dataSourceSecret = environment.getProperty("smkit.datasource.secret-id");
        if (dataSourceSecret != null && !dataSourceSecret.isBlank()) {
            ids.add(dataSourceSecret.trim());
        }
        environment.getPropertySources().stream()
                .filter(SecretPropertySource.class::isInstance)
                .map(source -> ((SecretPropertySource) source).getSource().secretId())
                .forEach(ids::add);
        ids.addAll(properties.getRequiredSecrets());
        return ids;
    }
}
