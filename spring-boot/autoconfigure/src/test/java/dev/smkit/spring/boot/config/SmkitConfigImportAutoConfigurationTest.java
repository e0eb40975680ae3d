package dev.smkit.spring.boot.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.caching.SecretCache;
import dev.smkit.emulator.SecretsManagerEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The refresher exists only in an application that imported secrets, i.e. that has the import's cache bean. */
class SmkitConfigImportAutoConfigurationTest {
    private static SecretsManagerEmulator emulator;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SmkitConfigImportAutoConfiguration.class));

    @BeforeAll
    static void startEmulator() {
        emulator = SecretsManagerEmulator.start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Test
    void noRefresherWithoutImports() {
        runner.run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(SmkitConfigImportRefresher.class)
                .hasSingleBean(SmkitConfigProperties.class));
    }

    @Test
    void refresherWhenTheImportHandedItsCacheOver() {
        runner.withBean("smkitSecretCache", SecretCache.class, () -> new SecretCache(emulator.client()))
                .withPropertyValues("smkit.config.check-interval=5s")
                .run(context -> {
                    assertThat(context).hasSingleBean(SmkitConfigImportRefresher.class);
                    assertThat(context.getBean(SmkitConfigProperties.class).getCheckInterval()).hasSeconds(5);
                    // No smkit: property source: nothing to check, so no thread either.
                    assertThat(context.getBean(SmkitConfigImportRefresher.class).isRunning()).isFalse();
                });
    }
}
