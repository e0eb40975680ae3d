package dev.smkit.spring.boot.autoconfigure.internal;

import com.amazonaws.secretsmanager.caching.SecretCache;
import dev.smkit.jdbc.SecretsManagerJdbc;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;

/**
 * Fills in Boot's {@code spring.datasource.driver-class-name} for smkit URLs, which Boot cannot map to a driver by
 * itself. Works after initialization, so the properties are bound by then.
 */
public final class WrapperDriverClassInference implements BeanPostProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(WrapperDriverClassInference.class);

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof DataSourceProperties properties) {
            infer(properties);
        }
        return bean;
    }

    private static void infer(DataSourceProperties properties) {
        String url = properties.getUrl() == null ? "" : properties.getUrl().trim();
        if (url.isEmpty() || hasText(properties.getDriverClassName())) {
            return;
        }
        String wrapped = SecretsManagerJdbc.wrapperDriverClassNameForUrl(url);
        if (wrapped != null) {
            properties.setDriverClassName(wrapped);
            LOG.info("smkit: spring.datasource.driver-class-name set to {} for the jdbc-secretsmanager URL", wrapped);
        } else if (BootDataSourceUrl.isSecretId(url)) {
            String forSecret = SecretsManagerJdbc.wrapperDriverClassName(sharedCache(url), url);
            properties.setDriverClassName(forSecret);
            LOG.info("smkit: spring.datasource.driver-class-name set to {} for the engine of secret '{}'", forSecret,
                    url);
        }
    }

    private static SecretCache sharedCache(String secretId) {
        try {
            return SecretsManagerJdbc.sharedCache(secretId);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read secret '" + secretId + "' (spring.datasource.url) to choose "
                    + "its wrapper driver: " + e.getMessage(), e);
        }
    }

    private static boolean hasText(String text) {
        return text != null && !text.trim().isEmpty();
    }
}
