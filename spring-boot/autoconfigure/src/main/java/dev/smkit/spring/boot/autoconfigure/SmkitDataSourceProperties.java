package dev.smkit.spring.boot.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code smkit.datasource.*}: a rotation-safe HikariCP {@code DataSource} built from nothing but a secret holding
 * {@code engine}, {@code host}, {@code port}, {@code dbname}, {@code username} and {@code password}. Pool settings
 * come from {@code spring.datasource.hikari.*}.
 */
@ConfigurationProperties("smkit.datasource")
public class SmkitDataSourceProperties {

    /** Name or ARN of the database secret; setting it makes smkit build the application's DataSource. */
    private String secretId;

    /** Soft-evict pooled connections whenever the cache sees a new version of the secret. */
    private boolean softEvictOnRotation = true;

    public String getSecretId() {
        return secretId;
    }

    public void setSecretId(String secretId) {
        this.secretId = secretId;
    }

    public boolean isSoftEvictOnRotation() {
        return softEvictOnRotation;
    }

    public void setSoftEvictOnRotation(boolean softEvictOnRotation) {
        this.softEvictOnRotation = softEvictOnRotation;
    }
}
