package dev.smkit.spring.boot.test.internal;

import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.spring.boot.test.AutoConfigureSecretsManagerEmulator;
import dev.smkit.spring.boot.test.SecretsManagerEmulators;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Equal for equal annotation attributes, so test classes with the same secrets share a cached context. The work that
 * config import needs (emulator started, system properties, secrets created) is done in {@link #prepare}, which the
 * test framework calls before it prepares the environment; {@link #customizeContext} only adds the emulator bean.
 */
final class EmulatorContextCustomizer implements ContextCustomizer {
    static final String BEAN_NAME = "smkitSecretsManagerEmulator";

    private final List<NamedValue> secrets;
    private final String secretsFile;

    private EmulatorContextCustomizer(List<NamedValue> secrets, String secretsFile) {
        this.secrets = List.copyOf(secrets);
        this.secretsFile = secretsFile;
    }

    static EmulatorContextCustomizer prepare(AutoConfigureSecretsManagerEmulator annotation) {
        List<NamedValue> secrets = new ArrayList<>();
        for (AutoConfigureSecretsManagerEmulator.Secret secret : annotation.secrets()) {
            secrets.add(new NamedValue(secret.id(), secret.value()));
        }
        EmulatorContextCustomizer customizer = new EmulatorContextCustomizer(secrets, annotation.secretsFile());
        SecretsManagerEmulator emulator = SecretsManagerEmulators.shared();
        EmulatorSystemProperties.publish(emulator);
        List<PreloadedSecret> preload = new ArrayList<>();
        if (!customizer.secretsFile.isBlank()) {
            preload.addAll(PreloadedSecret.readFile(customizer.secretsFile));
        }
        secrets.forEach(secret -> preload.add(PreloadedSecret.ofString(secret.name(), secret.value())));
        preload.forEach(secret -> secret.putInto(emulator.client()));
        return customizer;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        if (!beans.containsSingleton(BEAN_NAME)) {
            // A plain singleton: the context never closes it, the shared emulator outlives every context.
            beans.registerSingleton(BEAN_NAME, SecretsManagerEmulators.shared());
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmulatorContextCustomizer that && secrets.equals(that.secrets)
                && secretsFile.equals(that.secretsFile);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secrets, secretsFile);
    }

    /** Spring logs customizers with the context configuration: secret names only. */
    @Override
    public String toString() {
        return "EmulatorContextCustomizer{secrets=" + secrets + ", secretsFile=" + secretsFile + '}';
    }

    /** An annotation's secret: equal by name and value, printed by name only. */
    private record NamedValue(String name, String value) {
        @Override
        public String toString() {
            return name;
        }
    }
}
