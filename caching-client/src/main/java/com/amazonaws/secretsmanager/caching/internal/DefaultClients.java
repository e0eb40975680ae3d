package com.amazonaws.secretsmanager.caching.internal;

import java.time.Duration;

import com.amazonaws.secretsmanager.caching.PostQuantumTlsUnavailableException;

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

    /** The AWS CRT HTTP client, which post-quantum TLS needs. */
    static final String CRT_CLIENT_CLASS = "software.amazon.awssdk.http.crt.AwsCrtHttpClient";
    /** The CRT itself (native library), a dependency of the CRT HTTP client that applications sometimes exclude. */
    static final String CRT_CLASS = "software.amazon.awssdk.crt.CRT";

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

    /**
     * Like {@link #builder()}, on the AWS CRT HTTP client with hybrid post-quantum key exchange enabled, and the same
     * timeouts (the connect timeout on the CRT client, the call timeouts on the SDK client).
     *
     * @throws PostQuantumTlsUnavailableException if the CRT HTTP client is not on the class path, its native library
     *         cannot be loaded, or its TLS on this platform offers no post-quantum key exchange
     */
    public static SecretsManagerClientBuilder postQuantumBuilder() {
        ClassLoader loader = DefaultClients.class.getClassLoader();
        for (String required : new String[] {CRT_CLIENT_CLASS, CRT_CLASS}) {
            try {
                Class.forName(required, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new PostQuantumTlsUnavailableException("postQuantumTlsEnabled is true, but the AWS CRT HTTP client"
                        + " is not on the class path (" + required + " not found): add the dependency "
                        + PostQuantumTlsUnavailableException.DEPENDENCY + " (version from the AWS SDK BOM), or set"
                        + " postQuantumTlsEnabled to false", e);
            }
        }
        boolean supported;
        try {
            supported = CrtClients.postQuantumTlsSupported();
        } catch (RuntimeException | LinkageError e) {
            throw new PostQuantumTlsUnavailableException("postQuantumTlsEnabled is true, but the AWS CRT could not be"
                    + " loaded on this platform (" + platform() + "): " + e, e);
        }
        if (!supported) {
            throw new PostQuantumTlsUnavailableException("postQuantumTlsEnabled is true, but the AWS CRT's TLS on this"
                    + " platform (" + platform() + ") offers no post-quantum key exchange; set postQuantumTlsEnabled to"
                    + " false or run where the CRT uses s2n-tls (Linux)", null);
        }
        return SecretsManagerClient.builder()
                .httpClientBuilder(CrtClients.postQuantumHttpClient(CONNECT_TIMEOUT))
                .overrideConfiguration(o -> o
                        .apiCallAttemptTimeout(API_CALL_ATTEMPT_TIMEOUT)
                        .apiCallTimeout(API_CALL_TIMEOUT));
    }

    private static String platform() {
        return System.getProperty("os.name") + ' ' + System.getProperty("os.arch");
    }
}
