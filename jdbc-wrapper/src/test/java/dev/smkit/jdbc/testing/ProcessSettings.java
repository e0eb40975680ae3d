package dev.smkit.jdbc.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Process-level driver settings for one test, as system properties (the drivers read system properties on every
 * connect), restored on close. Tests in one JVM run one at a time, so the scope is the test.
 */
public final class ProcessSettings implements AutoCloseable {

    private final Map<String, String> previous = new LinkedHashMap<>();

    public static ProcessSettings set(String... keyValues) {
        ProcessSettings settings = new ProcessSettings();
        for (int i = 0; i < keyValues.length; i += 2) {
            settings.put(keyValues[i], keyValues[i + 1]);
        }
        return settings;
    }

    public ProcessSettings put(String key, String value) {
        if (!previous.containsKey(key)) {
            previous.put(key, System.getProperty(key));
        }
        System.setProperty(key, value);
        return this;
    }

    @Override
    public void close() {
        previous.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
    }
}
