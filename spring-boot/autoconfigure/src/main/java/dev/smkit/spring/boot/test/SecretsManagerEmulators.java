package dev.smkit.spring.boot.test;

import dev.smkit.emulator.SecretsManagerEmulator;

/** The one emulator of the test JVM behind {@link AutoConfigureSecretsManagerEmulator}. */
public final class SecretsManagerEmulators {

    private SecretsManagerEmulators() {
    }

    /** The shared emulator, started on first use and closed when the JVM exits. */
    public static SecretsManagerEmulator shared() {
        return Shared.EMULATOR;
    }

    /** Lazy holder: the JVM starts the emulator once, on first access, thread-safely. */
    private static final class Shared {
        static final SecretsManagerEmulator EMULATOR = start();

        private static SecretsManagerEmulator start() {
            SecretsManagerEmulator emulator = SecretsManagerEmulator.start();
            Runtime.getRuntime().addShutdownHook(new Thread(emulator::close, "smkit-emulator-shutdown"));
            return emulator;
        }
    }
}
