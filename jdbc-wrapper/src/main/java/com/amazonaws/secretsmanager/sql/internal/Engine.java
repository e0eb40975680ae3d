package com.amazonaws.secretsmanager.sql.internal;

import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything that differs between database engines, as one table: JDBC subprotocol, default port, URL template, real
 * driver class (and where to get it), the secret {@code engine} values that mean this engine, and the error codes a
 * real driver uses to say "these credentials are wrong".
 */
public enum Engine {
    MYSQL("mysql", "MySQL", 3306, "jdbc:mysql://", "/", false, false,
            classes("com.mysql.cj.jdbc.Driver", "com.mysql.jdbc.Driver"), "com.mysql:mysql-connector-j",
            names("mysql", "aurora", "aurora-mysql"), codes(1045), states("28000")),
    MARIADB("mariadb", "MariaDB", 3306, "jdbc:mariadb://", "/", false, false,
            classes("org.mariadb.jdbc.Driver"), "org.mariadb.jdbc:mariadb-java-client",
            names("mariadb"), codes(1045), states("28000")),
    POSTGRESQL("postgresql", "PostgreSQL", 5432, "jdbc:postgresql://", "/", true, true,
            classes("org.postgresql.Driver"), "org.postgresql:postgresql",
            names("postgres", "postgresql", "aurora-postgresql"), codes(), states("28P01", "28000")),
    // Like PostgreSQL, the Redshift driver only accepts its URL with the slash before the (optional) database.
    REDSHIFT("redshift", "Redshift", 5439, "jdbc:redshift://", "/", true, true,
            classes("com.amazon.redshift.Driver"), "com.amazon.redshift:redshift-jdbc42",
            names("redshift"), codes(), states("28P01", "28000")),
    ORACLE("oracle", "Oracle", 1521, "jdbc:oracle:thin:@//", "/", false, false,
            classes("oracle.jdbc.OracleDriver"), "com.oracle.database.jdbc:ojdbc11",
            names("oracle", "oracle-ee", "oracle-ee-cdb", "oracle-se2", "oracle-se2-cdb"),
            codes(1017, 9911, 17079), states()),
    SQLSERVER("sqlserver", "MSSQLServer", 1433, "jdbc:sqlserver://", ";databaseName=", false, false,
            classes("com.microsoft.sqlserver.jdbc.SQLServerDriver"), "com.microsoft.sqlserver:mssql-jdbc",
            names("sqlserver", "sqlserver-ee", "sqlserver-se", "sqlserver-ex", "sqlserver-web"),
            codes(18456), states()),
    DB2("db2", "Db2", 50000, "jdbc:db2://", "/", false, false,
            classes("com.ibm.db2.jcc.DB2Driver"), "com.ibm.db2:jcc",
            names("db2", "db2-se", "db2-ae"), codes(-4214, -1403), states("28000")) {
        // SQL30082N (SQLCODE -30082, SQLSTATE 08001) is "security processing failed" for many reasons; only
        // reasons 2 (PASSWORD INVALID) and 24 (USERNAME AND/OR PASSWORD INVALID) mean the credentials are wrong.
        @Override
        boolean isVendorSpecificAuthFailure(SQLException e) {
            if (e.getErrorCode() != -30082 || e.getMessage() == null) {
                return false;
            }
            Matcher reason = DB2_REASON.matcher(e.getMessage());
            while (reason.find()) {
                String code = reason.group(1);
                if ("2".equals(code) || "24".equals(code)) {
                    return true;
                }
            }
            return false;
        }
    };

    private static final Pattern DB2_REASON = Pattern.compile("(?i)reason(?:\\s+code)?\\s*[:=]?\\s*\"?(\\d+)\"?");

    private final String subprotocol;
    private final String wrapperName;
    private final int defaultPort;
    private final String urlPrefix;
    private final String databaseSeparator;
    private final boolean separatorWithoutDatabase;
    /** pgjdbc and its Redshift fork URL-decode the database name, so it must be percent-encoded to arrive unchanged. */
    private final boolean urlDecodesDatabase;
    private final List<String> defaultDriverClasses;
    private final String mavenCoordinates;
    private final Set<String> secretEngineNames;
    private final Set<Integer> authVendorCodes;
    private final Set<String> authSqlStates;

    Engine(String subprotocol, String wrapperName, int defaultPort, String urlPrefix, String databaseSeparator,
           boolean separatorWithoutDatabase, boolean urlDecodesDatabase, List<String> defaultDriverClasses, String mavenCoordinates,
           Set<String> secretEngineNames, Set<Integer> authVendorCodes, Set<String> authSqlStates) {
        this.subprotocol = subprotocol;
        this.wrapperName = wrapperName;
        this.defaultPort = defaultPort;
        this.urlPrefix = urlPrefix;
        this.databaseSeparator = databaseSeparator;
        this.separatorWithoutDatabase = separatorWithoutDatabase;
        this.urlDecodesDatabase = urlDecodesDatabase;
        this.defaultDriverClasses = defaultDriverClasses;
        this.mavenCoordinates = mavenCoordinates;
        this.secretEngineNames = secretEngineNames;
        this.authVendorCodes = authVendorCodes;
        this.authSqlStates = authSqlStates;
    }

    /** The JDBC subprotocol: {@code jdbc-secretsmanager:<subprotocol>:...} and {@code drivers.<subprotocol>.*} keys. */
    public String subprotocol() {
        return subprotocol;
    }

    /** The wrapper driver class of this engine (the two-S spelling, listed in {@code META-INF/services}). */
    public String wrapperDriverClassName() {
        return "com.amazonaws.secretsmanager.sql.AWSSecretsManager" + wrapperName + "Driver";
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** Real driver classes to try, in order (MySQL has a legacy fallback). */
    public List<String> defaultDriverClasses() {
        return defaultDriverClasses;
    }

    public String mavenCoordinates() {
        return mavenCoordinates;
    }

    public Set<String> secretEngineNames() {
        return secretEngineNames;
    }

    /** The engine named by a secret's {@code engine} value (case-insensitive), or null if none of ours. */
    public static Engine forSecretEngine(String name) {
        if (name == null) {
            return null;
        }
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        for (Engine engine : values()) {
            if (engine.secretEngineNames.contains(normalized)) {
                return engine;
            }
        }
        return null;
    }

    /** The real JDBC URL for a secret's host, port and database name; {@code database} may be null or empty. */
    public String buildUrl(String host, int port, String database) {
        StringBuilder url = new StringBuilder(urlPrefix);
        // IPv6 literals need brackets before the port separator.
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            url.append('[').append(host).append(']');
        } else {
            url.append(host);
        }
        url.append(':').append(port);
        if (database != null && !database.isEmpty()) {
            url.append(databaseSeparator).append(urlDecodesDatabase ? percentEncoded(database) : database);
        } else if (separatorWithoutDatabase) {
            url.append(databaseSeparator);
        }
        return url.toString();
    }

    private static String percentEncoded(String database) {
        try {
            return URLEncoder.encode(database, "UTF-8").replace("+", "%20");
        } catch (UnsupportedEncodingException impossible) {
            throw new IllegalStateException(impossible); // every JVM has UTF-8
        }
    }

    /**
     * The exception in {@code failure}'s cause and next-exception chains that says the credentials were rejected, or
     * null if there is none. Null-safe (SQLState and message may be null) and safe against cycles.
     */
    public SQLException findAuthFailure(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new java.util.IdentityHashMap<Throwable, Boolean>());
        java.util.ArrayDeque<Throwable> pending = new java.util.ArrayDeque<Throwable>();
        if (failure != null) {
            pending.add(failure);
        }
        while (!pending.isEmpty()) {
            Throwable current = pending.poll();
            if (!seen.add(current)) {
                continue;
            }
            if (current instanceof SQLException) {
                SQLException sql = (SQLException) current;
                if (isAuthFailure(sql)) {
                    return sql;
                }
                if (sql.getNextException() != null) {
                    pending.add(sql.getNextException());
                }
            }
            if (current.getCause() != null) {
                pending.add(current.getCause());
            }
        }
        return null;
    }

    private boolean isAuthFailure(SQLException e) {
        return authVendorCodes.contains(e.getErrorCode())
                || (e.getSQLState() != null && authSqlStates.contains(e.getSQLState()))
                || isVendorSpecificAuthFailure(e);
    }

    boolean isVendorSpecificAuthFailure(SQLException e) {
        return false;
    }

    private static List<String> classes(String... names) {
        return Collections.unmodifiableList(Arrays.asList(names));
    }

    private static Set<String> names(String... names) {
        return Collections.unmodifiableSet(new LinkedHashSet<String>(Arrays.asList(names)));
    }

    private static Set<String> states(String... states) {
        return Collections.unmodifiableSet(new HashSet<String>(Arrays.asList(states)));
    }

    private static Set<Integer> codes(Integer... codes) {
        return Collections.unmodifiableSet(new HashSet<Integer>(Arrays.asList(codes)));
    }
}
