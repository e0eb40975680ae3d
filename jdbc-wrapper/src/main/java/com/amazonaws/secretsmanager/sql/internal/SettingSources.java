package com.amazonaws.secretsmanager.sql.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Map;
import java.util.Properties;

/**
 * Where settings come from, highest precedence first: connection properties, {@code secretsmanager.properties} on the
 * classpath, system properties, environment variables. (One exception kept from the AWS drivers: the environment
 * variable {@code AWS_SECRET_JDBC_REGION} beats {@code drivers.region} from the file and system properties.)
 */
public final class SettingSources {

    public static final String FILE_NAME = "secretsmanager.properties";

    /** The drivers read the file once (context class loader of the first caller, then this library's). */
    private static volatile Properties processFile;

    private final Properties connection;
    private final Properties file;
    private final Properties system;
    private final Map<String, String> environment;

    public SettingSources(Properties connection, Properties file, Properties system, Map<String, String> environment) {
        this.connection = connection == null ? new Properties() : connection;
        this.file = file == null ? new Properties() : file;
        this.system = system == null ? new Properties() : system;
        this.environment = environment == null ? Collections.<String, String>emptyMap() : environment;
    }

    /** The file (context class loader first, then this library's), system properties and environment of this process. */
    public static SettingSources ofProcess() {
        return new SettingSources(null, loadFile(), System.getProperties(), System.getenv());
    }

    /**
     * What the drivers use on every call: the file as read on first use, and the system properties and environment as
     * they are now.
     */
    public static SettingSources ofProcessWithFileReadOnce() {
        Properties file = processFile;
        if (file == null) {
            file = loadFile();
            processFile = file;
        }
        return new SettingSources(null, file, System.getProperties(), System.getenv());
    }

    /** The same sources with per-connection properties on top. */
    public SettingSources withConnection(Properties connectionProperties) {
        return new SettingSources(connectionProperties, file, system, environment);
    }

    /**
     * The text of {@code key} from these sources in the drivers' order, or null when none has it; for integrations
     * that read keys of their own the way the drivers read theirs.
     */
    public String text(String key, String environmentVariable) {
        Value value = lookup(key, environmentVariable, false);
        return value == null ? null : value.text;
    }

    /** A raw value and where it came from, or null when no source has it (blank values count as absent). */
    Value lookup(String key, String environmentVariable, boolean environmentBeatsFiles) {
        Value value = fromProperties(connection, key, "connection property " + key);
        if (value == null && environmentBeatsFiles) {
            value = fromEnvironment(environmentVariable);
        }
        if (value == null) {
            value = fromProperties(file, key, FILE_NAME + " key " + key);
        }
        if (value == null) {
            value = fromProperties(system, key, "system property " + key);
        }
        if (value == null && !environmentBeatsFiles) {
            value = fromEnvironment(environmentVariable);
        }
        return value;
    }

    private Value fromEnvironment(String variable) {
        String text = environment.get(variable);
        return isBlank(text) ? null : new Value(text.trim(), "environment variable " + variable);
    }

    private static Value fromProperties(Properties properties, String key, String source) {
        Object raw = properties.get(key);
        String text = raw instanceof String ? (String) raw : properties.getProperty(key);
        return isBlank(text) ? null : new Value(text.trim(), source);
    }

    private static boolean isBlank(String text) {
        return text == null || text.trim().isEmpty();
    }

    private static Properties loadFile() {
        Properties properties = new Properties();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        InputStream in = context == null ? null : context.getResourceAsStream(FILE_NAME);
        if (in == null) {
            in = SettingSources.class.getClassLoader().getResourceAsStream(FILE_NAME);
        }
        if (in == null) {
            return properties;
        }
        try {
            try {
                properties.load(in);
            } finally {
                in.close();
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + FILE_NAME + " from the classpath", e);
        }
        return properties;
    }

    static final class Value {
        final String text;
        final String source;

        Value(String text, String source) {
            this.text = text;
            this.source = source;
        }
    }
}
