package dev.smkit.spring.boot.test.internal;

import dev.smkit.emulator.SecretsManagerEmulator;

/**
 * The emulator's coordinates as JVM system properties: the only place a test can put them early enough for
 * {@code spring.config.import}, and the only place the JDBC drivers and the SDK's default chains read process-wide.
 */
final class EmulatorSystemProperties {

    private EmulatorSystemProperties() {
    }

    static void publish(SecretsManagerEmulator emulator) {
        String endpoint = emulator.endpoint().toString();
        System.setProperty("smkit.cache.endpoint", endpoint);
        System.setProperty("smkit.cache.region", emulator.region());
        System.setProperty("spring.cloud.aws.credentials.access-key", emulator.accessKeyId());
        System.setProperty("spring.cloud.aws.credentials.secret-key", emulator.secretAccessKey());
        System.setProperty("drivers.endpointOverride", endpoint);
        System.setProperty("drivers.region", emulator.region());
        System.setProperty("aws.accessKeyId", emulator.accessKeyId());
        System.setProperty("aws.secretAccessKey", emulator.secretAccessKey());
    }
}
