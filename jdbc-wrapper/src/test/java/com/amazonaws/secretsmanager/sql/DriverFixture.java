package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** A driver over a cache with a fake clock, talking to the emulator; helpers shared by the integration tests. */
final class DriverFixture implements AutoCloseable {

    final SecretsManagerEmulator emulator;
    final FakeClock clock = new FakeClock();
    final SecretCache cache;
    private final SecretsManagerClient ownedClient;

    DriverFixture(SecretsManagerEmulator emulator) {
        this(emulator, Duration.ofHours(1));
    }

    DriverFixture(SecretsManagerEmulator emulator, Duration ttl) {
        this.emulator = emulator;
        this.ownedClient = null;
        this.cache = new SecretCache(new SecretCacheConfiguration()
                .withClient(emulator.client())
                .withTicker(clock)
                .withCacheItemTTL(ttl)
                .withRefreshAheadFraction(0));
    }

    private DriverFixture(SecretsManagerEmulator emulator, SecretsManagerClient client) {
        this.emulator = emulator;
        this.ownedClient = client;
        this.cache = new SecretCache(new SecretCacheConfiguration()
                .withClient(client)
                .withTicker(clock)
                .withCacheItemTTL(Duration.ofHours(1))
                .withRefreshAheadFraction(0)
                // the cache's own pause after a failed check (at most 50 ms, then 100 ms) stays shorter than the
                // driver's backoff (100 ms, then 200 ms), so each check of the retry loop reaches Secrets Manager
                .withExceptionRetryDelayBase(50));
    }

    /**
     * A fixture whose client tries each call once, so that each fault injected into the emulator reaches the cache and
     * the driver (the SDK would otherwise retry throttling and 5xx itself).
     */
    static DriverFixture withoutSdkRetries(SecretsManagerEmulator emulator) {
        return new DriverFixture(emulator, emulator.clientBuilder()
                .overrideConfiguration(o -> o.retryStrategy(RetryMode.STANDARD).retryStrategy(b -> b.maxAttempts(1)))
                .build());
    }

    <T extends AWSSecretsManagerDriver> T timed(T driver) {
        driver.setRetryTiming(clock);
        return driver;
    }

    AWSSecretsManagerDriver driverFor(DatabaseServer server) {
        return timed("postgres".equals(server.engine())
                ? new AWSSecretsManagerPostgreSQLDriver(cache) : new AWSSecretsManagerMariaDBDriver(cache));
    }

    String createSecret(String name, String json) {
        emulator.client().createSecret(b -> b.name(name).secretString(json));
        return name;
    }

    void putCurrent(String name, String json) {
        emulator.client().putSecretValue(b -> b.secretId(name).secretString(json));
    }

    void putPending(String name, String json) {
        emulator.client().putSecretValue(b -> b.secretId(name).secretString(json).versionStages("AWSPENDING"));
    }

    long calls(String operation) {
        return emulator.callCount(operation);
    }

    static DatabaseServer server(String engine) {
        return "postgres".equals(engine) ? SharedDatabases.postgres() : SharedDatabases.mariadb();
    }

    static String wrappedUrl(DatabaseServer server) {
        String real = server.jdbcUrl("postgres".equals(server.engine()) ? "postgresql" : "mariadb");
        return "jdbc-secretsmanager:" + real.substring("jdbc:".length());
    }

    static Properties user(String secretId) {
        Properties info = new Properties();
        info.setProperty("user", secretId);
        return info;
    }

    static String currentUser(Connection connection) throws SQLException {
        try (Connection c = connection; Statement statement = c.createStatement();
             ResultSet rs = statement.executeQuery("SELECT current_user")) {
            rs.next();
            String user = rs.getString(1);
            int at = user.indexOf('@'); // MariaDB answers user@host
            return at >= 0 ? user.substring(0, at) : user;
        }
    }

    @Override
    public void close() {
        cache.close();
        if (ownedClient != null) {
            ownedClient.close();
        }
    }
}
