package com.amazonaws.secretsmanager.caching.internal;

import java.time.Duration;

import software.amazon.awssdk.crt.io.TlsCipherPreference;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.crt.AwsCrtHttpClient;

/**
 * Everything that touches the optional AWS CRT HTTP client, in a class of its own: it is loaded only once
 * {@link DefaultClients#postQuantumBuilder()} has found the CRT on the class path, so a cache without it never links
 * a CRT class.
 */
final class CrtClients {

    private CrtClients() {
    }

    /**
     * Whether the CRT's TLS on this platform has a post-quantum key exchange (s2n-tls on Linux has; the system TLS
     * libraries the CRT uses elsewhere may not). Loads the CRT's native library.
     */
    static boolean postQuantumTlsSupported() {
        return TlsCipherPreference.TLS_CIPHER_PQ_DEFAULT.isSupported();
    }

    /** The CRT HTTP client with hybrid post-quantum key exchange enabled, as the SDK documents it. */
    static SdkHttpClient.Builder<?> postQuantumHttpClient(Duration connectTimeout) {
        return AwsCrtHttpClient.builder()
                .postQuantumTlsEnabled(true)
                .connectionTimeout(connectTimeout);
    }
}
