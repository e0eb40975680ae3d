package dev.smkit.spring.boot.test;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.caching.SecretCache;
import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.spring.boot.config.SmkitConfigImportAutoConfiguration;
import dev.smkit.spring.boot.config.SmkitConfigImportRefresher;
import dev.smkit.spring.boot.test.internal.EmulatorContextCustomizerFactory;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;

/** A real {@code @SpringBootTest} whose config import reads secrets the annotation put into the shared emulator. */
@SpringBootTest(properties = {"spring.config.import=smkit:support/app?prefix=support.;support/file?prefix=support.",
        "smkit.config.check-interval=0", "spring.main.banner-mode=off"})
@AutoConfigureSecretsManagerEmulator(secretsFile = "smkit-test-secrets.json", secrets = {
        @AutoConfigureSecretsManagerEmulator.Secret(id = "support/app", value = "{\"name\":\"from-annotation\"}"),
        @AutoConfigureSecretsManagerEmulator.Secret(id = "support/plain", value = "plain-text")})
class AutoConfigureSecretsManagerEmulatorTest {

    @Autowired
    SupportProperties properties;

    @Autowired
    SecretsManagerEmulator emulator;

    @Autowired
    SecretCache cache;

    @Autowired
    SmkitConfigImportRefresher refresher;

    @Test
    void importedSecretsComeFromTheSharedEmulatorAndFollowItsNewVersions() throws InterruptedException {
        assertThat(emulator).isSameAs(SecretsManagerEmulators.shared());
        assertThat(properties.getName()).isEqualTo("from-annotation");
        assertThat(properties.getGreeting()).isEqualTo("from-file");
        assertThat(properties.getRetries()).isEqualTo(3);
        assertThat(emulator.client().getSecretValue(r -> r.secretId("support/plain")).secretString())
                .isEqualTo("plain-text");
        assertThat(emulator.client().getSecretValue(r -> r.secretId("support/file-binary")).secretBinary()
                .asByteArray()).containsExactly(0, 1, 2);
        assertThat(System.getProperty("smkit.cache.endpoint")).isEqualTo(emulator.endpoint().toString());
        assertThat(System.getProperty("drivers.endpointOverride")).isEqualTo(emulator.endpoint().toString());

        emulator.client().putSecretValue(r -> r.secretId("support/app").secretString("{\"name\":\"rotated\"}"));
        assertThat(cache.refreshNow("support/app")).isTrue();
        assertThat(refresher.checkNow()).hasSize(1);
        assertThat(properties.getName()).isEqualTo("rotated");
        // Put the annotation's value back: a later context with the same attributes expects it.
        emulator.client().putSecretValue(r -> r.secretId("support/app").secretString("{\"name\":\"from-annotation\"}"));
    }

    @Test
    void customizersAreEqualForEqualAttributesSoContextsAreShared() {
        EmulatorContextCustomizerFactory factory = new EmulatorContextCustomizerFactory();
        ContextCustomizer first = factory.createContextCustomizer(AutoConfigureSecretsManagerEmulatorTest.class,
                List.of());
        ContextCustomizer same = factory.createContextCustomizer(SameAttributes.class, List.of());
        ContextCustomizer other = factory.createContextCustomizer(OtherAttributes.class, List.of());
        assertThat(first).isEqualTo(same).hasSameHashCodeAs(same).isNotEqualTo(other);
        assertThat(factory.createContextCustomizer(Unannotated.class, List.of())).isNull();
        assertThat(first.toString()).contains("support/app").doesNotContain("from-annotation");

        try (GenericApplicationContext context = new GenericApplicationContext()) {
            first.customizeContext(context, null);
            context.refresh();
            assertThat(context.getBean(SecretsManagerEmulator.class)).isSameAs(SecretsManagerEmulators.shared());
        }
        assertThat(SecretsManagerEmulators.shared().client().listSecrets().secretList())
                .as("the shared emulator outlives a context").isNotEmpty();
    }

    @AutoConfigureSecretsManagerEmulator(secretsFile = "smkit-test-secrets.json", secrets = {
            @AutoConfigureSecretsManagerEmulator.Secret(id = "support/app", value = "{\"name\":\"from-annotation\"}"),
            @AutoConfigureSecretsManagerEmulator.Secret(id = "support/plain", value = "plain-text")})
    static class SameAttributes {
    }

    @AutoConfigureSecretsManagerEmulator(secrets = @AutoConfigureSecretsManagerEmulator.Secret(id = "support/other",
            value = "x"))
    static class OtherAttributes {
    }

    static class Unannotated {
    }

    @SpringBootConfiguration
    @EnableConfigurationProperties(SupportProperties.class)
    @Import(SmkitConfigImportAutoConfiguration.class)
    static class TestApp {
    }

    @ConfigurationProperties("support")
    static class SupportProperties {
        private String name;
        private String greeting;
        private int retries;

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getGreeting() {
            return greeting;
        }

        public void setGreeting(String greeting) {
            this.greeting = greeting;
        }

        public int getRetries() {
            return retries;
        }

        public void setRetries(int retries) {
            this.retries = retries;
        }
    }
}
