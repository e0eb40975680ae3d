package dev.smkit.samples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * A command-line Spring Boot application on smkit's starter. Its database is described by one secret
 * ({@code smkit.datasource.secret-id} in application.properties: engine, host, port, dbname, username, password), so
 * the application has no JDBC URL and no password, and keeps working when the password rotates. Its report settings
 * come from a second, optional secret through {@code spring.config.import=optional:smkit:...}.
 *
 * <p>Run it against your AWS account with {@code AWS_REGION} set and both secrets created; its test runs it against
 * smkit's emulator and an embedded PostgreSQL.
 */
@SpringBootApplication
@EnableConfigurationProperties(ReportSettings.class)
public class OrdersApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrdersApplication.class, args);
    }
}
