package dev.smkit.c3p0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.mchange.v2.c3p0.ComboPooledDataSource;
import dev.smkit.jdbc.DatabaseSecret;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import dev.smkit.pools.testing.LogCapture;
import dev.smkit.pools.testing.RotationLoad;
import dev.smkit.pools.testing.TestEmulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every secret value holds a canary; all logging (c3p0's, the drivers', the SDK's, ours) is captured at TRACE across
 * the factory's success and bad-input paths. The canary must not appear in a log line, an exception or a
 * {@code toString}.
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

        try (LogCapture capture = new LogCapture()) {
            ComboPooledDataSource pool = factory(good).softResetOnRotation(true).build();
            try {
                assertThat(RotationLoad.currentUser(pool)).isEqualTo(user);
                pool.softResetAllUsers();
                assertThat(RotationLoad.currentUser(pool)).isEqualTo(user);
                seen.add(pool.toString());
            } finally {
                pool.close();
            }
            ComboPooledDataSource wrongPool = factory(wrong).build();
            try {
                failure(() -> RotationLoad.currentUser(wrongPool));
                seen.add(wrongPool.toString());
            } finally {
                wrongPool.close();
            }
            for (String secretId : List.of(unknownEngine, notJson, noUser, "canary/missing")) {
                seen.add(factory(secretId).toString());
                failure(() -> factory(secretId).build().close());
            }
            SecretCache cache = TestEmulator.cache(Duration.ofSeconds(2));
            ComboPooledDataSource unstarted = new ComboPooledDataSource();
            try (SoftResetOnRotation listener = SoftResetOnRotation.register(cache, good, unstarted)) {
                seen.add(listener.toString());
            } finally {
                unstarted.close();
            }
            seen.add(cache.getSecretVersion(good).toString());
            seen.add(DatabaseSecret.of(cache.getSecretVersion(good)).toString());
            cache.close();
            seen.addAll(capture.texts());
            assertThat(capture.events()).as("c3p0 and driver lines were captured")
                    .anyMatch(e -> e.getLoggerName().startsWith("com.mchange"))
                    .anyMatch(e -> e.getLoggerName().startsWith("com.amazonaws.secretsmanager"));
        }
        assertThat(seen).noneMatch(text -> text != null && text.contains(CANARY));
    }

    private interface Attempt {
        void run() throws Exception;
    }

    private void failure(Attempt attempt) {
        Throwable failure = catchThrowable(attempt::run);
        assertThat(failure).as("a bad secret must fail").isNotNull();
        seen.add(LogCapture.printed(failure));
    }

    private static String create(String prefix, String secretString) {
        String secretId = prefix + "-" + UUID.randomUUID();
        TestEmulator.get().client().createSecret(r -> r.name(secretId).secretString(secretString));
        return secretId;
    }

    private static SecretsManagerC3p0.Builder factory(String secretId) {
        Properties properties = new Properties();
        properties.setProperty("drivers.retry.maxAttempts", "2");
        return SecretsManagerC3p0.forSecret(secretId).configure(c -> {
            c.setMaxPoolSize(2);
            c.setCheckoutTimeout(3_000);
            c.setAcquireRetryAttempts(1);
            c.setProperties(properties);
        });
    }
}
