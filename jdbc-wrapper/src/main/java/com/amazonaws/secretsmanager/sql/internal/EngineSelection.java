package com.amazonaws.secretsmanager.sql.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Decides which engine a bare secret ID belongs to.
 *
 * <ol>
 *   <li>The secret's {@code engine} value, when present, decides (unknown values are an error).</li>
 *   <li>Otherwise the candidates are the engines whose real driver is on the classpath, narrowed to those whose
 *       default port is the secret's {@code port} (if any matches), then to the engines the application loaded
 *       explicitly (if any of them remains).</li>
 *   <li>One candidate left: that one. MySQL and MariaDB left (port 3306, both drivers present): MySQL, whose
 *       Connector/J talks to both servers. Anything else is ambiguous and fails with a message saying how to fix it.</li>
 * </ol>
 *
 * "Loaded explicitly" means the driver class was initialized by the application ({@code Class.forName}, a pool's
 * {@code driverClassName}, {@code -Djdbc.drivers}) rather than by DriverManager's ServiceLoader scan, which
 * initializes every driver listed in {@code META-INF/services}. The one-S class names are never listed there, so
 * loading one of them is always explicit.
 */
public final class EngineSelection {

    private static final Set<Engine> EXPLICITLY_LOADED = Collections.synchronizedSet(EnumSet.noneOf(Engine.class));

    private final Set<Engine> preferred;
    private final Predicate<Engine> available;

    public EngineSelection(Set<Engine> preferred, Predicate<Engine> available) {
        this.preferred = preferred;
        this.available = available;
    }

    /** Called from each wrapper driver's static initializer. */
    public static void driverClassInitialized(Engine engine, boolean alwaysExplicit) {
        if (alwaysExplicit || !initializedByServiceLoader()) {
            EXPLICITLY_LOADED.add(engine);
        }
    }

    /** The engines whose wrapper class the application loaded itself (a snapshot). */
    public static Set<Engine> explicitlyLoaded() {
        synchronized (EXPLICITLY_LOADED) {
            return EXPLICITLY_LOADED.isEmpty() ? EnumSet.noneOf(Engine.class) : EnumSet.copyOf(EXPLICITLY_LOADED);
        }
    }

    private static boolean initializedByServiceLoader() {
        for (StackTraceElement frame : new Throwable().getStackTrace()) {
            if (frame.getClassName().startsWith("java.util.ServiceLoader")) {
                return true;
            }
        }
        return false;
    }

    /** @throws SQLException when the engine is unknown or ambiguous; the message says how to fix it */
    public Engine select(String secretId, String engineName, Integer port) throws SQLException {
        if (engineName != null) {
            Engine named = Engine.forSecretEngine(engineName);
            if (named == null) {
                throw new SQLException("Secret '" + secretId + "' has engine '" + engineName
                        + "', which no Secrets Manager JDBC driver handles; use a jdbc-secretsmanager:<subprotocol>: URL "
                        + "with the secret ID as the user property instead", "08001");
            }
            return named;
        }
        List<Engine> candidates = new ArrayList<Engine>();
        for (Engine engine : Engine.values()) {
            if (available.test(engine)) {
                candidates.add(engine);
            }
        }
        if (port != null) {
            narrow(candidates, engine -> engine.defaultPort() == port);
        }
        narrow(candidates, preferred::contains);
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        if (candidates.size() == 2 && candidates.contains(Engine.MYSQL) && candidates.contains(Engine.MARIADB)) {
            return Engine.MYSQL;
        }
        throw new SQLException("Secret '" + secretId + "' has no \"engine\" key and the database engine is ambiguous ("
                + (candidates.isEmpty() ? "no real JDBC driver found on the classpath" : "could be any of "
                + subprotocols(candidates)) + "). Add \"engine\" to the secret (e.g. \"postgres\", \"mysql\"), load one "
                + "driver class explicitly, or use a jdbc-secretsmanager:<subprotocol>://host:port/db URL with the "
                + "secret ID as the user property", "08001");
    }

    /** Keeps only the candidates that match, unless none would be left. */
    private static void narrow(List<Engine> candidates, Predicate<Engine> filter) {
        List<Engine> kept = new ArrayList<Engine>();
        for (Engine engine : candidates) {
            if (filter.test(engine)) {
                kept.add(engine);
            }
        }
        if (!kept.isEmpty()) {
            candidates.retainAll(kept);
        }
    }

    private static String subprotocols(List<Engine> engines) {
        List<String> names = new ArrayList<String>();
        for (Engine engine : engines) {
            names.add(engine.subprotocol());
        }
        return String.join(", ", names);
    }
}
