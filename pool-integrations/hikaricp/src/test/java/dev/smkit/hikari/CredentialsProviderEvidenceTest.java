package dev.smkit.hikari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.util.Credentials;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import dev.smkit.pools.testing.RotationLoad;
import dev.smkit.pools.testing.TestEmulator;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider's decisions, one login at a time, against real PostgreSQL: what it hands out depends only on observed
 * login outcomes and on what Secrets Manager says, and each rejected login costs at most one version check.
 */
class CredentialsProviderEvidenceTest {

    /** Long enough that no check in these tests comes from the TTL. */
    static final Duration TTL = Duration.ofHours(1);

    DatabaseServer server;
    String user;
    String secretId;
    SecretCache cache;
    SecretsManagerCredentialsProvider provider;
    DataSource logins;

    @BeforeEach
    void setUp() throws SQLException {
        server = SharedDatabases.postgres();
        user = RotationLoad.uniqueUser("evidence");
        String password = newPassword();
        server.createUser(user, password);
        secretId = "evidence/" + user;
        TestEmulator.get().client().createSecret(r -> r.name(secretId).secretString(server.secretJson(user, password)));
        cache = TestEmulator.cache(TTL);
        provider = new SecretsManagerCredentialsProvider(cache, secretId);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl("postgresql"));
        provider.attachTo(config);
        logins = config.getDataSource();
        assertThat(config.getCredentialsProvider()).isSameAs(provider);
        cache.getSecretVersion(secretId); // loaded: the counts below are the provider's own checks
    }

    @AfterEach
    void tearDown() {
        cache.close();
    }

    @Test
    void aPendingVersionLeftByAFailedRotationIsNeverTriedWhileTheCurrentOneWorks() throws SQLException {
        String current = passwordOf(provider.getCredentials());
        // A rotation that stopped in setSecret: AWSPENDING holds a password the database never got.
        putVersion(newPassword(), "AWSPENDING");
        cache.getSecretVersion(secretId, "AWSPENDING"); // the cache knows the pending version

        for (int i = 0; i < 20; i++) {
            Credentials credentials = provider.getCredentials();
            assertThat(passwordOf(credentials)).as("login %d", i).isEqualTo(current);
            login(credentials).close();
        }
    }

    @Test
    void aRejectedCurrentVersionGetsOneCheckThenThePendingVersionInTheSingleUserWindow() throws SQLException {
        Credentials before = provider.getCredentials();
        String pending = newPassword();
        putVersion(pending, "AWSPENDING");      // createSecret
        server.setPassword(user, pending);      // setSecret: the database has the pending password, AWSCURRENT is old
        long describes = TestEmulator.get().callCount("DescribeSecret");

        assertThatThrownBy(() -> login(before)).isInstanceOf(SQLException.class);
        Credentials retry = provider.getCredentials();

        assertThat(TestEmulator.get().callCount("DescribeSecret")).as("one forced check").isEqualTo(describes + 1);
        assertThat(passwordOf(retry)).isEqualTo(pending);
        login(retry).close();
        for (int i = 0; i < 5; i++) {
            Credentials next = provider.getCredentials();
            assertThat(passwordOf(next)).isEqualTo(pending);
            login(next).close();
        }
        assertThat(TestEmulator.get().callCount("DescribeSecret")).as("no call once a login succeeded")
                .isEqualTo(describes + 1);
    }

    @Test
    void aRejectedCurrentVersionFindsTheVersionThatReplacedIt() throws SQLException {
        Credentials before = provider.getCredentials();
        String rotated = newPassword();
        server.setPassword(user, rotated);
        putVersion(rotated, "AWSCURRENT");      // a rotation the cache has not seen yet (TTL one hour)
        long describes = TestEmulator.get().callCount("DescribeSecret");

        assertThatThrownBy(() -> login(before)).isInstanceOf(SQLException.class);
        Credentials retry = provider.getCredentials();

        assertThat(passwordOf(retry)).isEqualTo(rotated);
        login(retry).close();
        assertThat(TestEmulator.get().callCount("DescribeSecret")).isEqualTo(describes + 1);
    }

    @Test
    void eachRejectedLoginCostsAtMostOneCheck() throws SQLException {
        server.setPassword(user, newPassword()); // a password no version of the secret holds
        long describes = TestEmulator.get().callCount("DescribeSecret");

        for (int i = 1; i <= 3; i++) {
            Credentials credentials = provider.getCredentials();
            assertThatThrownBy(() -> login(credentials)).isInstanceOf(SQLException.class);
            // Asking again without a new login outcome makes no call.
            provider.getCredentials();
            provider.getCredentials();
        }
        // The first request has no evidence yet; each of the three rejections is followed by one check.
        assertThat(TestEmulator.get().callCount("DescribeSecret") - describes).isEqualTo(3);
    }

    @Test
    void failuresThatAreNotAboutThePasswordAreNoEvidence() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(server.jdbcUrl("postgresql").replace("/" + server.database(), "/no_such_database"));
        provider.attachTo(config);
        long describes = TestEmulator.get().callCount("DescribeSecret");
        for (int i = 0; i < 3; i++) {
            Credentials credentials = provider.getCredentials();
            assertThatThrownBy(() -> config.getDataSource().getConnection(credentials.getUsername(),
                    credentials.getPassword())).isInstanceOf(SQLException.class);
        }
        provider.getCredentials();
        assertThat(TestEmulator.get().callCount("DescribeSecret")).isEqualTo(describes);
    }

    @Test
    void attachingNeedsANativeUrlAndNoDataSourceOfItsOwn() {
        assertThatThrownBy(() -> provider.attachTo(new HikariConfig())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbcUrl");
        HikariConfig wrapperUrl = new HikariConfig();
        wrapperUrl.setJdbcUrl("jdbc-secretsmanager:postgresql://localhost/db");
        assertThatThrownBy(() -> provider.attachTo(wrapperUrl)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:");
        HikariConfig withDataSource = new HikariConfig();
        withDataSource.setJdbcUrl(server.jdbcUrl("postgresql"));
        withDataSource.setDataSource(logins);
        assertThatThrownBy(() -> provider.attachTo(withDataSource)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("data source");
        HikariConfig withDriverClass = new HikariConfig();
        withDriverClass.setJdbcUrl(server.jdbcUrl("postgresql"));
        withDriverClass.setDriverClassName("org.postgresql.Driver");
        provider.attachTo(withDriverClass); // a real driver class is fine
    }

    private Connection login(Credentials credentials) throws SQLException {
        return logins.getConnection(credentials.getUsername(), credentials.getPassword());
    }

    private void putVersion(String password, String stage) {
        TestEmulator.get().client().putSecretValue(r -> r.secretId(secretId)
                .secretString(server.secretJson(user, password)).versionStages(stage));
    }

    private static String passwordOf(Credentials credentials) {
        return credentials.getPassword();
    }

    private static String newPassword() {
        return "Pw1-" + UUID.randomUUID();
    }
}
