package dev.smkit.samples.jdbc;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.hikari.SecretsManagerCredentialsProvider;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * HikariCP keeping its native PostgreSQL driver and {@code jdbc:postgresql:} URL: only the credentials come from
 * Secrets Manager, through {@link SecretsManagerCredentialsProvider} and a {@link SecretCache}.
 */
public final class HikariCredentialsProviderSample {

    static final String SECRET_ID = "samples/hikari-provider-db";

    private HikariCredentialsProviderSample() {
    }

    /** A pool on the native URL whose username and password are read from {@code secretId} for each connection. */
    public static HikariDataSource pool(DatabaseServer db, SecretCache cache, String secretId) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("credentials-provider-sample");
        config.setJdbcUrl(db.jdbcUrl("postgresql"));
        config.setMaximumPoolSize(4);
        // attachTo: the provider sees which logins the database rejected (HikariCP itself never tells a provider).
        new SecretsManagerCredentialsProvider(cache, secretId).attachTo(config);
        return new HikariDataSource(config);
    }

    public static void main(String[] args) throws Exception {
        DatabaseServer db = SharedDatabases.postgres();
        try (SecretsManagerEmulator emulator = SecretsManagerEmulator.start();
             SecretCache cache = new SecretCache(emulator.client())) {
            SampleEnvironment.createDatabaseSecret(emulator, db, SECRET_ID, "sample_hikari_provider");
            try (HikariDataSource pool = pool(db, cache, SECRET_ID);
                 Connection connection = pool.getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT current_user")) {
                rs.next();
                System.out.println("native URL " + db.jdbcUrl("postgresql") + ", connected as " + rs.getString(1));
            }
            System.out.println("Secrets Manager calls: " + emulator.callCounts());
        }
    }
}
