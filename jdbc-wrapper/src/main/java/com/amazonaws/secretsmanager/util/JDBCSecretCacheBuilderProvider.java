package com.amazonaws.secretsmanager.util;

import com.amazonaws.secretsmanager.caching.internal.DefaultClients;
import java.net.URI;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * A Secrets Manager client builder configured the way the AWS driver configures its own: {@code drivers.vpcEndpointUrl}
 * with {@code drivers.vpcEndpointRegion} (both set) first, then the {@code AWS_SECRET_JDBC_REGION} environment
 * variable, then {@code drivers.region}, else the SDK's default region chain. The builder is this library's client
 * recipe (explicit HTTP client, connect/read/call timeouts; see the caching client's README).
 */
public class JDBCSecretCacheBuilderProvider {

    static final String PROPERTY_VPC_ENDPOINT_URL = "vpcEndpointUrl";
    static final String PROPERTY_VPC_ENDPOINT_REGION = "vpcEndpointRegion";
    static final String PROPERTY_REGION = "region";
    static final String PROPERTY_POST_QUANTUM_TLS_ENABLED = "postQuantumTlsEnabled";
    static final String REGION_ENVIRONMENT_VARIABLE = "AWS_SECRET_JDBC_REGION";

    private final Config configFile;

    /** Reads {@link Config#loadMainConfig()}. */
    public JDBCSecretCacheBuilderProvider() {
        this(Config.loadMainConfig());
    }

    /** Reads the {@code drivers.*} keys of {@code config}. */
    public JDBCSecretCacheBuilderProvider(Config config) {
        this.configFile = config;
    }

    public SecretsManagerClientBuilder build() {
        Config drivers = configFile.getSubconfig("drivers");
        SecretsManagerClientBuilder builder = DefaultClients.builder();
        String vpcUrl = drivers.getStringPropertyWithDefault(PROPERTY_VPC_ENDPOINT_URL, null);
        String vpcRegion = drivers.getStringPropertyWithDefault(PROPERTY_VPC_ENDPOINT_REGION, null);
        String envRegion = System.getenv(REGION_ENVIRONMENT_VARIABLE);
        String region = drivers.getStringPropertyWithDefault(PROPERTY_REGION, null);
        if (notBlank(vpcUrl) && notBlank(vpcRegion)) {
            builder.endpointOverride(URI.create(vpcUrl.trim())).region(Region.of(vpcRegion.trim()));
        } else if (notBlank(envRegion)) {
            builder.region(Region.of(envRegion.trim()));
        } else if (notBlank(region)) {
            builder.region(Region.of(region.trim()));
        }
        return builder;
    }

    private static boolean notBlank(String value) {
        return value != null && !value.trim().isEmpty();
    }
}
