package dev.smkit.samples.jdbc;

import com.mchange.v2.c3p0.ComboPooledDataSource;
import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * c3p0 configured only by the user guide's {@code c3p0.properties} (in this module's resources): the application
 * creates a {@code ComboPooledDataSource} with no arguments and borrows connections.
 */
public final class C3p0PropertiesSample {

    /** The secret ID written in {@code c3p0.properties}. */
    static final String SECRET_ID = "samples/c3p0-db";

    private C3p0PropertiesSample() {
    }

    public static void main(String[] args) throws Exception {
        DatabaseServer db = SharedDatabases.postgres();
        try (SecretsManagerEmulator emulator = SecretsManagerEmulator.start()) {
            SampleEnvironment.createDatabaseSecret(emulator, db, SECRET_ID, "sample_c3p0");
            SampleEnvironment.useEmulatorCredentials(emulator);
            // c3p0 passes no custom connection properties from c3p0.properties, so the emulator's address goes in
            // system properties (or secretsmanager.properties). On AWS neither is needed.
            System.setProperty("drivers.endpointOverride", emulator.endpoint().toString());
            System.setProperty("drivers.region", emulator.region());
            ComboPooledDataSource pool = new ComboPooledDataSource();
            try (Connection connection = pool.getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT current_user")) {
                rs.next();
                System.out.println("c3p0 pool (driverClass " + pool.getDriverClass() + ", jdbcUrl " + pool.getJdbcUrl()
                        + ") connected as " + rs.getString(1));
            } finally {
                pool.close();
                System.clearProperty("drivers.endpointOverride");
                System.clearProperty("drivers.region");
            }
            System.out.println("Secrets Manager calls: " + emulator.callCounts());
        }
    }
}
