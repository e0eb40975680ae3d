package dev.smkit.samples.jdbc;

import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The user guide's two ways to open a connection with {@code DriverManager}: the secret ID as the URL, and a
 * {@code jdbc-secretsmanager:} URL with the secret ID as {@code user}. Either way the password never appears in
 * the application.
 */
public final class DriverManagerSample {

    static final String SECRET_ID = "samples/drivermanager-db";

    private DriverManagerSample() {
    }

    /** The guide's first form: the URL is the secret ID; host, port and database come from the secret too. */
    public static String whoAmIWithSecretIdUrl(String secretId, Properties connectionProperties) throws Exception {
        Class.forName("com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver");
        Properties info = new Properties();
        info.putAll(connectionProperties);
        info.setProperty("user", secretId);
        try (Connection connection = DriverManager.getConnection(secretId, info)) {
            return currentUser(connection);
        }
    }

    /** The guide's second form: a {@code jdbc-secretsmanager:} URL; {@code user} names the secret. */
    public static String whoAmIWithWrapperUrl(DatabaseServer db, String secretId, Properties connectionProperties)
            throws SQLException {
        String url = "jdbc-secretsmanager:postgresql://" + db.host() + ":" + db.port() + "/" + db.database();
        Properties info = new Properties();
        info.putAll(connectionProperties);
        info.setProperty("user", secretId);
        try (Connection connection = DriverManager.getConnection(url, info)) {
            return currentUser(connection);
        }
    }

    private static String currentUser(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }

    public static void main(String[] args) throws Exception {
        DatabaseServer db = SharedDatabases.postgres();
        try (SecretsManagerEmulator emulator = SecretsManagerEmulator.start()) {
            SampleEnvironment.createDatabaseSecret(emulator, db, SECRET_ID, "sample_dm");
            SampleEnvironment.useEmulatorCredentials(emulator);
            Properties aimAtEmulator = SampleEnvironment.aimDriversAtEmulator(emulator);

            System.out.println("secret ID as URL:           connected as "
                    + whoAmIWithSecretIdUrl(SECRET_ID, aimAtEmulator));
            System.out.println("jdbc-secretsmanager: URL:   connected as "
                    + whoAmIWithWrapperUrl(db, SECRET_ID, aimAtEmulator));
            System.out.println("Secrets Manager calls: " + emulator.callCounts());
        }
    }
}
