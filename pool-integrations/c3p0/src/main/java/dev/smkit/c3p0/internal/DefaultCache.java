package dev.smkit.c3p0.internal;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import java.net.URI;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The process-wide cache used when the application does not pass one (for example a provider that Hikari created
 * from {@code credentialsProviderClassName}). It reads the JDBC drivers' keys {@code drivers.region} and
 * {@code drivers.endpointOverride} (system property, environment, {@code secretsmanager.properties}), else the SDK's
 * default region and endpoint chains; cache settings come from the {@code smkit.cache.*} keys. Created on first use so
 * that loading classes never touches AWS configuration; lives as long as the JVM.
 */
public final class DefaultCache {

    static final String REGION_KEY = "drivers.region";
    static final String ENDPOINT_KEY = "drivers.endpointOverride";

    private DefaultCache() {
    }

    public static SecretCache get() {
        return Holder.CACHE;
    }

    private static final class Holder {
        static final SecretCache CACHE = create();

        private static SecretCache create() {
            SecretsManagerClientBuilder builder = SecretsManagerClient.builder()
                    .httpClientBuilder(UrlConnectionHttpClient.builder());
            Settings.lookup(REGION_KEY, "AWS_SECRET_JDBC_REGION").ifPresent(region -> builder.region(Region.of(region)));
            Settings.lookup(ENDPOINT_KEY, "SMKIT_JDBC_ENDPOINT_OVERRIDE").ifPresent(endpoint -> builder.endpointOverride(URI.create(endpoint)));
            return new SecretCache(SecretCacheConfiguration.fromSystem().withClient(builder.build()));
        }
    }
}
