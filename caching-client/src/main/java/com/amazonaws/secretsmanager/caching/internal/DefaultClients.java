package com.amazonaws.secretsmanager.caching.internal;

import java.time.Duration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The one recipe for the Secrets Manager clients smkit builds itself (the cache's default client, the JDBC drivers').
 *
 * <p>The HTTP client is chosen explicitly, so an application that also carries the Apache or Netty clients never hits
 * the SDK's "multiple HTTP implementations" failure. The timeouts bound how long a caller can wait on a hung or
 * unreachable endpoint: Secrets Manager answers in tens of milliseconds, so an attempt that takes seconds is lost.
 * Region and credentials come from the SDK's default chains.
 */
public final class DefaultClients {
    /** TCP connect timeout of one attempt. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Read timeout of one attempt (no byte for this long). */
    public static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(5);
    /** Whole-attempt timeout, retries excluded. */
    public static final Duration API_CALL_ATTEMPT_TIMEOUT = Duration.ofSeconds(5);
    /** Whole-call timeout, the SDK's retries included. */
    public static final Duration API_CALL_TIMEOUT = Duration.ofSeconds(15);

    private DefaultClients() {
    }

    /** A builder with smkit's HTTP client and timeouts; callers add region or endpoint overrides. */
    public static SecretsManagerClientBuilder builder() {
        return SecretsManagerClient.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(CONNECT_TIMEOUT)
                        .socketTimeout(SOCKET_TIMEOUT))
                .overrideConfiguration(o -> o
                        .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
                        .apiCallTimeout(API_CALL_TIMEOUT));
    }
}
