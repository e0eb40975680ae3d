package dev.smkit.spring.boot.autoconfigure;

import com.amazonaws.secretsmanager.caching.SecretCache;
import dev.smkit.micrometer.LoginRetryMetrics;
import dev.smkit.micrometer.SecretCacheMetrics;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * smkit's Micrometer binders as beans, which Spring Boot binds to every meter registry: the application's
 * {@link SecretCache} (meters tagged {@code cache=application}) and the JDBC drivers' login retries. No meter carries
 * a secret ID. Needs {@code smkit-micrometer} (in the starter) and Micrometer on the class path.
 */
@AutoConfiguration(after = SecretCacheAutoConfiguration.class)
@ConditionalOnClass({MeterBinder.class, SecretCacheMetrics.class})
public class SmkitMetricsAutoConfiguration {

    @Bean
    @ConditionalOnBean(SecretCache.class)
    @ConditionalOnMissingBean
    SecretCacheMetrics smkitSecretCacheMetrics(SecretCache cache) {
        return new SecretCacheMetrics(cache, "application", Tags.empty());
    }

    @Bean
    @ConditionalOnClass(name = "dev.smkit.jdbc.SecretsManagerJdbc")
    @ConditionalOnMissingBean
    LoginRetryMetrics smkitLoginRetryMetrics() {
        return new LoginRetryMetrics();
    }
}
