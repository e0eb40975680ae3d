package dev.smkit.spring.boot.test.internal;

import dev.smkit.spring.boot.test.AutoConfigureSecretsManagerEmulator;
import java.util.List;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Turns {@link AutoConfigureSecretsManagerEmulator} into a customizer. Registered in every application's
 * {@code spring.factories}, so it names no emulator type itself: a test classpath without the emulator loads it fine.
 */
public final class EmulatorContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        AutoConfigureSecretsManagerEmulator annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
                AutoConfigureSecretsManagerEmulator.class);
        return annotation == null ? null : EmulatorContextCustomizer.prepare(annotation);
    }
}
