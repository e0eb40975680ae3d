package dev.smkit.samples.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smkit.samples.ConsoleCapture;
import org.junit.jupiter.api.Test;

class C3p0PropertiesSampleTest {

    @Test
    void theGuidesFileAloneConfiguresAWorkingPool() {
        String out = ConsoleCapture.run(() -> C3p0PropertiesSample.main(new String[0]));
        assertThat(out).contains("c3p0 pool (driverClass com.amazonaws.secretsmanager.sql.AWSecretsManagerPostgreSQLDriver,"
                + " jdbcUrl samples/c3p0-db) connected as sample_c3p0");
    }
}
