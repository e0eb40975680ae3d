package dev.smkit.spring.boot.autoconfigure;

import dev.smkit.spring.boot.autoconfigure.internal.WrapperDriverClassInference;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.context.annotation.Bean;

/**
 * Lets Spring Boot's own DataSource take smkit JDBC URLs without {@code spring.datasource.driver-class-name}: for
 * {@code spring.datasource.url=jdbc-secretsmanager:<subprotocol>:...} (with the secret ID as
 * {@code spring.datasource.username}) it sets the wrapper driver of that subprotocol; for a bare secret ID as the URL
 * (anything not starting with {@code jdbc:}) the wrapper driver of the secret's {@code engine}, read through the
 * drivers' shared cache. An explicit driver class name is left alone.
 */
@AutoConfiguration
@ConditionalOnClass(DataSourceProperties.class)
public class SmkitJdbcUrlAutoConfiguration {

    // static: a post-processor must not make its configuration class an early bean
    @Bean
    static WrapperDriverClassInference smkitWrapperDriverClassInference() {
        return new WrapperDriverClassInference();
    }
}
