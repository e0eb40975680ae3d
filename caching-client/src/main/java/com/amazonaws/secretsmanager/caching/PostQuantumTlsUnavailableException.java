package com.amazonaws.secretsmanager.caching;

/**
 * {@link SecretCacheConfiguration#setPostQuantumTlsEnabled(boolean) postQuantumTlsEnabled} is true but the cache
 * cannot build a client that negotiates post-quantum TLS: the AWS CRT HTTP client
 * ({@value #DEPENDENCY}) is not on the class path, its native library cannot be loaded, or its TLS on this platform
 * offers no post-quantum key exchange. Thrown by the {@link SecretCache} constructor, never later: the cache does not
 * fall back to classical TLS.
 */
public class PostQuantumTlsUnavailableException extends IllegalStateException {

    /** The Maven coordinates of the HTTP client that post-quantum TLS needs (version from the AWS SDK BOM). */
    public static final String DEPENDENCY = "software.amazon.awssdk:aws-crt-client";

    private static final long serialVersionUID = 1L;

    public PostQuantumTlsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
