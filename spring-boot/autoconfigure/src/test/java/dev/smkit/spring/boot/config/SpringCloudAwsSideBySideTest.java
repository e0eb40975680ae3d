package dev.smkit.spring.boot.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smkit.emulator.SecretsManagerEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Cloud AWS (its real config-data resolver, on the class path of this test) and smkit in one application:
 * {@code aws-secretsmanager:} locations go to Spring Cloud AWS and {@code smkit:} locations to smkit, both read from
 * the same emulator through the same {@code spring.cloud.aws.*} settings, and neither takes the other's location.
 */
class SpringCloudAwsSideBySideTest {

    private static SecretsManagerEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = SecretsManagerEmulator.start();
        emulator.client().createSecret(r -> r.name("side/smkit").secretString("{\"from\":\"smkit\"}"));
        emulator.client().createSecret(r -> r.name("side/awspring").secretString("{\"awspring.from\":\"awspring\"}"));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    @Test
    void eachLibraryLoadsItsOwnLocations() {
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF).logStartupInfo(false)
                .run("--spring.config.import=smkit:side/smkit?prefix=smkit.,aws-secretsmanager:side/awspring",
                        "--spring.cloud.aws.region.static=" + emulator.region(),
                        "--spring.cloud.aws.secretsmanager.endpoint=" + emulator.endpoint(),
                        "--spring.cloud.aws.credentials.access-key=" + emulator.accessKeyId(),
                        "--spring.cloud.aws.credentials.secret-key=" + emulator.secretAccessKey(),
                        // blank: system properties left by an @AutoConfigureSecretsManagerEmulator test would win
                        "--smkit.cache.endpoint=", "--smkit.cache.region=",
                        "--smkit.config.check-interval=0")) {
            assertThat(context.getEnvironment().getProperty("smkit.from")).isEqualTo("smkit");
            assertThat(context.getEnvironment().getProperty("awspring.from")).isEqualTo("awspring");
            assertThat(context.getEnvironment().getPropertySources().get("smkit:side/smkit?prefix=smkit."))
                    .as("smkit's own property source").isNotNull();
            assertThat(context.getEnvironment().getPropertySources().stream()
                    .filter(source -> source.getName().startsWith("smkit:")).count())
                    .as("smkit took only its own location").isEqualTo(1);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class App {
    }
}
