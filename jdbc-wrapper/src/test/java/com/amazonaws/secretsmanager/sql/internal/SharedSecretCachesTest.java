package com.amazonaws.secretsmanager.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.caching.internal.DefaultClients;
import java.net.URI;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

class SharedSecretCachesTest {

    @Test
    void sharedClientsKeepTheRecipesTimeoutsWithRegionAndEndpoint() throws SQLException {
        URI endpoint = URI.create("http://127.0.0.1:1");
        try (SecretsManagerClient client = SharedSecretCaches.buildClient("eu-west-3", endpoint)) {
            ClientOverrideConfiguration overrides = client.serviceClientConfiguration().overrideConfiguration();

            assertThat(overrides.apiCallTimeout()).contains(DefaultClients.API_CALL_TIMEOUT);
            assertThat(overrides.apiCallAttemptTimeout()).contains(DefaultClients.API_CALL_ATTEMPT_TIMEOUT);
            assertThat(client.serviceClientConfiguration().region().id()).isEqualTo("eu-west-3");
            assertThat(client.serviceClientConfiguration().endpointOverride()).contains(endpoint);
        }
    }
}
