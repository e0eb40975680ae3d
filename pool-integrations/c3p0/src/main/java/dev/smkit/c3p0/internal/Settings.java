package dev.smkit.c3p0.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/**
 * Looks a setting up the way the JDBC drivers do: system property, then environment variable, then
 * {@code secretsmanager.properties} on the context class path.
 */
public final class Settings {

    static final String PROPERTIES_RESOURCE = "secretsmanager.properties";

    private Settings() {
    }

    public static Optional<String> lookup(String key, String environmentVariable) {
        String value = System.getProperty(key);
        if (isBlank(value)) {
            value = System.getenv(environmentVariable);
        }
        if (isBlank(value)) {
            value = propertiesFile().getProperty(key);
        }
        return isBlank(value) ? Optional.empty() : Optional.of(value.trim());
    }

    private static Properties propertiesFile() {
        Properties properties = new Properties();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = Settings.class.getClassLoader();
        }
        try (InputStream in = loader.getResourceAsStream(PROPERTIES_RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + PROPERTIES_RESOURCE, e);
        }
        return properties;
    }

    private static boolean isBlank(String value) {
        return value == null || value.trim().isEmpty();
    }
}
