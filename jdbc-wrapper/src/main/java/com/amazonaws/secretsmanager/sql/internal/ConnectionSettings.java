package com.amazonaws.secretsmanager.sql.internal;

import com.amazonaws.secretsmanager.sql.internal.DriverSettings.Key;
import com.amazonaws.secretsmanager.sql.internal.DriverSettings.Scope;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Properties;
import java.util.Set;

/**
 * The one answer to "which settings apply": the process-level configuration ({@code secretsmanager.properties}, system
 * properties, environment) plus only those connection properties a connection may set. {@code acceptsURL} (no
 * properties), {@code connect}, {@code getPropertyInfo} and {@code SecretsManagerJdbc} all ask here.
 *
 * <p>A connection's properties (or URL) may come from a less trusted place than the process (a multi-tenant pool
 * configuration, JNDI, a user-supplied URL). So a key that can redirect credentials, load classes or pick the engine is
 * process-level only; see {@link DriverSettings.Scope}. A process may accept more keys per connection by listing them
 * in {@code drivers.allowPerConnection} (itself process-level only).
 */
public final class ConnectionSettings {

    /** SQLState of configuration errors: refused or invalid keys. */
    public static final String CONFIGURATION_ERROR = "08001";

    private ConnectionSettings() {
    }

    /** The process-level settings (what {@code acceptsURL} uses). */
    public static DriverSettings process() throws SQLException {
        return of(null);
    }

    /**
     * The process-level settings with the allowed {@code drivers.*} keys of {@code info} (may be null) on top.
     *
     * @throws SQLException (08001) naming the key when {@code info} sets a key that may not come per connection, or
     *                      when a value is invalid
     */
    public static DriverSettings of(Properties info) throws SQLException {
        return of(info, SettingSources.ofProcessWithFileReadOnce());
    }

    /** As {@link #of(Properties)} over the given process-level sources (tests). */
    static DriverSettings of(Properties info, SettingSources process) throws SQLException {
        try {
            Properties connection = allowedConnectionKeys(info, allowedPerConnection(process));
            return DriverSettings.from(connection.isEmpty() ? process : process.withConnection(connection));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new SQLException("Invalid Secrets Manager JDBC driver configuration: " + e.getMessage(),
                    CONFIGURATION_ERROR, e);
        }
    }

    private static Set<String> allowedPerConnection(SettingSources process) {
        Set<String> allowed = new LinkedHashSet<String>();
        for (Key key : Key.values()) {
            if (key.scope() == Scope.CONNECTION) {
                allowed.add(key.property());
            }
        }
        SettingSources.Value optIn = process.lookup(Key.ALLOW_PER_CONNECTION.property(),
                Key.ALLOW_PER_CONNECTION.environmentVariable(), false);
        if (optIn == null) {
            return Collections.unmodifiableSet(allowed);
        }
        for (String entry : optIn.text.split(",")) {
            String name = entry.trim();
            if (name.isEmpty()) {
                continue;
            }
            Key key = Key.forProperty(name);
            if (key == null || key.scope() == Scope.PROCESS) {
                throw new IllegalArgumentException(Key.ALLOW_PER_CONNECTION.property() + " may list only "
                        + optInKeys() + ", but " + optIn.source + " lists '" + name + "'"
                        + (key != null || DriverSettings.isRealDriverClassKey(name)
                        ? ", which is process-level only" : ", which is not a key of these drivers"));
            }
            allowed.add(name);
        }
        return Collections.unmodifiableSet(allowed);
    }

    private static Properties allowedConnectionKeys(Properties info, Set<String> allowed) throws SQLException {
        Properties connection = new Properties();
        if (info == null) {
            return connection;
        }
        for (Enumeration<?> names = info.propertyNames(); names.hasMoreElements(); ) {
            Object raw = names.nextElement();
            if (!(raw instanceof String) || !((String) raw).startsWith(DriverSettings.PREFIX)) {
                continue;
            }
            String name = (String) raw;
            Key key = Key.forProperty(name);
            boolean ours = key != null || DriverSettings.isRealDriverClassKey(name);
            if (!ours) {
                continue; // not a key of these drivers: stripped before the real driver, otherwise ignored
            }
            Object value = info.get(name);
            String text = value instanceof String ? (String) value : info.getProperty(name);
            if (text == null || text.trim().isEmpty()) {
                continue; // blank counts as absent, as everywhere else
            }
            if (!allowed.contains(name)) {
                throw refused(name, key);
            }
            connection.setProperty(name, text);
        }
        return connection;
    }

    private static SQLException refused(String name, Key key) {
        boolean optIn = key != null && key.scope() == Scope.OPT_IN;
        String environment = key != null ? key.environmentVariable() : "SMKIT_JDBC_<SUBPROTOCOL>_REAL_DRIVER_CLASS";
        return new SQLException("Connection property " + name + " is not accepted per connection: "
                + (optIn ? "it decides where credentials come from or which secret fields are used, so "
                : isFailoverKey(key) ? "it decides which regions credentials come from, so "
                : "it can load classes or decide which engine or keys are trusted, so ")
                + "it may only come from process-level configuration (" + SettingSources.FILE_NAME
                + ", system property " + name + " or environment variable " + environment + ")"
                + (optIn ? ", unless the process lists it in " + Key.ALLOW_PER_CONNECTION.property() : ""),
                CONFIGURATION_ERROR);
    }

    private static boolean isFailoverKey(Key key) {
        return key == Key.FAILOVER_REGIONS || key == Key.FAILOVER_TO_REPORTED_REPLICAS;
    }

    private static String optInKeys() {
        StringBuilder keys = new StringBuilder();
        for (Key key : Key.values()) {
            if (key.scope() == Scope.OPT_IN) {
                keys.append(keys.length() == 0 ? "" : ", ").append(key.property());
            }
        }
        return keys.toString();
    }
}
