package dev.smkit.spring.boot.autoconfigure.internal;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.caching.internal.DefaultClients;
import dev.smkit.spring.boot.autoconfigure.SmkitCacheProperties;
import java.net.URI;
import java.nio.file.Paths;
import org.springframework.boot.context.properties.bind.Binder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * Builds the application's {@link SecretCache} from bound properties. One place for both users of it: the
 * auto-configured bean and the {@code smkit:} config import, which runs before any bean exists and hands its cache
 * over to the context (so both read through one cache).
 */
public final class SecretCaches {

    private SecretCaches() {
    }

    /** The cache {@code smkit.cache.*} and {@code spring.cloud.aws.*} describe in {@code binder}'s sources. */
    public static SecretCache create(Binder binder) {
        SmkitCacheProperties properties = binder.bind("smkit.cache", SmkitCacheProperties.class)
                .orElseGet(SmkitCacheProperties::new);
        return create(properties, binder);
    }

    /** The cache for {@code properties}, with {@code spring.cloud.aws.*} from {@code binder} as fallbacks. */
    public static SecretCache create(SmkitCacheProperties properties, Binder binder) {
        SecretCacheConfiguration configuration = new SecretCacheConfiguration()
                .withMaxCacheSize(properties.getMaxSize())
                .withCacheItemTTL(properties.getTtl())
                .withVersionStage(properties.getVersionStage())
                .withFailoverRegions(properties.getFailoverRegions())
                .withFailoverToReportedReplicas(properties.isFailoverToReportedReplicas());
        SecretsManagerClient client = client(properties, binder);
        try {
            return new ClientClosingSecretCache(configuration.withClient(client), client);
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static SecretsManagerClient client(SmkitCacheProperties properties, Binder binder) {
        SecretsManagerClientBuilder builder = DefaultClients.builder();
        String region = firstText(properties.getRegion(), text(binder, "spring.cloud.aws.secretsmanager.region"),
                text(binder, "spring.cloud.aws.region.static"));
        if (region != null) {
            builder.region(Region.of(region));
        }
        URI endpoint = properties.getEndpoint();
        if (endpoint == null) {
            String text = firstText(text(binder, "spring.cloud.aws.secretsmanager.endpoint"),
                    text(binder, "spring.cloud.aws.endpoint"));
            endpoint = text == null ? null : URI.create(text);
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        AwsCredentialsProvider credentials = credentials(binder);
        if (credentials != null) {
            builder.credentialsProvider(credentials);
        }
        try {
            return builder.build();
        } catch (SdkClientException e) {
            throw new IllegalStateException("Cannot build the Secrets Manager client for smkit's SecretCache: "
                    + e.getMessage() + " Set smkit.cache.region (or spring.cloud.aws.region.static, or AWS_REGION).",
                    e);
        }
    }

    /**
     * Spring Cloud AWS's credential settings, in its order: static keys, instance profile, named profile; null (the
     * SDK's default chain) when none is set. Naming two is an error rather than a silent choice.
     */
    private static AwsCredentialsProvider credentials(Binder binder) {
        String accessKey = text(binder, "spring.cloud.aws.credentials.access-key");
        String secretKey = text(binder, "spring.cloud.aws.credentials.secret-key");
        boolean instanceProfile = binder.bind("spring.cloud.aws.credentials.instance-profile", Boolean.class)
                .orElse(false);
        String profileName = text(binder, "spring.cloud.aws.credentials.profile.name");
        String profilePath = text(binder, "spring.cloud.aws.credentials.profile.path");
        if ((accessKey == null) != (secretKey == null)) {
            throw new IllegalStateException("spring.cloud.aws.credentials.access-key and "
                    + "spring.cloud.aws.credentials.secret-key must be set together, but only "
                    + (accessKey == null ? "secret-key" : "access-key") + " is set");
        }
        int chosen = (accessKey != null ? 1 : 0) + (instanceProfile ? 1 : 0)
                + (profileName != null || profilePath != null ? 1 : 0);
        if (chosen > 1) {
            throw new IllegalStateException("Set only one of spring.cloud.aws.credentials.access-key/secret-key, "
                    + "spring.cloud.aws.credentials.instance-profile and spring.cloud.aws.credentials.profile.*");
        }
        if (accessKey != null) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
        }
        if (instanceProfile) {
            return InstanceProfileCredentialsProvider.create();
        }
        if (profileName == null && profilePath == null) {
            return null;
        }
        ProfileCredentialsProvider.Builder profile = ProfileCredentialsProvider.builder();
        if (profileName != null) {
            profile.profileName(profileName);
        }
        if (profilePath != null) {
            profile.profileFile(ProfileFile.builder().content(Paths.get(profilePath))
                    .type(ProfileFile.Type.CREDENTIALS).build());
        }
        return profile.build();
    }

    private static String text(Binder binder, String name) {
        String value = binder.bind(name, String.class).map(String::trim).orElse("");
        return value.isEmpty() ? null : value;
    }

    private static String firstText(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null && !candidate.trim().isEmpty()) {
                return candidate.trim();
            }
        }
        return null;
    }

    /** A cache that also closes the client built for it: it is the only owner of that client. */
    private static final class ClientClosingSecretCache extends SecretCache {
        private final SecretsManagerClient client;

        ClientClosingSecretCache(SecretCacheConfiguration configuration, SecretsManagerClient client) {
            super(configuration);
            this.client = client;
        }

        @Override
        public void close() {
            try {
                super.close();
            } finally {
                client.close();
            }
        }
    }
}
