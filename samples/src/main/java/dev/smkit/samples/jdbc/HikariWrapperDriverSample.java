package dev.smkit.samples.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;

/**
 * HikariCP configured as a {@code hikari.properties} file (or Spring Boot's {@code spring.datasource.*}) would
 * configure it: the wrapper driver as {@code driverClassName}, a {@code jdbc-secretsmanager:} URL, the secret ID as
 * {@code username}, no password.
 */
public final class HikariWrapperDriverSample {

    static final String SECRET_ID = "samples/hikari-wrapper-db";

    private HikariWrapperDriverSample() {
    }

    /**
     * The properties as they would appear in {@code hikari.properties}; {@code dataSource.*} entries are handed to
     * the driver as connection properties (here: where the emulator is).
     */
    public static Properties hikariProperties(DatabaseServer db, String secretId, Properties driverProperties) {
        Properties p = new Properties();
        p.setProperty("poolName", "wrapper-driver-sample");
        p.setProperty("driverClassName", "com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver");
        p.setProperty("jdbcUrl", "jdbc-secretsmanager:postgresql://" + db.host() + ":" + db.port() + "/" + db.database());
        p.setProperty("username", secretId);
        p.setProperty("maximumPoolSize", "4");
        driverProperties.forEach((key, value) -> p.setProperty("dataSource." + key, value.toString()));
        return p;
    }

    public static void main(String[] args) throws Exception {
        DatabaseServer db = SharedDatabases.postgres();
        try (SecretsManagerEmulator emulator = SecretsManagerEmulator.start()) {
            SampleEnvironment.createDatabaseSecret(emulator, db, SECRET_ID, "sample_hikari_driver");
            SampleEnvironment.useEmulatorCredentials(emulator);
            Properties properties = hikariProperties(db, SECRET_ID,
                    SampleEnvironment.aimDriversAtEmulator(emulator));
            try (HikariDataSource pool = new HikariDataSource(new HikariConfig(properties));
                 Connection connection = pool.getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT current_user, version()")) {
                rs.next();
                System.out.println("pooled connection as " + rs.getString(1) + " to " + rs.getString(2).split(",")[0]);
            }
            System.out.println("Secrets Manager calls: " + emulator.callCounts());
        }
    }
}
