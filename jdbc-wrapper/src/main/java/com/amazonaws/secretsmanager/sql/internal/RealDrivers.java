package com.amazonaws.secretsmanager.sql.internal;

import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Finds and instantiates the real JDBC drivers. They are instantiated directly rather than looked up in
 * DriverManager, whose caller-class-loader filter hides drivers from libraries in another class loader (Tomcat, WARs).
 */
public final class RealDrivers {

    private static final ConcurrentMap<Class<?>, Driver> INSTANCES = new ConcurrentHashMap<Class<?>, Driver>();

    private RealDrivers() {
    }

    /** Whether a real driver class for {@code engine} can be loaded (without initializing it). */
    public static boolean isAvailable(Engine engine, DriverSettings settings) {
        for (String name : candidates(engine, settings)) {
            if (findClass(name, false) != null) {
                return true;
            }
        }
        return false;
    }

    /** The real driver for {@code engine}. */
    public static Driver get(Engine engine, DriverSettings settings) throws SQLException {
        List<String> names = candidates(engine, settings);
        for (String name : names) {
            Class<?> type = findClass(name, true);
            if (type != null) {
                return instance(engine, type);
            }
        }
        String configured = settings.realDriverClass(engine);
        throw new SQLException("The real JDBC driver for " + engine.subprotocol() + " is not on the classpath: class "
                + String.join(" or ", names) + " not found. "
                + (configured != null ? "It was configured by " + DriverSettings.realDriverClassKey(engine) + "."
                        : "Add the Maven dependency " + engine.mavenCoordinates() + " or set "
                                + DriverSettings.realDriverClassKey(engine) + "."),
                "08001");
    }

    private static Driver instance(Engine engine, Class<?> type) throws SQLException {
        Driver existing = INSTANCES.get(type);
        if (existing != null) {
            return existing;
        }
        if (!Driver.class.isAssignableFrom(type)) {
            throw new SQLException("Class " + type.getName() + " configured as the real " + engine.subprotocol()
                    + " driver does not implement java.sql.Driver", "08001");
        }
        try {
            Driver created = (Driver) type.getConstructor().newInstance();
            Driver raced = INSTANCES.putIfAbsent(type, created);
            return raced != null ? raced : created;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new SQLException("Could not instantiate the real " + engine.subprotocol() + " driver "
                    + type.getName(), "08001", e);
        }
    }

    private static List<String> candidates(Engine engine, DriverSettings settings) {
        String configured = settings.realDriverClass(engine);
        if (configured != null) {
            List<String> one = new ArrayList<String>(1);
            one.add(configured);
            return one;
        }
        return engine.defaultDriverClasses();
    }

    private static Class<?> findClass(String name, boolean initialize) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader own = RealDrivers.class.getClassLoader();
        for (ClassLoader loader : new ClassLoader[] {context, own}) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(name, initialize, loader);
            } catch (ClassNotFoundException | LinkageError ignored) {
                // try the next loader
            }
        }
        return null;
    }
}
