package com.amazonaws.secretsmanager.sql.internal;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which engine a bare secret ID belongs to, as a pure function of the secret, the process-level settings, which real
 * drivers are on the classpath and the wrapper that was asked. {@code acceptsURL} and {@code connect} ask the same
 * question with the same inputs, so they give the same answer; DriverManager asks each registered wrapper in turn, and
 * the first one the answer names takes the connection.
 *
 * <ol>
 *   <li>The secret's {@code engine} value (case-insensitive; an unknown value is an error).</li>
 *   <li>The process-level {@code drivers.engine} setting.</li>
 *   <li>The secret's {@code port}, when it is the default port of engines whose real driver is present: the asked
 *       wrapper if it is one of them, else that engine (MySQL for 3306 when MySQL and MariaDB both fit).</li>
 *   <li>The asked wrapper's own engine, if its real driver is present. This is how a pool's {@code driverClassName},
 *       a driver instance the application calls, or the first registered wrapper wins.</li>
 *   <li>Otherwise the only engine whose real driver is present; with none, the asked wrapper (whose {@code connect}
 *       then names the missing driver); with several, the first of them in the table, so the asked wrapper declines.</li>
 * </ol>
 *
 * Wrapped URLs ({@code jdbc-secretsmanager:<subprotocol>:...}) never get here: the subprotocol decides.
 */
public final class EngineResolution {

    /** How the engine was found; {@link #GUESSED} answers carry a hint when the connection then fails. */
    public enum Basis {
        SECRET_ENGINE, CONFIGURED, PORT, GUESSED
    }

    private final Engine engine;
    private final Basis basis;

    private EngineResolution(Engine engine, Basis basis) {
        this.engine = engine;
        this.basis = basis;
    }

    /** An answer reached outside {@link #resolve} (an application subclass; {@code engine} null). */
    public static EngineResolution of(Engine engine, Basis basis) {
        return new EngineResolution(engine, basis);
    }

    public Engine engine() {
        return engine;
    }

    public Basis basis() {
        return basis;
    }

    /**
     * @param asked     the engine of the wrapper instance that was called
     * @param available whether an engine's real driver can be loaded
     * @throws SQLException (08001) when the secret's {@code engine} value is not one of ours
     */
    public static EngineResolution resolve(String secretId, String secretEngine, Integer port, Engine asked,
                                           Engine configured, Predicate<Engine> available) throws SQLException {
        if (secretEngine != null) {
            Engine named = Engine.forSecretEngine(secretEngine);
            if (named == null) {
                throw new SQLException("Secret '" + secretId + "' has engine '" + secretEngine + "', which no Secrets "
                        + "Manager JDBC driver handles; use a jdbc-secretsmanager:<subprotocol>: URL with the secret ID "
                        + "as the user property instead", "08001");
            }
            return new EngineResolution(named, Basis.SECRET_ENGINE);
        }
        if (configured != null) {
            return new EngineResolution(configured, Basis.CONFIGURED);
        }
        List<Engine> present = new ArrayList<Engine>();
        for (Engine engine : Engine.values()) {
            if (available.test(engine)) {
                present.add(engine);
            }
        }
        if (port != null) {
            List<Engine> byPort = new ArrayList<Engine>();
            for (Engine engine : present) {
                if (engine.defaultPort() == port) {
                    byPort.add(engine);
                }
            }
            if (byPort.contains(asked)) {
                return new EngineResolution(asked, Basis.PORT);
            }
            if (!byPort.isEmpty()) {
                // MySQL and MariaDB share 3306; Connector/J talks to both servers, and 3306 is MySQL's port.
                return new EngineResolution(byPort.get(0), Basis.PORT);
            }
        }
        if (present.contains(asked)) {
            return new EngineResolution(asked, Basis.GUESSED);
        }
        return new EngineResolution(present.isEmpty() ? asked : present.get(0), Basis.GUESSED);
    }

    /** Why the engine of an engine-less secret was a guess, for an exception's suppressed list when the login fails. */
    public SQLException guessHint(String secretId) {
        return new SQLException("Secret '" + secretId + "' has no \"engine\" key, so the " + engine.subprotocol()
                + " driver was used because its wrapper was the one asked (DriverManager asks every registered driver "
                + "in turn). If that is the wrong engine, add \"engine\" to the secret (e.g. \"postgres\", \"mysql\"), "
                + "set drivers.engine for the process, name the engine's wrapper as the pool's driver class, or use a "
                + "jdbc-secretsmanager:<subprotocol>://host:port/db URL with the secret ID as the user property",
                "08001");
    }
}
