package dev.smkit.samples.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import dev.smkit.samples.ConsoleCapture;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class HikariSamplesTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    @Test
    void wrapperDriverSampleRunsFromProperties() {
        String out = ConsoleCapture.run(() -> HikariWrapperDriverSample.main(new String[0]));
        assertThat(out).contains("pooled connection as sample_hikari_driver to PostgreSQL");
    }

    @Test
    void credentialsProviderSampleKeepsTheNativeUrl() {
        String out = ConsoleCapture.run(() -> HikariCredentialsProviderSample.main(new String[0]));
        assertThat(out).contains("native URL jdbc:postgresql://").contains("connected as sample_hikari_provider");
    }

    @Test
    void bothPoolsReconnectAfterARotation() throws Exception {
        DatabaseServer db = SharedDatabases.postgres();
        SampleEnvironment.createDatabaseSecret(emulator.emulator(), db, "hikari/rotating", "sample_hikari_rotating");
        SampleEnvironment.useEmulatorCredentials(emulator.emulator());
        try (SecretCache cache = new SecretCache(emulator.client());
             HikariDataSource provider = HikariCredentialsProviderSample.pool(db, cache, "hikari/rotating");
             HikariDataSource wrapper = new HikariDataSource(new HikariConfig(HikariWrapperDriverSample.hikariProperties(
                     db, "hikari/rotating", SampleEnvironment.aimDriversAtEmulator(emulator.emulator()))))) {
            assertThat(currentUser(provider)).isEqualTo("sample_hikari_rotating");
            assertThat(currentUser(wrapper)).isEqualTo("sample_hikari_rotating");

            db.setPassword("sample_hikari_rotating", "rotated-Pw-2");
            emulator.client().putSecretValue(r -> r.secretId("hikari/rotating")
                    .secretString(db.secretJson("sample_hikari_rotating", "rotated-Pw-2")));
            // Drop every pooled connection: the next borrow needs a new login with the new password.
            provider.getHikariPoolMXBean().softEvictConnections();
            wrapper.getHikariPoolMXBean().softEvictConnections();

            assertThat(currentUser(provider)).isEqualTo("sample_hikari_rotating");
            assertThat(currentUser(wrapper)).isEqualTo("sample_hikari_rotating");
        }
    }

    private static String currentUser(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_user")) {
            rs.next();
            return rs.getString(1);
        }
    }
}
