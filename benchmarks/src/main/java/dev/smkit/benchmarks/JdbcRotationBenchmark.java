package dev.smkit.benchmarks;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver;
import dev.smkit.emulator.RotationOutcome;
import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.jdbc.testing.DatabaseRotation;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * From a finished single-user rotation (database password changed, new AWSCURRENT) to the first successful new
 * connection through a wrapper whose cache still holds the old version: one rejected login, one shared version check
 * (DescribeSecret + GetSecretValue), one good login. Single shot per rotation; the setup waits out the cache's
 * 1 s forced-refresh reuse window, as real rotations are far apart.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class JdbcRotationBenchmark {

    private static final String SECRET_ID = "bench/rotating";

    private SecretsManagerEmulator emulator;
    private SecretCache cache;
    private Driver wrapper;

    @Setup(Level.Trial)
    public void setUp() throws SQLException {
        DatabaseServer postgres = SharedDatabases.postgres();
        postgres.createUser("rotating_user", "rotating-Pw-1");
        emulator = SecretsManagerEmulator.start();
        emulator.client().createSecret(b -> b.name(SECRET_ID)
                .secretString(postgres.secretJson("rotating_user", "rotating-Pw-1")));
        emulator.registerRotation(SECRET_ID, DatabaseRotation.singleUser(postgres));
        cache = new SecretCache(emulator.client());
        wrapper = new AWSSecretsManagerPostgreSQLDriver(cache);
    }

    @Setup(Level.Invocation)
    public void rotate() throws Exception {
        wrapper.connect(SECRET_ID, null).close(); // the cache holds the current version
        Thread.sleep(1100);
        emulator.client().rotateSecret(b -> b.secretId(SECRET_ID));
        // RotateSecret answers at once and the emulator rotates in the background, as AWS does: wait for the end.
        RotationOutcome outcome = emulator.awaitRotation(SECRET_ID, Duration.ofSeconds(60));
        if (!outcome.succeeded()) {
            throw new IllegalStateException("Rotation did not succeed: " + outcome);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        cache.close();
        emulator.close();
    }

    @Benchmark
    public void firstConnectionAfterRotation() throws SQLException {
        try (Connection connection = wrapper.connect(SECRET_ID, null)) {
            // open and close
        }
    }
}
