package dev.smkit.benchmarks;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver;
import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Opening (and closing) a connection to embedded PostgreSQL 14 (scram-sha-256), through the wrapper with a cached
 * secret (both URL forms) and through the raw PostgreSQL driver with the same credentials, in one run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JdbcConnectBenchmark {

    private static final String USER = "bench_user";
    private static final String PASSWORD = "bench-Pw-1";
    private static final String SECRET_ID = "bench/postgres";

    private SecretsManagerEmulator emulator;
    private SecretCache cache;
    private Driver raw;
    private Driver wrapper;
    private String rawUrl;
    private String wrappedUrl;
    private Properties rawProperties;
    private Properties secretUser;

    @Setup
    public void setUp() throws SQLException {
        DatabaseServer postgres = SharedDatabases.postgres();
        postgres.createUser(USER, PASSWORD);
        emulator = SecretsManagerEmulator.start();
        emulator.client().createSecret(b -> b.name(SECRET_ID).secretString(postgres.secretJson(USER, PASSWORD)));
        cache = new SecretCache(emulator.client());
        raw = new org.postgresql.Driver();
        wrapper = new AWSSecretsManagerPostgreSQLDriver(cache);
        rawUrl = postgres.jdbcUrl("postgresql");
        wrappedUrl = "jdbc-secretsmanager:" + rawUrl.substring("jdbc:".length());
        rawProperties = new Properties();
        rawProperties.setProperty("user", USER);
        rawProperties.setProperty("password", PASSWORD);
        secretUser = new Properties();
        secretUser.setProperty("user", SECRET_ID);
        wrapper.connect(SECRET_ID, null).close(); // the secret is cached from here on
    }

    @TearDown
    public void tearDown() {
        cache.close();
        emulator.close();
    }

    @Benchmark
    public void rawDriver() throws SQLException {
        try (Connection connection = raw.connect(rawUrl, rawProperties)) {
            // open and close
        }
    }

    @Benchmark
    public void wrapperSecretIdUrl() throws SQLException {
        try (Connection connection = wrapper.connect(SECRET_ID, null)) {
            // open and close
        }
    }

    @Benchmark
    public void wrapperWrappedUrl() throws SQLException {
        try (Connection connection = wrapper.connect(wrappedUrl, secretUser)) {
            // open and close
        }
    }
}
