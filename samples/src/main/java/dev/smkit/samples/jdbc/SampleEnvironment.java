package dev.smkit.samples.jdbc;

import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.jdbc.testing.DatabaseServer;
import java.sql.SQLException;
import java.util.Properties;

/**
 * What every JDBC sample needs before its own code runs: an emulator, a database user, and a secret with
 * {@code engine}, {@code host}, {@code port}, {@code dbname}, {@code username} and {@code password} for it.
 * In production none of this exists: the secret is already in Secrets Manager and the SDK finds region and
 * credentials itself.
 */
public final class SampleEnvironment {

    private SampleEnvironment() {
    }

    /** Creates {@code user} on {@code db} and the secret {@code secretId} holding its credentials. */
    public static void createDatabaseSecret(SecretsManagerEmulator emulator, DatabaseServer db, String secretId,
            String user) throws SQLException {
        String password = "pw-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        db.createUser(user, password);
        emulator.client().createSecret(r -> r.name(secretId).secretString(db.secretJson(user, password)));
    }

    /**
     * The SDK's default credentials chain reads these system properties; the emulator accepts its configured pair.
     * (On AWS: an instance profile, IRSA, environment variables...)
     */
    public static void useEmulatorCredentials(SecretsManagerEmulator emulator) {
        System.setProperty("aws.accessKeyId", emulator.accessKeyId());
        System.setProperty("aws.secretAccessKey", emulator.secretAccessKey());
    }

    /**
     * Aims the wrapper drivers at the emulator with the process-level settings {@code drivers.endpointOverride} and
     * {@code drivers.region} (system properties here; {@code secretsmanager.properties} works too). Settings that can
     * redirect credentials are refused as per-connection properties. Returns the (empty) connection properties a
     * sample passes on, so it shows where per-connection settings such as {@code drivers.cache.ttlMillis} would go.
     */
    public static Properties aimDriversAtEmulator(SecretsManagerEmulator emulator) {
        System.setProperty("drivers.endpointOverride", emulator.endpoint().toString());
        System.setProperty("drivers.region", emulator.region());
        return new Properties();
    }
}
