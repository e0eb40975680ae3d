package com.amazonaws.secretsmanager.sql;

import static com.amazonaws.secretsmanager.sql.DriverFixture.currentUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.sql.internal.SharedSecretCaches;
import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.ProcessSettings;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.lang.reflect.Proxy;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerServiceClientConfiguration;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretRequest;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/** DriverManager.deregisterDriver closes what a driver owns and releases what it shares. */
class DriverLifecycleTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    private DatabaseServer server;
    private String secretId;

    /**
     * register() makes a driver the registered instance of its class (the default one is deregistered); once a test
     * deregisters it, a new default instance registers itself, so later tests find a PostgreSQL wrapper.
     */
    @AfterEach
    void aPostgreSqlWrapperStaysRegistered() {
        if (java.util.Collections.list(DriverManager.getDrivers()).stream()
                .noneMatch(d -> d.getClass() == AWSSecretsManagerPostgreSQLDriver.class)) {
            new AWSSecretsManagerPostgreSQLDriver();
        }
    }

    @BeforeEach
    void setUp() throws SQLException {
        server = SharedDatabases.postgres();
        server.createUser("lifecycle_user", "lifecycle-Pw1");
        secretId = "lifecycle/pg";
        emulator.client().createSecret(b -> b.name(secretId)
                .secretString(server.secretJson("lifecycle_user", "lifecycle-Pw1")));
    }

    @Test
    void deregisteringADriverBuiltFromABuilderClosesTheCacheAndTheClientItBuilt() throws SQLException {
        RecordingClient client = new RecordingClient(emulator.client());
        AWSSecretsManagerDriver driver = new AWSSecretsManagerPostgreSQLDriver(builderOf(client));
        AWSSecretsManagerDriver.register(driver);
        assertThat(currentUser(driver.connect(secretId, null))).isEqualTo("lifecycle_user");
        assertThat(client.closed).isFalse();

        DriverManager.deregisterDriver(driver);

        assertThat(client.closed).isTrue();
        assertThat(DriverManager.drivers()).doesNotContain(driver);
    }

    @Test
    void deregisteringADriverGivenACacheLeavesTheCacheOpen() throws SQLException {
        try (DriverFixture fixture = new DriverFixture(emulator.emulator())) {
            AWSSecretsManagerDriver driver = new AWSSecretsManagerPostgreSQLDriver(fixture.cache);
            AWSSecretsManagerDriver.register(driver);
            DriverManager.deregisterDriver(driver);
            assertThat(fixture.cache.toString()).contains("closed=false");
            assertThat(currentUser(driver.connect(secretId, null))).isEqualTo("lifecycle_user");
        }
    }

    @Test
    void deregisteringANoArgDriverReleasesTheSharedCachesOnlyItUsed() throws SQLException {
        try (ProcessSettings process = ProcessSettings.set("drivers.endpointOverride",
                emulator.emulator().endpoint().toString(), "drivers.region", emulator.emulator().region())) {
            Properties info = new Properties();
            info.setProperty("drivers.cache.ttlMillis", "3600777"); // a configuration no other test uses
            int before = SharedSecretCaches.INSTANCE.openCaches();
            AWSSecretsManagerDriver driver = new AWSSecretsManagerPostgreSQLDriver();
            AWSSecretsManagerDriver.register(driver);
            assertThat(currentUser(driver.connect(secretId, info))).isEqualTo("lifecycle_user");
            assertThat(SharedSecretCaches.INSTANCE.openCaches()).isEqualTo(before + 1);

            DriverManager.deregisterDriver(driver);

            assertThat(SharedSecretCaches.INSTANCE.openCaches()).isEqualTo(before);
        }
    }

    /**
     * When the library is shared by several applications, the first caller's thread has its application's context
     * class loader. Threads that the cache and the SDK start on first use (clock, refresh pool, SDK timeout scheduler)
     * must not inherit it, or they would keep that application alive after its undeploy.
     */
    @Test
    void threadsStartedForASharedCacheNeverInheritTheCallersContextClassLoader() throws Exception {
        try (ProcessSettings process = ProcessSettings.set("drivers.endpointOverride",
                emulator.emulator().endpoint().toString(), "drivers.region", emulator.emulator().region());
             java.net.URLClassLoader application = new java.net.URLClassLoader(new java.net.URL[0], null)) {
            Properties info = new Properties();
            info.setProperty("drivers.cache.ttlMillis", "3600778"); // a new shared cache, with a new SDK client
            AWSSecretsManagerDriver driver = new AWSSecretsManagerPostgreSQLDriver();
            AWSSecretsManagerDriver.register(driver);
            Thread current = Thread.currentThread();
            ClassLoader previous = current.getContextClassLoader();
            current.setContextClassLoader(application);
            try {
                assertThat(currentUser(driver.connect(secretId, info))).isEqualTo("lifecycle_user");
            } finally {
                current.setContextClassLoader(previous);
            }
            assertThat(Thread.getAllStackTraces().keySet()).filteredOn(t -> t != current)
                    .noneMatch(t -> t.getContextClassLoader() == application);
            DriverManager.deregisterDriver(driver);
        }
    }

    private static SecretsManagerClientBuilder builderOf(SecretsManagerClient client) {
        return (SecretsManagerClientBuilder) Proxy.newProxyInstance(DriverLifecycleTest.class.getClassLoader(),
                new Class<?>[] {SecretsManagerClientBuilder.class},
                (proxy, method, args) -> method.getName().equals("build") ? client
                        : method.getReturnType().isInstance(proxy) ? proxy : null);
    }

    /** Delegates reads to the emulator's client and records close (without closing the shared client). */
    private static final class RecordingClient implements SecretsManagerClient {
        private final SecretsManagerClient delegate;
        volatile boolean closed;

        RecordingClient(SecretsManagerClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public DescribeSecretResponse describeSecret(DescribeSecretRequest request) {
            return delegate.describeSecret(request);
        }

        @Override
        public GetSecretValueResponse getSecretValue(GetSecretValueRequest request) {
            return delegate.getSecretValue(request);
        }

        @Override
        public SecretsManagerServiceClientConfiguration serviceClientConfiguration() {
            return delegate.serviceClientConfiguration();
        }

        @Override
        public String serviceName() {
            return delegate.serviceName();
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
