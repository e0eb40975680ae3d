package dev.smkit.hikari;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.Credentials;
import dev.smkit.emulator.RotationContext;
import dev.smkit.emulator.RotationFunction;
import dev.smkit.emulator.RotationOutcome;
import dev.smkit.jdbc.testing.DatabaseRotation;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import dev.smkit.pools.testing.RotationLoad;
import dev.smkit.pools.testing.TestEmulator;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * Conditions the rotation suite does not create by itself: HikariCP's connection backoff grown past 2 s while the
 * database rejects every login, and an AWSPENDING version left by a rotation that failed in setSecret.
 */
class FieldConditionsTest {

    static final Duration REJECTING = Duration.ofSeconds(10);

    @Test
    void aPoolWhoseBackoffGrewPastTwoSecondsRecoversAtTheFirstAttemptAfterThePasswordIsValid() throws Exception {
        DatabaseServer server = SharedDatabases.postgres();
        String user = RotationLoad.uniqueUser("backoff");
        String first = newPassword();
        server.createUser(user, first);
        String secretId = "field/" + user;
        TestEmulator.get().client().createSecret(r -> r.name(secretId).secretString(server.secretJson(user, first)));
        try (SecretCache cache = TestEmulator.cache(Duration.ofHours(1))) {
            RecordingProvider provider = new RecordingProvider(cache, secretId);
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(server.jdbcUrl("postgresql"));
            config.setMaximumPoolSize(2);
            config.setMinimumIdle(2);
            provider.attachTo(config);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                try (Connection connection = pool.getConnection()) {
                    assertThat(connection.isValid(1)).isTrue();
                }
                // The database rejects every login for a while; the pool must open new connections meanwhile.
                server.setPassword(user, newPassword());
                pool.getHikariPoolMXBean().softEvictConnections();
                TimeUnit.MILLISECONDS.sleep(REJECTING.toMillis()); // the outage's length is the scenario, not a check
                // Then the new password: in Secrets Manager first, then in the database (a rotation's order).
                String valid = newPassword();
                TestEmulator.get().client().putSecretValue(r -> r.secretId(secretId)
                        .secretString(server.secretJson(user, valid)));
                server.setPassword(user, valid);
                long validAt = System.nanoTime();

                try (Connection connection = pool.getConnection()) { // waits for the adder's next attempt
                    assertThat(connection.isValid(1)).isTrue();
                }

                List<Request> before = new ArrayList<>();
                Request firstAfter = null;
                for (Request request : provider.handedOut) {
                    if (request.atNanos < validAt) {
                        before.add(request);
                    } else if (firstAfter == null) {
                        firstAfter = request;
                    }
                }
                assertThat(before.size()).as("attempts while the database rejected logins").isGreaterThan(5);
                long lastGapMillis = TimeUnit.NANOSECONDS.toMillis(
                        before.get(before.size() - 1).atNanos - before.get(before.size() - 2).atNanos);
                assertThat(lastGapMillis).as("HikariCP's backoff before the password became valid (ms)")
                        .isGreaterThan(2_000);
                assertThat(firstAfter).as("an attempt after the password became valid").isNotNull();
                assertThat(firstAfter.password).as("the first attempt after the password became valid uses it")
                        .isEqualTo(valid);
            }
        }
    }

    @Test
    void aPendingVersionLeftByAFailedSetSecretIsNeverUsedWhileTheCurrentOneWorks() throws Exception {
        DatabaseServer server = SharedDatabases.postgres();
        String user = RotationLoad.uniqueUser("failedset");
        String password = newPassword();
        server.createUser(user, password);
        RotationLoad.prepare(server);
        String secretId = "field/" + user;
        TestEmulator.get().client().createSecret(r -> r.name(secretId).secretString(server.secretJson(user, password)));
        TestEmulator.get().registerRotation(secretId, new FailsInSetSecret(DatabaseRotation.singleUser(server)));
        String pendingVersion = TestEmulator.get().client().rotateSecret(r -> r.secretId(secretId)).versionId();
        RotationOutcome outcome = TestEmulator.get().awaitRotation(secretId, pendingVersion, Duration.ofSeconds(30));
        assertThat(outcome.succeeded()).isFalse();
        String pendingPassword = JsonNode.parser().parse(TestEmulator.get().client()
                .getSecretValue(r -> r.secretId(secretId).versionStage("AWSPENDING")).secretString())
                .asObject().get("password").asString();
        assertThat(pendingPassword).isNotEqualTo(password);

        try (SecretCache cache = TestEmulator.cache(Duration.ofHours(1))) {
            RecordingProvider provider = new RecordingProvider(cache, secretId);
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(server.jdbcUrl("postgresql"));
            config.setMaximumPoolSize(4);
            provider.attachTo(config);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                cache.getSecretVersion(secretId, "AWSPENDING"); // the cache knows the pending version too
                for (int i = 0; i < 20; i++) {
                    pool.getHikariPoolMXBean().softEvictConnections(); // every borrow below needs a new login
                    assertThat(RotationLoad.currentUser(pool)).isEqualTo(user);
                }
            }
            assertThat(provider.handedOut).isNotEmpty();
            assertThat(provider.handedOut).extracting(request -> request.password).containsOnly(password);
        }
    }

    private static String newPassword() {
        return "Pw1-" + UUID.randomUUID();
    }

    /** What the provider handed out, and when. */
    static final class Request {
        final long atNanos;
        final String password;

        Request(long atNanos, String password) {
            this.atNanos = atNanos;
            this.password = password;
        }
    }

    /** The provider as users subclass it (several pools, one secret each), recording each answer. */
    static final class RecordingProvider extends SecretsManagerCredentialsProvider {
        final List<Request> handedOut = new CopyOnWriteArrayList<>();

        RecordingProvider(SecretCache cache, String secretId) {
            super(cache, secretId);
        }

        @Override
        public Credentials getCredentials() {
            Credentials credentials = super.getCredentials();
            handedOut.add(new Request(System.nanoTime(), credentials.getPassword()));
            return credentials;
        }
    }

    /** A single-user rotation whose setSecret fails: AWSPENDING holds a password the database never got. */
    static final class FailsInSetSecret implements RotationFunction {
        private final RotationFunction rotation;

        FailsInSetSecret(RotationFunction rotation) {
            this.rotation = rotation;
        }

        @Override
        public void createSecret(RotationContext context) throws Exception {
            rotation.createSecret(context);
        }

        @Override
        public void setSecret(RotationContext context) throws SQLException {
            throw new SQLException("permission denied to alter role", "42501");
        }

        @Override
        public void testSecret(RotationContext context) throws Exception {
            rotation.testSecret(context);
        }

        @Override
        public void finishSecret(RotationContext context) throws Exception {
            rotation.finishSecret(context);
        }
    }
}
