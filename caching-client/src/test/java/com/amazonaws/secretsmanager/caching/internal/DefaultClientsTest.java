package com.amazonaws.secretsmanager.caching.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;

class DefaultClientsTest {

    @Test
    void bothCallTimeoutsAreSet() {
        // A hung endpoint must cost a synchronous reader a bounded time, not forever.
        ClientOverrideConfiguration config = DefaultClients.builder().overrideConfiguration();
        assertThat(config.apiCallAttemptTimeout()).contains(DefaultClients.API_CALL_ATTEMPT_TIMEOUT);
        assertThat(config.apiCallTimeout()).contains(DefaultClients.API_CALL_TIMEOUT);
    }
}
