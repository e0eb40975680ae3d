package dev.smkit.samples.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import dev.smkit.samples.ConsoleCapture;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DriverManagerSampleTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    @Test
    void mainConnectsWithBothUrlForms() {
        String out = ConsoleCapture.run(() -> DriverManagerSample.main(new String[0]));
        assertThat(out).contains("secret ID as URL:           connected as sample_dm")
                .contains("jdbc-secretsmanager: URL:   connected as sample_dm");
    }

    @Test
    void bothFormsFollowAPasswordChangeWithoutTouchingTheApplication() throws Exception {
        DatabaseServer db = SharedDatabases.postgres();
        SampleEnvironment.createDatabaseSecret(emulator.emulator(), db, "dm/rotating", "sample_dm_rotating");
        SampleEnvironment.useEmulatorCredentials(emulator.emulator());
        Properties aim = SampleEnvironment.aimDriversAtEmulator(emulator.emulator());
        assertThat(DriverManagerSample.whoAmIWithSecretIdUrl("dm/rotating", aim)).isEqualTo("sample_dm_rotating");

        // Rotate by hand: the database first, then the secret.
        db.setPassword("sample_dm_rotating", "rotated-Pw-1");
        emulator.client().putSecretValue(r -> r.secretId("dm/rotating")
                .secretString(db.secretJson("sample_dm_rotating", "rotated-Pw-1")));

        assertThat(DriverManagerSample.whoAmIWithSecretIdUrl("dm/rotating", aim)).isEqualTo("sample_dm_rotating");
        assertThat(DriverManagerSample.whoAmIWithWrapperUrl(db, "dm/rotating", aim)).isEqualTo("sample_dm_rotating");
        // One version check found the new version: the cached old password was not retried blindly.
        assertThat(emulator.emulator().callCount("GetSecretValue")).isEqualTo(2);
    }
}
