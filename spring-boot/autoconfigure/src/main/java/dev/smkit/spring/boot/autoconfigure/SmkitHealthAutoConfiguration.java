package dev.smkit.spring.boot.autoconfigure;

import com.amazonaws.secretsmanager.caching.SecretCache;
import dev.smkit.spring.boot.autoconfigure.internal.BootDataSourceUrl;
import dev.smkit.spring.boot.config.internal.SecretPropertySource;
import dev.smkit.spring.boot.health.SecretCacheHealthIndicator;
import dev.smkit.jdbc.SecretsManagerJdbc;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
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
 * requires are found at every check: {@code smkit.datasource.secret-id}, the secrets imported with {@code smkit:} and
 * {@code smkit.health.required-secrets}, read through the application's cache; and the secret of Boot's own DataSource
 * when {@code spring.datasource.url} is a smkit URL ({@code spring.datasource.username} of a
 * {@code jdbc-secretsmanager:} URL, or the URL itself when it is a secret ID), read through the drivers' shared cache
 * under the process-level settings, as the drivers read it.
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
        return new SecretCacheHealthIndicator(cache, () -> requiredSecrets(cache, properties, environment));
    }

    private static Map<String, Supplier<SecretCache>> requiredSecrets(SecretCache cache,
            SmkitHealthProperties properties, ConfigurableEnvironment environment) {
        Map<String, Supplier<SecretCache>> required = new LinkedHashMap<>();
        Supplier<SecretCache> applicationCache = () -> cache;
        String dataSourceSecret = text(environment, "smkit.datasource.secret-id");
        if (dataSourceSecret != null) {
            required.put(dataSourceSecret, applicationCache);
        }
        environment.getPropertySources().stream()
                .filter(SecretPropertySource.class::isInstance)
                .map(source -> ((SecretPropertySource) source).getSource().secretId())
                .forEach(secretId -> required.put(secretId, applicationCache));
        properties.getRequiredSecrets().forEach(secretId -> required.put(secretId, applicationCache));
        String driverSecret = driverSecret(environment);
        if (driverSecret != null) {
            required.putIfAbsent(driverSecret, () -> sharedCache(driverSecret));
        }
        return required;
    }

    /** The secret Boot's own DataSource logs in with through the wrapper drivers, or null. */
    private static String driverSecret(ConfigurableEnvironment environment) {
        return BootDataSourceUrl.secretId(text(environment, "spring.datasource.url"),
                text(environment, "spring.datasource.username"));
    }

    private static SecretCache sharedCache(String secretId) {
        try {
            return SecretsManagerJdbc.sharedCache(secretId);
        } catch (SQLException e) {
            throw new IllegalStateException("the JDBC drivers cannot read secret '" + secretId + "'", e);
        }
    }

    private static String text(ConfigurableEnvironment environment, String key) {
        String value = environment.getProperty(key);
        return value == null || value.isBlank() ? null : value.trim();
    }
}
