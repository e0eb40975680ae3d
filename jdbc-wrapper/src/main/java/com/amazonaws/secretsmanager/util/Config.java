package com.amazonaws.secretsmanager.util;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * Configuration as the AWS driver reads it: a properties resource on the classpath (context class loader first) whose
 * values override system properties, optionally viewed under a prefix ({@link #getSubconfig}: {@code drivers} then
 * {@code realDriverClass} reads {@code drivers.realDriverClass}). Blank is a value here, as in the AWS driver.
 */
public final class Config {

    /** The resource {@link #loadMainConfig()} reads. */
    public static final String CONFIG_FILE_NAME = "secretsmanager.properties";

    private final Properties config;
    private final String prefix;

    private Config(String prefix, Properties config) {
        this.prefix = prefix;
        this.config = config;
    }

    private static Properties loadPropertiesFromConfigFile(String resourceName) {
        Properties properties = new Properties(System.getProperties());
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader loader = context != null ? context : Config.class.getClassLoader();
        InputStream in = loader == null ? null : loader.getResourceAsStream(resourceName);
        if (in == null && loader != Config.class.getClassLoader() && Config.class.getClassLoader() != null) {
            in = Config.class.getClassLoader().getResourceAsStream(resourceName);
        }
        if (in == null) {
            return properties; // no file: system properties only
        }
        try (InputStream stream = in) {
            properties.load(stream);
        } catch (IOException e) {
            throw new PropertyException("Unable to read the configuration file " + resourceName, e);
        }
        return properties;
    }

    /** The properties resource {@code resourceName} over the system properties. */
    public static Config loadConfigFrom(String resourceName) {
        return new Config(null, loadPropertiesFromConfigFile(resourceName));
    }

    /** {@link #loadConfigFrom} with {@link #CONFIG_FILE_NAME}. */
    public static Config loadMainConfig() {
        return loadConfigFrom(CONFIG_FILE_NAME);
    }

    /** The properties under {@code subprefix} (a view: {@code getSubconfig("a").getSubconfig("b")} reads {@code a.b.*}). */
    public Config getSubconfig(String subprefix) {
        return new Config(fullPropertyName(subprefix), config);
    }

    /** {@code propertyName} with this view's prefix: {@code prefix.propertyName}, or as is without a prefix. */
    public String fullPropertyName(String propertyName) {
        return prefix == null ? propertyName : prefix + "." + propertyName;
    }

    public String getStringPropertyWithDefault(String propertyName, String defaultValue) {
        String value = config.getProperty(fullPropertyName(propertyName));
        return value == null ? defaultValue : value;
    }

    public int getIntPropertyWithDefault(String propertyName, int defaultValue) {
        String value = config.getProperty(fullPropertyName(propertyName));
        return value == null ? defaultValue : parseInt(propertyName, value);
    }

    public long getLongPropertyWithDefault(String propertyName, long defaultValue) {
        String value = config.getProperty(fullPropertyName(propertyName));
        return value == null ? defaultValue : parseLong(propertyName, value);
    }

    public Class<?> getClassPropertyWithDefault(String propertyName, Class<?> defaultValue) {
        String value = config.getProperty(fullPropertyName(propertyName));
        return value == null ? defaultValue : loadClass(propertyName, value);
    }

    public boolean getBooleanPropertyWithDefault(String propertyName, boolean defaultValue) {
        String value = config.getProperty(fullPropertyName(propertyName));
        return value == null ? defaultValue : Boolean.parseBoolean(value.trim());
    }

    private void throwIfPropertyIsNotSet(String propertyName) {
        if (config.getProperty(fullPropertyName(propertyName)) == null) {
            throw new PropertyException("Required property " + fullPropertyName(propertyName) + " is not set");
        }
    }

    public String getRequiredStringProperty(String propertyName) {
        throwIfPropertyIsNotSet(propertyName);
        return config.getProperty(fullPropertyName(propertyName));
    }

    public int getRequiredIntProperty(String propertyName) {
        throwIfPropertyIsNotSet(propertyName);
        return parseInt(propertyName, config.getProperty(fullPropertyName(propertyName)));
    }

    public long getRequiredLongProperty(String propertyName) {
        throwIfPropertyIsNotSet(propertyName);
        return parseLong(propertyName, config.getProperty(fullPropertyName(propertyName)));
    }

    public Class<?> getRequiredClassProperty(String propertyName) {
        throwIfPropertyIsNotSet(propertyName);
        return loadClass(propertyName, config.getProperty(fullPropertyName(propertyName)));
    }

    private int parseInt(String propertyName, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new PropertyException("Property " + fullPropertyName(propertyName) + " is not an int", e);
        }
    }

    private long parseLong(String propertyName, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new PropertyException("Property " + fullPropertyName(propertyName) + " is not a long", e);
        }
    }

    private Class<?> loadClass(String propertyName, String value) {
        try {
            return Class.forName(value.trim());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new PropertyException("Property " + fullPropertyName(propertyName) + " names a class that cannot be "
                    + "loaded: " + value, e);
        }
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Config)) {
            return false;
        }
        Config that = (Config) other;
        return config.equals(that.config) && (prefix == null ? that.prefix == null : prefix.equals(that.prefix));
    }

    @Override
    public int hashCode() {
        return 31 * config.hashCode() + (prefix == null ? 0 : prefix.hashCode());
    }
}
