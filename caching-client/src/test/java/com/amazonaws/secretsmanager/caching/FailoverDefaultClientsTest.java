package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.secretsmanager.model.ReplicaRegionType;

/**
 * Failover regions without clients of the application's: the cache builds one per region as it builds its default
 * client (URL connection HTTP client, the default chains, here pointed at the emulator, with that region).
 */
class FailoverDefaultClientsTest extends DefaultClientTest {

    @Test
    void theCacheBuildsAFailoverRegionsClientLikeItsOwn() {
        emulator.client().createSecret(r -> r.name("db").secretString("v1")
                .addReplicaRegions(ReplicaRegionType.builder().region("us-west-2").build()));
        emulator.faults().region("us-east-1").unreachable();
        SecretCache cache = cache(new SecretCacheConfiguration().withTicker(ticker)
                .withFailoverRegions(List.of("us-west-2")));

        RecordedRequests.start();
        List<String> userAgents;
        try {
            assertThat(cache.getSecretString("db")).isEqualTo("v1");
        } finally {
            userAgents = RecordedRequests.stop();
        }

        assertThat(cache.stats().regionStats().get("us-west-2").failoverCount()).isEqualTo(1);
        assertThat(cache.stats().regionStats().get("us-west-2").apiCallCount()).isEqualTo(2);
        assertThat(userAgents).isNotEmpty().allMatch(agent -> agent.contains("md/http#UrlConnection"), "URL");

        cache.close();
        emulator.faults().region("us-east-1").clear();
        assertThat(cache.getSecretString("db")).as("usable again after close, on new clients").isEqualTo("v1");
    }
}
