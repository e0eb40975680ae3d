package dev.smkit.emulator.junit;

import dev.smkit.emulator.SecretsManagerEmulator;
import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * One emulator per test class, reset before each test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static EmulatorExtension emulator = new EmulatorExtension();
 * }</pre>
 *
 * or {@code @ExtendWith(EmulatorExtension.class)} with {@link SecretsManagerEmulator} or {@link SecretsManagerClient}
 * parameters. Nested test classes share their outer class's emulator.
 */
public final class EmulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, ParameterResolver {
    private final Supplier<SecretsManagerEmulator> starter;
    private SecretsManagerEmulator emulator;
    private ExtensionContext owner;

    /** Default configuration: {@link SecretsManagerEmulator#start()}. */
    public EmulatorExtension() {
        this(SecretsManagerEmulator::start);
    }

    /** Starts emulators with {@code builder}, e.g. {@code SecretsManagerEmulator.builder().region("eu-west-1")}. */
    public EmulatorExtension(SecretsManagerEmulator.Builder builder) {
        this(Objects.requireNonNull(builder, "builder")::start);
    }

    private EmulatorExtension(Supplier<SecretsManagerEmulator> starter) {
        this.starter = starter;
    }

    /** The running emulator; only valid inside a test class using this extension. */
    public SecretsManagerEmulator emulator() {
        if (emulator == null) {
            throw new IllegalStateException("The emulator runs only while a test class using EmulatorExtension runs");
        }
        return emulator;
    }

    /** The emulator's shared client. */
    public SecretsManagerClient client() {
        return emulator().client();
    }

    /** The emulator's shared client signing for {@code region}. */
    public SecretsManagerClient client(String region) {
        return emulator().client(region);
    }

    /** The emulator's faults (cleared before each test); {@code faults().region("eu-west-1")} for one region. */
    public dev.smkit.emulator.Faults faults() {
        return emulator().faults();
    }

    /** Faults of one region, e.g. {@code regionFaults("us-east-1").unreachable()}; cleared before each test. */
    public dev.smkit.emulator.RegionFaults regionFaults(String region) {
        return emulator().faults().region(region);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (emulator == null) {
            emulator = starter.get();
            owner = context;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context == owner) {
            emulator.close();
            emulator = null;
            owner = null;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (emulator == null) {
            throw new IllegalStateException("EmulatorExtension must be registered on a static field "
                    + "(@RegisterExtension static) or with @ExtendWith, so that it starts before all tests");
        }
        emulator.reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == SecretsManagerEmulator.class || type == SecretsManagerClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == SecretsManagerClient.class ? client() : emulator();
    }
}
