package dev.smkit.hikari;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.smkit.jdbc.PoolRotationListener;
import dev.smkit.jdbc.testing.SharedDatabases;
import dev.smkit.pools.testing.RotationScenario;
import dev.smkit.pools.testing.RotationScenario.Strategy;
import dev.smkit.pools.testing.TestEmulator;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.sql.Connection;
import java.time.Duration;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Pools come and go while caches live on: rotation listeners must not keep them, and names must suit JMX. */
class PoolLifecycleTest {

    @Test
    void aDroppedPoolIsNotKeptByItsRotationListener() throws Exception {
        try (SecretCache cache = TestEmulator.cache(Duration.ofHours(1))) {
            HikariDataSource pool = new HikariDataSource(); // not started: no connection, no thread
            SoftEvictOnRotation listener = SoftEvictOnRotation.register(cache, "pools/dropped", pool);
            WeakReference<HikariDataSource> dropped = new WeakReference<>(pool);
            pool = null;

            for (int i = 0; i < 50 && dropped.get() != null; i++) {
                System.gc();
                Thread.sleep(10); // lets the collector finish; the loop is bounded by count, not by a speed target
            }
            assertThat(dropped.get()).as("pool reachable only through the cache's listener").isNull();
            assertThat(listener.isDetachable()).isTrue();
        }
    }

    @Test
    void aListenerOfAClosedPoolLeavesAtTheNextRotation() throws Exception {
        RotationScenario scenario = RotationScenario.create(TestEmulator.get(), SharedDatabases.postgres(),
                Strategy.ALTERNATING_USERS);
        try (SecretCache cache = TestEmulator.cache(Duration.ofHours(1))) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(scenario.server.jdbcUrl("postgresql"));
            config.setMaximumPoolSize(2);
            new SecretsManagerCredentialsProvider(cache, scenario.secretId).attachTo(config);
            HikariDataSource pool = new HikariDataSource(config);
            RecordingListener listener = new RecordingListener(cache, scenario.secretId, pool);
            try (Connection connection = pool.getConnection()) {
                assertThat(connection.isValid(1)).isTrue();
            }
            scenario.rotate();
            assertThat(cache.refreshNow(scenario.secretId)).isTrue();
            assertThat(listener.events).isEqualTo(1);
            assertThat(listener.retired).as("an open pool is retired").isEqualTo(1);

            pool.close();
            scenario.rotate();
            assertThat(cache.refreshNow(scenario.secretId)).isTrue();
            assertThat(listener.events).isEqualTo(2);
            assertThat(listener.retired).as("a closed pool is not touched").isEqualTo(1);
            assertThat(listener.closed).as("the listener detached itself").isEqualTo(1);

            scenario.rotate();
            assertThat(cache.refreshNow(scenario.secretId)).isTrue();
            assertThat(listener.events).as("no event after detaching").isEqualTo(2);
        }
    }

    /** A Hikari listener that counts what the shared base class makes it do. */
    private static final class RecordingListener extends PoolRotationListener<HikariDataSource> {
        int events;
        int retired;
        int closed;

        RecordingListener(SecretCache cache, String secretId, HikariDataSource pool) {
            super(cache, secretId, pool, pool.getPoolName());
            listen();
        }

        @Override
        protected boolean isClosed(HikariDataSource pool) {
            events++; // asked once per event for this secret
            return pool.isClosed();
        }

        @Override
        protected void retire(HikariDataSource pool) {
            retired++;
            pool.getHikariPoolMXBean().softEvictConnections();
        }

        @Override
        public void close() {
            closed++;
            super.close();
        }
    }

    @Test
    void aFactoryPoolForAnArnRegistersMBeans() throws Exception {
        RotationScenario scenario = RotationScenario.create(TestEmulator.get(), SharedDatabases.postgres(),
                Strategy.SINGLE_USER);
        String arn = TestEmulator.get().client().describeSecret(r -> r.secretId(scenario.secretId)).arn();
        try (SecretCache cache = TestEmulator.cache(Duration.ofHours(1));
                HikariDataSource pool = SecretsManagerHikari.forSecret(arn).cache(cache)
                        .configure(config -> {
                            config.setRegisterMbeans(true);
                            config.setMaximumPoolSize(1);
                        })
                        .build()) {
            try (Connection connection = pool.getConnection()) {
                assertThat(connection.isValid(1)).isTrue();
            }
            assertThat(pool.getPoolName()).startsWith("smkit-" + scenario.secretId).doesNotContain(":");
            assertThat(ManagementFactory.getPlatformMBeanServer()
                    .isRegistered(new ObjectName("com.zaxxer.hikari:type=Pool (" + pool.getPoolName() + ")"))).isTrue();
        }
    }
}
