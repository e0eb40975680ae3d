package dev.smkit.reliability.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.caching.SecretChangeEvent;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver;
import com.amazonaws.secretsmanager.sql.internal.Connector;
import com.amazonaws.secretsmanager.sql.internal.SecretFields;
import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.emulator.RotationContext;
import dev.smkit.emulator.RotationFunction;
import dev.smkit.emulator.RotationOutcome;
import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.hikari.SecretsManagerHikari;
import dev.smkit.hikari.SoftEvictOnRotation;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import dev.smkit.reliability.support.Canary;
import dev.smkit.reliability.support.CanaryAppender;
import dev.smkit.reliability.support.SharedEmulator;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/**
 * The secret-leak canary. Every secret value in this suite holds a canary, every log event of the JVM (root at TRACE,
 * SDK, drivers, pool, emulator, java.util.logging bridged) is scanned as it happens, and each test class fails if one
 * holds a canary. This class adds the failure paths not covered elsewhere, checks the toString of the public types,
 * and runs last ({@link ClassOrderer.OrderAnnotation}) to check the whole run.
 */
@Order(Integer.MAX_VALUE)
class SecretLeakCanaryTest {

    @Test
    void authenticationFailureAfterRetriesNamesNoPassword() throws Exception {
        DatabaseServer postgres = SharedDatabases.postgres();
        postgres.createUser("canary_auth", Canary.next());
        String wrong = Canary.next();
        SharedEmulator.get().client().createSecret(r -> r.name("canary/auth-failure")
                .secretString(postgres.secretJson("canary_auth", wrong)));
        Properties info = new Properties();
        info.setProperty("drivers.retry.maxAttempts", "3");
        info.setProperty("drivers.retry.maxDurationMillis", "2000");
        try (SecretCache cache = new SecretCache(SharedEmulator.get().client())) {
            SQLException rejected = Canary.assertAbsent(catchThrowableOfType(SQLException.class,
                    () -> new AWSSecretsManagerPostgreSQLDriver(cache).connect("canary/auth-failure", info)));
            assertThat(rejected.getSQLState()).isEqualTo("28000");
            assertThat(rejected.getMessage()).contains("canary/auth-failure");
        }
    }

    @Test
    void signatureFailureOfAWriteCarryingASecretNamesNoValue() {
        SecretsManagerEmulator emulator = SharedEmulator.get();
        try (SecretsManagerClient wrongKey = emulator.clientBuilder()
                .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                        emulator.accessKeyId(), "not-the-secret-key"))
                .build()) {
            Throwable thrown = Canary.assertAbsent(catchThrowable(() -> wrongKey.createSecret(r -> r
                    .name("canary/signature").secretString(Canary.credentials("app")))));
            assertThat(thrown).isInstanceOf(SecretsManagerException.class);
            assertThat(((SecretsManagerException) thrown).awsErrorDetails().errorCode())
                    .isEqualTo("InvalidSignatureException");
        }
    }

    @Test
    void failingRotationFunctionIsLoggedWithoutItsMessage() {
        String secretId = "canary/rotation-failure";
        SharedEmulator.get().client().createSecret(r -> r.name(secretId).secretString(Canary.credentials("app")));
        SharedEmulator.get().registerRotation(secretId, new RotationFunction() {
            @Override
            public void createSecret(RotationContext context) {
                context.putPendingSecretString(Canary.credentials("app"));
            }

            @Override
            public void setSecret(RotationContext context) {
                throw new IllegalStateException("could not set " + context.pendingSecretString().orElse(""));
            }

            @Override
            public void testSecret(RotationContext context) {
            }

            @Override
            public void finishSecret(RotationContext context) {
                context.finish();
            }
        });
        // RotateSecret answers at once; the steps run in the background, as AWS runs the Lambda.
        SharedEmulator.get().client().rotateSecret(r -> r.secretId(secretId));
        RotationOutcome outcome = SharedEmulator.get().awaitRotation(secretId, Duration.ofSeconds(60));
        Canary.assertAbsent("rotation outcome", outcome.toString());
        assertThat(outcome.failure()).hasValueSatisfying(failure -> assertThat(failure.step()).isEqualTo("setSecret"));
        assertThat(SharedEmulator.get().rotationFailures()).anySatisfy(failure -> Canary.assertAbsent(
                "rotation failure", failure.toString()));
    }

    @Test
    void publicTypesPrintNoValues() throws Exception {
        DatabaseServer postgres = SharedDatabases.postgres();
        String password = Canary.next();
        postgres.createUser("canary_tostring", password);
        String secretId = "canary/to-string";
        String binaryId = "canary/to-string-binary";
        SharedEmulator.get().client().createSecret(r -> r.name(secretId)
                .secretString(postgres.secretJson("canary_tostring", password)));
        SharedEmulator.get().client().createSecret(r -> r.name(binaryId)
                .secretBinary(SdkBytes.fromUtf8String(Canary.next())));
        List<Object> objects = new ArrayList<>();
        SecretCacheConfiguration configuration = new SecretCacheConfiguration().withClient(SharedEmulator.get().client());
        try (SecretCache cache = new SecretCache(configuration);
             HikariDataSource pool = SecretsManagerHikari.forSecret(secretId).cache(cache).build();
             SoftEvictOnRotation listener = SoftEvictOnRotation.register(cache, secretId, pool)) {
            objects.add(cache.getSecretVersion(secretId));
            objects.add(cache.getSecretVersion(binaryId));
            objects.add(cache.getSecretMetadata(secretId));
            objects.add(cache.prefetch(List.of(secretId, binaryId)));
            objects.add(cache.stats());
            objects.add(cache);
            objects.add(configuration);
            objects.add(SecretFields.of(cache.getSecretVersion(secretId)));
            objects.add(Connector.settings(new Properties()));
            objects.add(new AWSSecretsManagerPostgreSQLDriver(cache));
            objects.add(pool);
            objects.add(listener);
            objects.add(SharedEmulator.get());
            objects.add(SharedEmulator.get().client().getSecretValue(r -> r.secretId(secretId)));
            objects.add(GetSecretValueResponse.builder().secretString(password).build());
            List<SecretChangeEvent> events = new ArrayList<>();
            cache.addChangeListener(events::add);
            SharedEmulator.get().client().putSecretValue(r -> r.secretId(secretId)
                    .secretString(postgres.secretJson("canary_tostring", Canary.next())));
            assertThat(cache.refreshNow(secretId)).isTrue();
            assertThat(events).hasSize(1);
            objects.addAll(events);
        }
        for (Object object : objects) {
            Canary.assertAbsent("toString of " + object.getClass().getName(), String.valueOf(object));
        }
    }

    @Test
    void noLogEventOfTheWholeRunHeldASecret() {
        assertThat(CanaryAppender.events()).as("log events scanned (the TRACE capture is on)").isGreaterThan(1_000);
        assertThat(CanaryAppender.leaks()).isEmpty();
        System.out.printf("FIGURE canary logEventsScanned=%d leaks=%d%n", CanaryAppender.events(),
                CanaryAppender.leaks().size());
    }
}
