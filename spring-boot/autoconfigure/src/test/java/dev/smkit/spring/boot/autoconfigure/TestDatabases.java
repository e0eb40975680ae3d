package dev.smkit.spring.boot.autoconfigure;

import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.ProcessSettings;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/** Secrets for the JVM's one embedded PostgreSQL (password checks on), and the emulator settings Boot needs. */
final class TestDatabases {

    private static final AtomicInteger USERS = new AtomicInteger();

    private TestDatabases() {
    }

    static DatabaseServer postgres() {
        return SharedDatabases.postgres();
    }

    /** A fresh PostgreSQL user and a secret {@code name} for it in {@code emulator}. */
    static void createPostgresSecret(SecretsManagerEmulator emulator, String name) throws SQLException {
        String user = "boot_" + ProcessHandle.current().pid() + "_" + USERS.incrementAndGet();
        String password = "Pw1-" + UUID.randomUUID();
        postgres().createUser(user, password);
        emulator.client().createSecret(r -> r.name(name).secretString(postgres().secretJson(user, password)));
    }

    /** {@code smkit.cache.*} and {@code spring.cloud.aws.credentials.*} pointing the cache bean at {@code emulator}. */
    static String[] cacheProperties(SecretsManagerEmulator emulator) {
        return new String[] {
            "smkit.cache.endpoint=" + emulator.endpoint(),
            "smkit.cache.region=" + emulator.region(),
            "spring.cloud.aws.credentials.access-key=" + emulator.accessKeyId(),
            "spring.cloud.aws.credentials.secret-key=" + emulator.secretAccessKey(),
        };
    }

    /**
     * Points the wrapper drivers' process-level settings at {@code emulator} until {@link ProcessSettings#close()}
     * restores the previous values.
     */
    static ProcessSettings driversUse(SecretsManagerEmulator emulator) {
        return ProcessSettings.set(
                "drivers.endpointOverride", emulator.endpoint().toString(),
                "drivers.region", emulator.region(),
                "aws.accessKeyId", emulator.accessKeyId(),
                "aws.secretAccessKey", emulator.secretAccessKey());
    }
}
