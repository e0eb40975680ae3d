package dev.smkit.spring.boot.autoconfigure;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.hikari.SecretsManagerHikari;
import dev.smkit.spring.boot.autoconfigure.internal.SecretDataSources;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * When {@code smkit.datasource.secret-id} is set and the application defines no {@code DataSource}: a started,
 * rotation-safe {@link HikariDataSource} for the database the secret describes, read through the application's
 * {@link SecretCache} bean, with {@code spring.datasource.hikari.*} applied to the pool. Runs before Boot's own
 * DataSource auto-configuration, which then backs off. Setting {@code spring.datasource.url} as well fails startup.
 */
@AutoConfiguration(after = SecretCacheAutoConfiguration.class,
        beforeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass({HikariDataSource.class, SecretsManagerHikari.class})
@ConditionalOnProperty("smkit.datasource.secret-id")
@ConditionalOnMissingBean(DataSource.class)
@EnableConfigurationProperties(SmkitDataSourceProperties.class)
public class SmkitDataSourceAutoConfiguration {

    @Bean(destroyMethod = "close")
    HikariDataSource dataSource(SmkitDataSourceProperties properties, ObjectProvider<SecretCache> cache,
            Environment environment) {
        return SecretDataSources.create(properties, cache.getIfAvailable(), Binder.get(environment));
    }
}
