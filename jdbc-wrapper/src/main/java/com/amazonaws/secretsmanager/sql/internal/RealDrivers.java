package com.amazonaws.secretsmanager.sql.internal;

import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds and instantiates the real JDBC drivers. They are instantiated directly rather than looked up in
 * DriverManager, whose caller-class-loader filter hides drivers from libraries in another class loader (Tomcat, WARs).
 *
 * <p>A class is checked to implement {@link Driver} before it is initialized, so a configured name can never run an
 * arbitrary class's static initializer. Instances are kept per class in a {@link ClassValue}, which never keeps an
 * application's driver class (and so its class loader) alive.
 */
public final class RealDrivers {

    private static final ClassValue<Object> INSTANCES = new ClassValue<Object>() {
        @Override
        protected Object computeValue(Class<?> type) {
            try {
                return type.asSubclass(Driver.class).getConstructor().newInstance();
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                return e; // reported by instance(); a later call retries only if the class is loaded again
            }
        }
    };

    private RealDrivers() {
    }

    /** Whether a real driver class for {@code engine} can be loaded (without initializing it). */
    public static boolean isAvailable(Engine engine, DriverSettings settings) {
        for (String name : candidates(engine, settings)) {
            if (findClass(name) != null) {
                return true;
            }
        }
        return false;
    }

    /** The real driver for {@code engine}. */
    public static Driver get(Engine engine, DriverSettings settings) throws SQLException {
        List<String> names = candidates(engine, settings);
        for (String name : names) {
            Class<?> type = findClass(name);
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

    /**
     * The real driver of an application subclass: the class named by {@code drivers.<subprotocol>.realDriverClass} or
     * its {@code getDefaultDriverClass()}, loaded from the context class loader or this library's.
     */
    public static Driver forClassName(String subprotocol, String className) throws SQLException {
        Class<?> type = className == null ? null : findClass(className);
        if (type == null) {
            throw new SQLException("The real JDBC driver for " + subprotocol + " is not on the classpath: class "
                    + className + " not found (set drivers." + subprotocol + ".realDriverClass or add its jar)", "08001");
        }
        return instance(subprotocol, type);
    }

    private static Driver instance(Engine engine, Class<?> type) throws SQLException {
        return instance(engine.subprotocol(), type);
    }

    private static Driver instance(String subprotocol, Class<?> type) throws SQLException {
        if (!Driver.class.isAssignableFrom(type)) {
            throw new SQLException("Class " + type.getName() + " configured as the real " + subprotocol
                    + " driver does not implement java.sql.Driver", "08001");
        }
        Object instance = INSTANCES.get(type); // initializes the class (its static block registers it, as usual)
        if (instance instanceof Driver) {
            return (Driver) instance;
        }
        INSTANCES.remove(type);
        throw new SQLException("Could not instantiate the real " + subprotocol + " driver " + type.getName(),
                "08001", (Throwable) instance);
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

    /** The class, loaded but not initialized, from the context class loader or this library's; null if neither has it. */
    private static Class<?> findClass(String name) {
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader own = RealDrivers.class.getClassLoader();
        for (ClassLoader loader : new ClassLoader[] {context, own}) {
            if (loader == null) {
                continue;
            }
            try {
                return Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError ignored) {
                // try the next loader
            }
        }
        return null;
    }
}
