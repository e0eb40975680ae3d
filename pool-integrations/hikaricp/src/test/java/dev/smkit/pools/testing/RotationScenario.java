package dev.smkit.pools.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.jdbc.testing.DatabaseRotation;
import dev.smkit.jdbc.testing.DatabaseServer;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;

/**
 * One secret for one test: a fresh database user, the secret in the emulator, and a registered rotation function
 * (single user or alternating users) that really changes the database.
 */
public final class RotationScenario {

    public enum Strategy { SINGLE_USER, ALTERNATING_USERS }

    public final SecretsManagerEmulator emulator;
    public final DatabaseServer server;
    public final String secretId;
    public final String initialUser;
    public final Strategy strategy;

    private RotationScenario(SecretsManagerEmulator emulator, DatabaseServer server, String secretId, String user,
            Strategy strategy) {
        this.emulator = emulator;
        this.server = server;
        this.secretId = secretId;
        this.initialUser = user;
        this.strategy = strategy;
    }

    public static RotationScenario create(SecretsManagerEmulator emulator, DatabaseServer server, Strategy strategy)
            throws SQLException {
        return create(emulator, server, strategy, null);
    }

    /** {@code secretName} null: derived from the (unique) user name. */
    public static RotationScenario create(SecretsManagerEmulator emulator, DatabaseServer server, Strategy strategy,
            String secretName) throws SQLException {
        String user = RotationLoad.uniqueUser("pool");
        String password = "Pw1-" + UUID.randomUUID();
        server.createUser(user, password);
        RotationLoad.prepare(server);
        String secretId = secretName != null ? secretName : "pools/" + user;
        emulator.client().createSecret(r -> r.name(secretId).secretString(server.secretJson(user, password)));
        emulator.registerRotation(secretId, strategy == Strategy.SINGLE_USER
                ? DatabaseRotation.singleUser(server) : DatabaseRotation.alternatingUsers(server));
        return new RotationScenario(emulator, server, secretId, user, strategy);
    }

    /** RotateSecret through the SDK; the emulator runs the four steps before answering. */
    public void rotate() {
        emulator.client().rotateSecret(r -> r.secretId(secretId));
    }

    /** The AWSCURRENT JSON, read straight from the emulator (counts one GetSecretValue). */
    public Map<String, JsonNode> current() {
        String json = emulator.client().getSecretValue(r -> r.secretId(secretId)).secretString();
        return JsonNode.parser().parse(json).asObject();
    }

    /**
     * The checks every rotation test makes: no failed borrow or query, every rotation completed (AWSCURRENT moved
     * {@code rotations} times and no step failed), a connection opened after the run logs in as the current secret's
     * user, and the API calls stayed within the bounds.
     */
    public void assertOutcome(RotationLoad.Result result, DataSource pool, Runnable retireConnections,
            long maxDescribeSecret, long maxGetSecretValue) throws SQLException {
        Map<String, Long> calls = emulator.callCounts();
        System.out.printf("rotation run %s: %d operations (fewest between two rotations: %d), calls %s%n", secretId,
                result.operations, result.operationsBetweenRotationsMin, calls);
        assertThat(result.failures).as("failed borrows or queries (first ones)").isEmpty();
        assertThat(result.failureCount).as("failed borrows or queries").isZero();
        assertThat(result.operations).as("operations").isGreaterThan(RotationLoad.THREADS * 10L);
        assertThat(result.rotations).isEqualTo(RotationLoad.ROTATIONS);
        assertThat(result.operationsBetweenRotationsMin).as("operations between two consecutive rotations (fewest)")
                .isPositive();
        assertThat(emulator.rotationFailures()).isEmpty();
        assertThat(emulator.client().listSecretVersionIds(r -> r.secretId(secretId).includeDeprecated(true)).versions())
                .as("one version per rotation plus the initial one").hasSize(RotationLoad.ROTATIONS + 1);
        Map<String, JsonNode> current = current();
        String expectedUser = current.get("username").asString();
        if (strategy == Strategy.ALTERNATING_USERS) {
            // An even number of rotations brings the original user back (with a new password).
            assertThat(expectedUser).isEqualTo(RotationLoad.ROTATIONS % 2 == 0 ? initialUser : initialUser + "_clone");
        }
        retireConnections.run();
        assertThat(RotationLoad.currentUser(pool)).as("user of a connection opened after the last rotation")
                .isEqualTo(expectedUser);
        assertThat(calls.getOrDefault("DescribeSecret", 0L)).as("DescribeSecret calls").isLessThanOrEqualTo(maxDescribeSecret);
        assertThat(calls.getOrDefault("GetSecretValue", 0L)).as("GetSecretValue calls").isLessThanOrEqualTo(maxGetSecretValue);
    }
}
