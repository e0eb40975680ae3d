package dev.smkit.benchmarks;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver;
import dev.smkit.emulator.SecretsManagerEmulator;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The wrapper's own cost per connect with a cached secret, free of database noise: the "real" PostgreSQL driver is
 * replaced (through {@code drivers.postgresql.realDriverClass}) by one that returns a ready connection object. The
 * difference to calling that driver directly is what the wrapper adds to every real connect.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = "-Ddrivers.postgresql.realDriverClass=dev.smkit.benchmarks.JdbcWrapperOverheadBenchmark$InstantDriver")
public class JdbcWrapperOverheadBenchmark {

    private static final String SECRET_ID = "bench/overhead";
    private static final Connection CONNECTION = (Connection) Proxy.newProxyInstance(
            JdbcWrapperOverheadBenchmark.class.getClassLoader(), new Class<?>[] {Connection.class},
            (proxy, method, args) -> null);

    /** A real-driver stand-in that answers at once. */
    public static final class InstantDriver implements Driver {
        @Override
        public Connection connect(String url, Properties info) {
            return info.getProperty("password") != null ? CONNECTION : null;
        }

        @Override
        public boolean acceptsURL(String url) {
            return url.startsWith("jdbc:postgresql:");
        }

        @Override
        public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
            return new DriverPropertyInfo[0];
        }

        @Override
        public int getMajorVersion() {
            return 1;
        }

        @Override
        public int getMinorVersion() {
            return 0;
        }

        @Override
        public boolean jdbcCompliant() {
            return false;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }
    }

    private SecretsManagerEmulator emulator;
    private SecretCache cache;
    private Driver instant;
    private Driver wrapper;
    private Properties rawProperties;
    private Properties secretUser;
    private String wrappedUrl = "jdbc-secretsmanager:postgresql://127.0.0.1:5432/bench";

    @Setup
    public void setUp() throws SQLException {
        emulator = SecretsManagerEmulator.start();
        emulator.client().createSecret(b -> b.name(SECRET_ID).secretString("{\"engine\":\"postgres\",\"host\":"
                + "\"127.0.0.1\",\"port\":5432,\"dbname\":\"bench\",\"username\":\"u\",\"password\":\"p\"}"));
        cache = new SecretCache(emulator.client());
        instant = new InstantDriver();
        wrapper = new AWSSecretsManagerPostgreSQLDriver(cache);
        rawProperties = new Properties();
        rawProperties.setProperty("user", "u");
        rawProperties.setProperty("password", "p");
        secretUser = new Properties();
        secretUser.setProperty("user", SECRET_ID);
        if (wrapper.connect(SECRET_ID, null) != CONNECTION) {
            throw new IllegalStateException("the instant driver is not in use");
        }
    }

    @TearDown
    public void tearDown() {
        cache.close();
        emulator.close();
    }

    @Benchmark
    public Connection instantDriverDirect() throws SQLException {
        return instant.connect("jdbc:postgresql://127.0.0.1:5432/bench", rawProperties);
    }

    @Benchmark
    public Connection wrapperSecretIdUrl() throws SQLException {
        return wrapper.connect(SECRET_ID, null);
    }

    @Benchmark
    public Connection wrapperWrappedUrl() throws SQLException {
        return wrapper.connect(wrappedUrl, secretUser);
    }
}
