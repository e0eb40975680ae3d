package dev.smkit.reliability.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;
import java.util.logging.LogManager;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Registered for every test class (auto-detected, see META-INF/services): routes java.util.logging (pgjdbc) into SLF4J
 * at the finest level, and fails the class after which a canary first shows up in any log event.
 */
public final class SuiteLogging implements BeforeAllCallback, AfterAllCallback {

    private static volatile boolean installed;

    @Override
    public void beforeAll(ExtensionContext context) {
        install();
    }

    public static synchronized void install() {
        if (!installed) {
            LogManager.getLogManager().reset();
            SLF4JBridgeHandler.install();
            java.util.logging.Logger.getLogger("").setLevel(Level.ALL);
            installed = true;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        assertThat(CanaryAppender.leaks())
                .as("log events holding a secret value after %s", context.getDisplayName())
                .isEmpty();
    }
}
