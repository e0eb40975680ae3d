package dev.smkit.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerMariaDBDriver;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver;
import com.amazonaws.secretsmanager.sql.internal.JdbcUrl;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * JDBC URL handling never fails with anything but a SQLException, whatever the URL: classification, the drivers'
 * acceptsURL and getPropertyInfo (which hands wrapped URLs to the real driver; finding F-1, fixed, was a MariaDB
 * parser exception escaping from there). Nothing here reaches the network:
 * the cache's client is never called.
 */
class JdbcUrlFuzzTest {

    private static SecretsManagerClient client;
    private static SecretCache cache;
    private static Driver[] drivers;

    @BeforeAll
    static void drivers() {
        client = SecretsManagerClient.builder().region(Region.US_EAST_1).build();
        cache = new SecretCache(client);
        drivers = new Driver[] {new AWSSecretsManagerPostgreSQLDriver(cache), new AWSSecretsManagerMariaDBDriver(cache)};
    }

    @AfterAll
    static void close() {
        cache.close();
        client.close();
    }

    @FuzzTest(maxDuration = "20s")
    void urlHandling(@NotNull String url) {
        JdbcUrl parsed = JdbcUrl.parse(url);
        switch (parsed.kind()) {
            case WRAPPED:
                assertThat(parsed.realUrl()).startsWith("jdbc:");
                parsed.hasSubprotocol("postgresql");
                break;
            case SECRET_ID:
                assertThat(parsed.secretId()).isNotBlank().isEqualTo(parsed.secretId().trim());
                String region = JdbcUrl.regionOfArn(parsed.secretId());
                if (region != null) {
                    assertThat(parsed.secretId()).contains(":" + region + ":");
                }
                break;
            default:
                break;
        }
        for (Driver driver : drivers) {
            try {
                boolean accepted = driver.acceptsURL(url);
                assertThat(accepted).as("accepts %s", url)
                        .isEqualTo(parsed.kind() == JdbcUrl.Kind.SECRET_ID || parsed.kind() == JdbcUrl.Kind.WRAPPED
                                && (parsed.hasSubprotocol("postgresql") && driver instanceof AWSSecretsManagerPostgreSQLDriver
                                || parsed.hasSubprotocol("mariadb") && driver instanceof AWSSecretsManagerMariaDBDriver));
                DriverPropertyInfo[] info = driver.getPropertyInfo(url, new Properties());
                assertThat(info).isNotEmpty();
            } catch (SQLException documented) {
                // the only checked failure a JDBC driver may report
            }
        }
    }
}
