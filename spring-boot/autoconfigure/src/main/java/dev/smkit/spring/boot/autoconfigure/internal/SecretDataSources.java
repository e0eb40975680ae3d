package dev.smkit.spring.boot.autoconfigure.internal;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.hikari.SecretsManagerHikari;
import dev.smkit.spring.boot.autoconfigure.SmkitDataSourceProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;

/** Builds the {@code smkit.datasource.*} pool, refusing configurations that say two different things. */
public final class SecretDataSources {

    private static final String SECRET_ID = "smkit.datasource.secret-id";
    private static final String URL = "spring.datasource.url";

    private SecretDataSources() {
    }

    /**
     * A started pool for {@code properties}' secret, read through {@code cache}, with {@code spring.datasource.hikari.*}
     * from {@code binder} applied.
     *
     * @param cache null when the context has no {@code SecretCache} bean
     * @throws IllegalStateException when {@code spring.datasource.url} is set too, when there is no cache, or naming
     *     the secret (never a value) when it cannot be read or names no supported engine
     */
    public static HikariDataSource create(SmkitDataSourceProperties properties, SecretCache cache, Binder binder) {
        String secretId = properties.getSecretId() == null ? "" : properties.getSecretId().trim();
        if (secretId.isEmpty()) {
            throw new IllegalStateException(SECRET_ID + " is blank: set it to the name or ARN of a database secret");
        }
        // Two sources for one DataSource: picking either silently would connect somewhere the user did not expect.
        if (!binder.bind(URL, String.class).map(String::trim).orElse("").isEmpty()) {
            throw new IllegalStateException("Both " + SECRET_ID + " and " + URL + " are set; set only one: "
                    + SECRET_ID + " builds the DataSource from the secret, " + URL
                    + " configures Spring Boot's own DataSource");
        }
        if (cache == null) {
            throw new IllegalStateException(SECRET_ID + " needs a SecretCache bean, but there is none "
                    + "(smkit.cache.enabled is false and the application defines no SecretCache)");
        }
        try {
            return SecretsManagerHikari.forSecret(secretId)
                    .cache(cache)
                    .configure(config -> binder.bind("spring.datasource.hikari", Bindable.ofInstance(config)))
                    .softEvictOnRotation(properties.isSoftEvictOnRotation())
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Cannot build the DataSource for " + SECRET_ID + "=" + secretId + ": "
                    + e.getMessage(), e);
        }
    }
}
