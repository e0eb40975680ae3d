package dev.smkit.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver;
import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.hikari.SecretsManagerHikari;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import dev.smkit.reliability.support.Backoff;
import dev.smkit.reliability.support.Canary;
import dev.smkit.reliability.support.EndpointSwitch;
import dev.smkit.reliability.support.Fault;
import dev.smkit.reliability.support.ManualTicker;
import dev.smkit.reliability.support.SharedEmulator;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The fault matrix on the JDBC-through-pool path: HikariCP over the PostgreSQL wrapper driver
 * ({@link SecretsManagerHikari}) on embedded PostgreSQL with password checks, its cache on the timed client and a
 * manual ticker. Every borrow opens a new physical connection (the pool is soft-evicted first), so each one goes
 * through the driver's secret look-up while Secrets Manager is failing.
 */
class PoolFaultMatrixTest {

    static final Duration TTL = Duration.ofSeconds(60);
    static final Duration WINDOW = Duration.ofSeconds(16);
    static final Duration STEP = Duration.ofMillis(1500);

    @ParameterizedTest
    @EnumSource(Fault.class)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void borrowsSucceedWhileCredentialsAreCached(Fault fault) throws Exception {
        DatabaseServer postgres = SharedDatabases.postgres();
        String user = "fm_" + fault.name().toLowerCase(Locale.ROOT);
        String password = Canary.next();
        postgres.createUser(user, password);
        String hot = "faults/pool/" + fault + "/hot";
        String cold = "faults/pool/" + fault + "/cold";
        SharedEmulator.get().client().createSecret(r -> r.name(hot).secretString(postgres.secretJson(user, password)));
        SharedEmulator.get().client().createSecret(r -> r.name(cold).secretString(postgres.secretJson(user, password)));
        EndpointSwitch endpoint = new EndpointSwitch();
        ManualTicker ticker = new ManualTicker();
        try (SecretsManagerClient client = SharedEmulator.timedClientBuilder(endpoint).build();
             SecretCache cache = new SecretCache(new SecretCacheConfiguration().withClient(client).withTicker(ticker)
                     .withCacheItemTTL(TTL).withRefreshAheadFraction(0).withRandom(new Random(42)));
             HikariDataSource pool = SecretsManagerHikari.forSecret(hot).cache(cache)
                     .configure(c -> {
                         c.setMaximumPoolSize(2);
                         c.setMinimumIdle(0);
                         c.setConnectionTimeout(8_000);
                     })
                     .build()) {
            assertThat(query(pool)).isEqualTo(user);
            int failures;
            int borrows = 0;
            fault.on(endpoint);
            try {
                ticker.advance(TTL.plusSeconds(1));
                long attemptsBefore = endpoint.attempts();
                long describesBefore = CacheFaultMatrixTest.describes(cache);
                for (long t = 0; t < WINDOW.toMillis(); t += STEP.toMillis()) {
                    pool.getHikariPoolMXBean().softEvictConnections();
                    assertThat(query(pool)).as("borrow %d during %s", borrows, fault).isEqualTo(user);
                    borrows++;
                    ticker.advance(STEP);
                }
                int checks = (int) (CacheFaultMatrixTest.describes(cache) - describesBefore);
                long attempts = endpoint.attempts() - attemptsBefore;
                assertThat(checks).as("version checks during %s of failures, %d new connections", WINDOW, borrows)
                        .isBetween(Backoff.minRetries(WINDOW, STEP), 1 + Backoff.maxRetries(WINDOW));
                assertThat(attempts).isLessThanOrEqualTo((1L + Backoff.maxRetries(WINDOW))
                        * CacheFaultMatrixTest.SDK_ATTEMPTS);
                FaultFigures.record("pool", fault, borrows, checks, attempts, attempts);
                failures = checks;

                // A first load through the driver fails with a typed SQLException carrying the SDK exception.
                SQLException first = Canary.assertAbsent(catchThrowableOfType(SQLException.class,
                        () -> new AWSSecretsManagerPostgreSQLDriver(cache).connect(cold, new Properties())));
                assertThat(first.getMessage()).contains(cold);
                // Every fault here is one a retry may fix (unreachable, slow, 5xx, throttling): 08001, never "bad password".
                assertThat(first.getSQLState()).isEqualTo("08001");
                fault.assertFirstLoadFailure(first.getCause());
                FaultFigures.firstLoad("pool", fault, first);
            } finally {
                fault.off(endpoint);
            }

            // Recovery by itself, within the backoff ceiling: new connections keep working and the next check succeeds.
            long staleBefore = cache.stats().staleServeCount();
            long describesBefore = CacheFaultMatrixTest.describes(cache);
            Duration waited = Duration.ZERO;
            while (CacheFaultMatrixTest.describes(cache) == describesBefore) {
                ticker.advance(STEP);
                waited = waited.plus(STEP);
                assertThat(waited).isLessThanOrEqualTo(Backoff.ceiling(failures).plus(STEP));
                pool.getHikariPoolMXBean().softEvictConnections();
                assertThat(query(pool)).isEqualTo(user);
            }
            long staleAfter = cache.stats().staleServeCount();
            pool.getHikariPoolMXBean().softEvictConnections();
            assertThat(query(pool)).isEqualTo(user);
            assertThat(cache.stats().staleServeCount()).as("fresh after recovery").isEqualTo(staleAfter);
            assertThat(staleAfter).isGreaterThanOrEqualTo(staleBefore);
            FaultFigures.recovery("pool", fault, waited, failures);
            try (Connection connection = new AWSSecretsManagerPostgreSQLDriver(cache).connect(cold, new Properties())) {
                assertThat(connection.isValid(5)).isTrue();
            }
        }
    }

    static String query(javax.sql.DataSource pool) throws SQLException {
        try (Connection connection = pool.getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("select current_user")) {
            result.next();
            return result.getString(1);
        }
    }
}
