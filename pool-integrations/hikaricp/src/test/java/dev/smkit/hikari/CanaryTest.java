package dev.smkit.hikari;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import com.amazonaws.secretsmanager.caching.SecretCache;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.jdbc.DatabaseSecret;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import dev.smkit.pools.testing.LogCapture;
import dev.smkit.pools.testing.RotationLoad;
import dev.smkit.pools.testing.TestEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every secret value holds a canary; all logging is captured at TRACE across the success and bad-input paths of all
 * four Hikari paths. The canary must not appear in a log line, an exception (message, cause chain, stack trace) or
 * the {@code toString} of a public type.
 */
class CanaryTest {

    private static final String CANARY = "Canary-" + UUID.randomUUID();

    private final List<String> seen = new ArrayList<>();

    @Test
    void theCanaryAppearsNowhere() throws Exception {
        DatabaseServer server = SharedDatabases.postgres();
        String user = RotationLoad.uniqueUser("canary");
        server.createUser(user, CANARY);
        String good = create("canary/good", server.secretJson(user, CANARY));
        String wrong = create("canary/wrong-password", server.secretJson(user, CANARY + "-wrong"));
        String unknownEngine = create("canary/unknown-engine",
                "{\"engine\":\"cassandra\",\"host\":\"h\",\"username\":\"u\",\"password\":\"" + CANARY + "\"}");
        String notJson = create("canary/not-json", "not-json-" + CANARY);
        String noUser = create("canary/no-username", "{\"password\":\"" + CANARY + "\",\"engine\":\"postgres\"}");
        String missing = "canary/missing";

        try (LogCapture capture = new LogCapture(); SecretCache cache = TestEmulator.cache(Duration.ofSeconds(2))) {
            // Successes, so that TRACE output of working pools is covered too.
            try (HikariDataSource pool = providerPool(server, new SecretsManagerCredentialsProvider(cache, good));
                    SoftEvictOnRotation listener = SoftEvictOnRotation.register(cache, good, pool)) {
                assertThat(RotationLoad.currentUser(pool)).isEqualTo(user);
                seen.add(listener.toString());
                seen.add(pool.toString());
            }
            try (HikariDataSource pool = factory(good).build()) {
                assertThat(RotationLoad.currentUser(pool)).isEqualTo(user);
            }

            // The provider path and the factory path with each bad secret; the wrapper driver path with a wrong password.
            for (String secretId : List.of(wrong, notJson, noUser, missing)) {
                SecretsManagerCredentialsProvider provider = new SecretsManagerCredentialsProvider(cache, secretId);
                seen.add(provider.toString());
                failure(() -> providerPool(server, provider).close());
            }
            for (String secretId : List.of(wrong, unknownEngine, notJson, noUser, missing)) {
                seen.add(factory(secretId).toString());
                failure(() -> factory(secretId).build().close());
            }
            failure(() -> wrapperDriverPool(wrong).close());

            seen.add(cache.getSecretVersion(good).toString());
            seen.add(DatabaseSecret.of(cache.getSecretVersion(good)).toString());
            seen.addAll(capture.texts());
            assertThat(capture.events()).as("TRACE/DEBUG lines from Hikari and smkit were captured")
                    .anyMatch(e -> e.getLoggerName().startsWith("com.zaxxer.hikari") && e.getLevel() == Level.DEBUG)
                    .anyMatch(e -> e.getLoggerName().startsWith("com.amazonaws.secretsmanager"));
        }
        assertThat(seen).noneMatch(text -> text != null && text.contains(CANARY));
    }

    private void failure(Runnable attempt) {
        Throwable failure = catchThrowable(attempt::run);
        assertThat(failure).as("a bad secret must fail").isNotNull();
        seen.add(LogCapture.printed(failure));
    }

    private static String create(String prefix, String secretString) {
        String secretId = prefix + "-" + UUID.randomUUID();
        TestEmulator.get().client().createSecret(r -> r.name(secretId).secretString(secretString));
        return secretId;
    }

    private static HikariDataSource providerPool(DatabaseServer server, SecretsManagerCredentialsProvider provider) {
        HikariConfig config = quickConfig();
        config.setJdbcUrl(server.jdbcUrl("postgresql"));
        config.setCredentialsProvider(provider);
        return new HikariDataSource(config);
    }

    private static HikariDataSource wrapperDriverPool(String secretId) {
        HikariConfig config = quickConfig();
        config.setDriverClassName(WrapperDriverHikariTest.WRAPPER);
        config.setJdbcUrl(secretId);
        config.setUsername(secretId);
        config.addDataSourceProperty("drivers.retry.maxAttempts", "2");
        return new HikariDataSource(config);
    }

    private static SecretsManagerHikari.Builder factory(String secretId) {
        return SecretsManagerHikari.forSecret(secretId).configure(config -> {
            config.setMaximumPoolSize(2);
            config.setConnectionTimeout(1_000);
            config.addDataSourceProperty("drivers.retry.maxAttempts", "2");
        });
    }

    private static HikariConfig quickConfig() {
        HikariConfig config = new HikariConfig();
        config.setMaximumPoolSize(2);
        config.setConnectionTimeout(1_000);
        return config;
    }
}
