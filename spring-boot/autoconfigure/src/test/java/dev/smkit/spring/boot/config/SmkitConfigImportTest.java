package dev.smkit.spring.boot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.secretsmanager.caching.SecretCache;
import dev.smkit.emulator.InjectedError;
import dev.smkit.emulator.SecretsManagerEmulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import software.amazon.awssdk.core.SdkBytes;

/**
 * {@code spring.config.import=smkit:...} in real application startups against the emulator. Every test runs under a
 * log capture at DEBUG, and no log line, failure or printed object may hold the canary of a secret value.
 */
class SmkitConfigImportTest {
    private static final String CANARY = "canary-7f3e9b21";
    private static SecretsManagerEmulator emulator;

    private LogCapture logs;

    @BeforeAll
    static void startEmulator() {
        // Boot's logging system would reset logback and drop the capture; logback keeps its test configuration.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        emulator = SecretsManagerEmulator.start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
        System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
    }

    @BeforeEach
    void captureLogs() {
        emulator.reset();
        logs = new LogCapture();
    }

    @AfterEach
    void noCanaryInLogs() {
        logs.close();
        assertThat(logs.text()).doesNotContain(CANARY);
    }

    @Test
    void jsonSecretBindsAndANewVersionRebindsInPlace() throws InterruptedException {
        SecretCache cache;
        createSecret("app/db", "{\"username\":\"app\",\"password\":\"pw-" + CANARY + "\",\"pool\":{\"size\":5},"
                + "\"hosts\":[\"h1\",\"h2\"],\"tls\":true}");
        createSecret("app/token", "token-" + CANARY);
        try (ConfigurableApplicationContext context = run(
                "--spring.config.import=smkit:app/db?prefix=app.db.;app/token?prefix=app.api.&key=token")) {
            DbProperties db = context.getBean(DbProperties.class);
            assertThat(db.getUsername()).isEqualTo("app");
            assertThat(db.getPassword()).isEqualTo("pw-" + CANARY);
            assertThat(db.getPool().getSize()).isEqualTo(5);
            assertThat(db.getHosts()).containsExactly("h1", "h2");
            assertThat(db.isTls()).isTrue();
            assertThat(context.getBean(ApiProperties.class).token()).isEqualTo("token-" + CANARY);
            PropertySource<?> source = context.getEnvironment().getPropertySources().get("smkit:app/db?prefix=app.db.");
            assertThat(source).isNotNull();
            assertThat(source.toString()).contains("app.db.password").doesNotContain(CANARY);
            assertThat(String.valueOf(source.getSource())).doesNotContain(CANARY);

            // One cache for the import and the application: the auto-configured bean would back off for it.
            cache = context.getBean(SecretCache.class);
            assertThat(context.getBeanNamesForType(SecretCache.class)).containsExactly("smkitSecretCache");
            SmkitConfigImportRefresher refresher = context.getBean(SmkitConfigImportRefresher.class);
            OtherProperties other = context.getBean(OtherProperties.class);
            other.setName("set by the application");

            emulator.client().putSecretValue(r -> r.secretId("app/db").secretString("{\"username\":\"app2\","
                    + "\"password\":\"pw2-" + CANARY + "\",\"pool\":{\"size\":5},\"hosts\":[\"h1\"]}"));
            long describes = emulator.callCount("DescribeSecret");
            assertThat(refresher.checkNow()).as("within the TTL the cache does not ask").isEmpty();
            assertThat(emulator.callCount("DescribeSecret")).isEqualTo(describes);

            assertThat(cache.refreshNow("app/db")).isTrue();
            List<SecretPropertiesChangedEvent> events = refresher.checkNow();
            assertThat(events).hasSize(1);
            SecretPropertiesChangedEvent event = events.get(0);
            assertThat(event.getSecretId()).isEqualTo("app/db");
            assertThat(event.getPreviousVersionId()).isNotEqualTo(event.getVersionId());
            assertThat(event.getChangedPropertyNames()).containsExactly("app.db.hosts[1]", "app.db.password",
                    "app.db.tls", "app.db.username");
            assertThat(event.toString()).contains("app.db.password").doesNotContain(CANARY);
            assertThat(context.getBean(Events.class).received).containsExactly(event);
            assertThat(db.getUsername()).isEqualTo("app2");
            assertThat(db.getPassword()).isEqualTo("pw2-" + CANARY);
            assertThat(context.getEnvironment().getProperty("app.db.hosts[1]")).isNull();
            assertThat(other.getName()).as("a bean no changed property belongs to is not rebound")
                    .isEqualTo("set by the application");
            assertThat(refresher.checkNow()).as("the same version again changes nothing").isEmpty();
        }
        assertThat(cache.toString()).as("closed with the context").contains("closed=true");
        assertThat(logs.text()).contains("Imported secret 'app/db' moved from version");
    }

    @Test
    void periodicCheckRunsOnItsOwnThreadUntilTheContextCloses() throws InterruptedException {
        createSecret("tick/app", "{\"name\":\"one\"}");
        Thread checker;
        try (ConfigurableApplicationContext context = run("--spring.config.import=smkit:tick/app?prefix=app.db.",
                "--smkit.cache.ttl=100ms", "--smkit.config.check-interval=50ms")) {
            emulator.client().putSecretValue(r -> r.secretId("tick/app").secretString("{\"name\":\"two\"}"));
            Events events = context.getBean(Events.class);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (events.received.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(events.received).hasSize(1);
            assertThat(events.threads).containsExactly("smkit-config-check");
            assertThat(context.getEnvironment().getProperty("app.db.name")).isEqualTo("two");
            checker = threadNamed("smkit-config-check");
            assertThat(checker.isDaemon()).isTrue();
        }
        checker.join(5000);
        assertThat(checker.isAlive()).isFalse();
    }

    @Test
    void plainSecretsGoUnderTheirIdOrTheConfiguredKeyAndPrefix() {
        createSecret("plain/one", "text-" + CANARY);
        // Broken JSON is plain text too; the parser's message, which would quote it, is never shown.
        createSecret("plain/two", "{\"password\":\"" + CANARY);
        try (ConfigurableApplicationContext context = run("--spring.config.import=smkit:plain/one;plain/two")) {
            assertThat(context.getEnvironment().getProperty("plain/one")).isEqualTo("text-" + CANARY);
            assertThat(context.getEnvironment().getProperty("plain/two")).isEqualTo("{\"password\":\"" + CANARY);
        }
        try (ConfigurableApplicationContext context = run("--spring.config.import=smkit:plain/one",
                "--smkit.config.prefix=global.", "--smkit.config.plain-key=value")) {
            assertThat(context.getEnvironment().getProperty("global.value")).isEqualTo("text-" + CANARY);
            assertThat(context.getEnvironment().getPropertySources().get("smkit:plain/one?prefix=global.&key=value"))
                    .isNotNull();
        }
    }

    @Test
    void optionalMissingSecretIsSkipped() {
        createSecret("present/app", "{\"name\":\"here\"}");
        try (ConfigurableApplicationContext context = run(
                "--spring.config.import=optional:smkit:missing/one,smkit:present/app?prefix=app.db.")) {
            assertThat(context.getEnvironment().getProperty("app.db.name")).isEqualTo("here");
            assertThat(context.getEnvironment().getPropertySources().contains("smkit:missing/one")).isFalse();
        }
    }

    @Test
    void missingRequiredSecretFailsStartupNamingIt() {
        createSecret("app/canary", "{\"password\":\"" + CANARY + "\"}");
        Throwable failure = catchStartupFailure("--spring.config.import=smkit:app/canary;missing/two");
        assertThat(failure.getMessage()).contains("missing/two");
        assertThat(printed(failure)).doesNotContain(CANARY);
    }

    @Test
    void otherFailuresFailStartupWithIdAndErrorCode() {
        createSecret("app/canary", "{\"password\":\"" + CANARY + "\"}");
        emulator.faults().failNext("DescribeSecret", 5, InjectedError.of(400, "AccessDeniedException", "no"));
        Throwable failure = catchStartupFailure("--spring.config.import=optional:smkit:app/canary");
        emulator.faults().clear();
        assertThat(failure.getMessage()).contains("app/canary").contains("AccessDeniedException");
        assertThat(printed(failure)).doesNotContain(CANARY);

        emulator.client().createSecret(r -> r.name("app/binary").secretBinary(SdkBytes.fromUtf8String(CANARY)));
        failure = catchStartupFailure("--spring.config.import=smkit:app/binary");
        assertThat(failure.getMessage()).contains("app/binary").contains("binary value");
        assertThat(printed(failure)).doesNotContain(CANARY);
    }

    private static void createSecret(String name, String value) {
        emulator.client().createSecret(r -> r.name(name).secretString(value));
    }

    private static ConfigurableApplicationContext run(String... args) {
        List<String> all = new ArrayList<>(List.of("--smkit.cache.endpoint=" + emulator.endpoint(),
                "--smkit.cache.region=" + emulator.region(),
                "--spring.cloud.aws.credentials.access-key=" + emulator.accessKeyId(),
                "--spring.cloud.aws.credentials.secret-key=" + emulator.secretAccessKey(),
                "--smkit.config.check-interval=0"));
        for (String arg : args) { // a test's own setting replaces the default one (repeated, Boot would join them)
            all.removeIf(existing -> existing.startsWith(arg.substring(0, arg.indexOf('=') + 1)));
            all.add(arg);
        }
        return new SpringApplicationBuilder(App.class, SmkitConfigImportAutoConfiguration.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .run(all.toArray(new String[0]));
    }

    private static Throwable catchStartupFailure(String... args) {
        Throwable[] failure = new Throwable[1];
        assertThatThrownBy(() -> run(args).close()).satisfies(e -> failure[0] = e);
        return failure[0];
    }

    private static String printed(Throwable failure) {
        StringWriter text = new StringWriter();
        failure.printStackTrace(new PrintWriter(text));
        return text.toString() + failure;
    }

    private static Thread threadNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow();
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({DbProperties.class, ApiProperties.class, OtherProperties.class})
    static class App {
        @Bean
        Events events() {
            return new Events();
        }
    }

    static class Events implements ApplicationListener<SecretPropertiesChangedEvent> {
        final List<SecretPropertiesChangedEvent> received = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(SecretPropertiesChangedEvent event) {
            received.add(event);
            threads.add(Thread.currentThread().getName());
        }
    }

    @ConfigurationProperties("app.api")
    record ApiProperties(String token) {
    }

    /** Bound from no secret: a change of app.db.* must leave it alone. */
    @ConfigurationProperties("other")
    static class OtherProperties {
        private String name = "default";

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }
    }

    @ConfigurationProperties("app.db")
    static class DbProperties {
        private String name;
        private String username;
        private String password;
        private boolean tls;
        private List<String> hosts = new ArrayList<>();
        private final Pool pool = new Pool();

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public boolean isTls() {
            return tls;
        }

        public void setTls(boolean tls) {
            this.tls = tls;
        }

        public List<String> getHosts() {
            return hosts;
        }

        public void setHosts(List<String> hosts) {
            this.hosts = hosts;
        }

        public Pool getPool() {
            return pool;
        }

        static class Pool {
            private int size;

            public int getSize() {
                return size;
            }

            public void setSize(int size) {
                this.size = size;
            }
        }
    }
}
