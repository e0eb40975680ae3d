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
     * Connection properties that aim the wrapper drivers at the emulator: {@code drivers.endpointOverride} and
     * {@code drivers.region} (the same keys work in {@code secretsmanager.properties} and as system properties).
     */
    public static Properties emulatorConnectionProperties(SecretsManagerEmulator emulator) {
        Properties properties = new Properties();
        properties.setProperty("drivers.endpointOverride", emulator.endpoint().toString());
        properties.setProperty("drivers.region", emulator.region());
        return properties;
    }
}
