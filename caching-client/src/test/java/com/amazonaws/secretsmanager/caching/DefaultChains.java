package com.amazonaws.secretsmanager.caching;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.smkit.emulator.SecretsManagerEmulator;

/**
 * Points the SDK's default region, credential and endpoint chains at the emulator through the system properties the
 * SDK reads, so that clients the cache builds itself (no-argument constructor, null arguments, post-quantum TLS) talk
 * to it. Restores the previous values on {@link #close()}. The suite runs its test classes one at a time.
 */
final class DefaultChains implements AutoCloseable {

    private final Map<String, String> previous = new LinkedHashMap<>();

    private DefaultChains(SecretsManagerEmulator emulator) {
        set("aws.region", emulator.region());
        set("aws.accessKeyId", emulator.accessKeyId());
        set("aws.secretAccessKey", emulator.secretAccessKey());
        set("aws.endpointUrl", emulator.endpoint().toString());
    }

    static DefaultChains pointedAt(SecretsManagerEmulator emulator) {
        return new DefaultChains(emulator);
    }

    private void set(String key, String value) {
        previous.put(key, System.getProperty(key));
        System.setProperty(key, value);
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }
}
