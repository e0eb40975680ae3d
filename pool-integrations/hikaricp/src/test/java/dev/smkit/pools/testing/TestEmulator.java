package dev.smkit.pools.testing;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import dev.smkit.emulator.SecretsManagerEmulator;
import java.time.Duration;

/**
 * One emulator per JVM. The wrapper drivers and providers created by class name find it through the same system
 * properties a user would set ({@code drivers.endpointOverride}, {@code drivers.region}, {@code aws.accessKeyId},
 * {@code aws.secretAccessKey}); process-wide caches keep the endpoint they first saw, so it must not change.
 */
public final class TestEmulator {

    private TestEmulator() {
    }

    public static SecretsManagerEmulator get() {
        return Holder.EMULATOR;
    }

    /** A cache with the given TTL on the emulator's shared client. */
    public static SecretCache cache(Duration ttl) {
        return new SecretCache(new SecretCacheConfiguration().withClient(get().client()).withCacheItemTTL(ttl));
    }

    private static final class Holder {
        static final SecretsManagerEmulator EMULATOR = SecretsManagerEmulator.start();

        static {
            System.setProperty("drivers.endpointOverride", EMULATOR.endpoint().toString());
            System.setProperty("drivers.region", EMULATOR.region());
            System.setProperty("aws.region", EMULATOR.region());
            System.setProperty("aws.accessKeyId", EMULATOR.accessKeyId());
            System.setProperty("aws.secretAccessKey", EMULATOR.secretAccessKey());
            Runtime.getRuntime().addShutdownHook(new Thread(EMULATOR::close, "smkit-emulator-stop"));
        }
    }
}
