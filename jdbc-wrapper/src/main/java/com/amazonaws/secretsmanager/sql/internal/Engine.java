package com.amazonaws.secretsmanager.sql.internal;

import static com.amazonaws.secretsmanager.sql.internal.LoginFailure.Refusal.ACCOUNT_LOCKED;
import static com.amazonaws.secretsmanager.sql.internal.LoginFailure.Refusal.NOT_ALLOWED;
import static com.amazonaws.secretsmanager.sql.internal.LoginFailure.Refusal.NO_SUCH_DATABASE;
import static com.amazonaws.secretsmanager.sql.internal.LoginFailure.Refusal.TLS_REQUIRED;
import static com.amazonaws.secretsmanager.sql.internal.LoginFailureRules.rules;

import java.io.UnsupportedEncodingException;
import java.net.URLEncoder;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Everything that differs between database engines, as one table: JDBC subprotocol, wrapper class, default port, URL
 * template, real driver class (and where to get it), the secret {@code engine} values that mean this engine, and how
 * the real driver says "wrong credentials" (retry with a newer secret version) or "refused for a reason no password
 * can fix" (fail at once). Codes are the vendors' own: MySQL/MariaDB server error numbers, PostgreSQL SQLStates,
 * Oracle ORA numbers, SQL Server error numbers and login states, Db2 SQLCODEs and SQL30082N reason codes.
 */
public enum Engine implements Dialect {

    MYSQL(row("mysql")
            .wrapperName("MySQL")
            .defaultPort(3306)
            .url("jdbc:mysql://", "/")
            .realDriverClasses("com.mysql.cj.jdbc.Driver", "com.mysql.jdbc.Driver")
            .maven("com.mysql:mysql-connector-j")
            .secretEngineNames("mysql", "aurora", "aurora-mysql")
            .family("mysql", false)
            .loginFailures(rules()
                    .wrongCredentialsOnCodes(1045)                  // ER_ACCESS_DENIED_ERROR
                    .wrongCredentialsOnStates("28000")
                    .refusedOnCodes(NOT_ALLOWED, 1044, 1129, 1130)  // DB access denied, host blocked, host not allowed
                    .refusedOnCodes(NO_SUCH_DATABASE, 1049)         // ER_BAD_DB_ERROR
                    .refusedOnCodes(ACCOUNT_LOCKED, 3118)           // ER_ACCOUNT_HAS_BEEN_LOCKED
                    .refusedOnCodes(TLS_REQUIRED, 3159))),          // ER_SECURE_TRANSPORT_REQUIRED

    MARIADB(row("mariadb")
            .wrapperName("MariaDB")
            .defaultPort(3306)
            .url("jdbc:mariadb://", "/")
            .realDriverClasses("org.mariadb.jdbc.Driver")
            .maven("org.mariadb.jdbc:mariadb-java-client")
            .secretEngineNames("mariadb")
            .family("mysql", true)      // MariaDB Connector/J talks to MySQL servers
            .loginFailures(rules()
                    .wrongCredentialsOnCodes(1045)
                    .wrongCredentialsOnStates("28000")
                    .refusedOnCodes(NOT_ALLOWED, 1044, 1129, 1130)
                    .refusedOnCodes(NO_SUCH_DATABASE, 1049)
                    .refusedOnCodes(ACCOUNT_LOCKED, 4151)           // MariaDB's ER_ACCOUNT_HAS_BEEN_LOCKED
                    .refusedOnCodes(TLS_REQUIRED, 3159))),

    POSTGRESQL(row("postgresql")
            .wrapperName("PostgreSQL")
            .defaultPort(5432)
            .url("jdbc:postgresql://", "/")
            .separatorEvenWithoutDatabase()                           // pgjdbc rejects the URL without the slash
            .percentEncodedDatabase()                                 // pgjdbc URL-decodes the database name
            .realDriverClasses("org.postgresql.Driver")
            .maven("org.postgresql:postgresql")
            .secretEngineNames("postgres", "postgresql", "aurora-postgresql")
            .family("postgres", false)
            .loginFailures(rules()
                    .judgedFirstBy(LoginFailureRules.postgresHostRules())  // 28000 from pg_hba.conf or NOLOGIN
                    .wrongCredentialsOnStates("28P01", "28000")     // invalid_password, invalid_authorization_spec.
                    .refusedOnStates(NO_SUCH_DATABASE, "3D000"))),  // invalid_catalog_name

    REDSHIFT(row("redshift")
            .wrapperName("Redshift")
            .defaultPort(5439)
            .url("jdbc:redshift://", "/")
            .separatorEvenWithoutDatabase()
            .percentEncodedDatabase()
            .realDriverClasses("com.amazon.redshift.Driver")
            .maven("com.amazon.redshift:redshift-jdbc42")
            .secretEngineNames("redshift")
            .family("postgres", false)
            .loginFailures(rules()
                    .judgedFirstBy(LoginFailureRules.postgresHostRules())
                    .wrongCredentialsOnStates("28P01", "28000")
                    .refusedOnStates(NO_SUCH_DATABASE, "3D000"))),

    ORACLE(row("oracle")
            .wrapperName("Oracle")
            .defaultPort(1521)
            .url("jdbc:oracle:thin:@//", "/")                        // the dbname is the service name
            .realDriverClasses("oracle.jdbc.OracleDriver")
            .maven("com.oracle.database.jdbc:ojdbc11")
            .secretEngineNames("oracle", "oracle-ee", "oracle-ee-cdb", "oracle-se2", "oracle-se2-cdb")
            .loginFailures(rules()
                    .wrongCredentialsOnCodes(1017, 9911, 17079, 28001)   // invalid credentials; 28001 expired
                    .refusedOnCodes(ACCOUNT_LOCKED, 28000)               // ORA-28000 the account is locked
                    .refusedOnCodes(NOT_ALLOWED, 1045)                   // lacks CREATE SESSION
                    .refusedOnCodes(NO_SUCH_DATABASE, 12505, 12514)      // unknown SID / service
                    .codesAlsoInMessage(Pattern.compile("ORA-(\\d{5})")))),

    SQLSERVER(row("sqlserver")
            .wrapperName("MSSQLServer")
            .defaultPort(1433)
            .url("jdbc:sqlserver://", ";databaseName=")
            .namedInstances()                                         // host\\INSTANCE, port optional
            .realDriverClasses("com.microsoft.sqlserver.jdbc.SQLServerDriver")
            .maven("com.microsoft.sqlserver:mssql-jdbc")
            .secretEngineNames("sqlserver", "sqlserver-ee", "sqlserver-se", "sqlserver-ex", "sqlserver-web")
            .loginFailures(rules()
                    .judgedFirstBy(LoginFailureRules.sqlServerLoginState())  // 18456 and its state
                    .wrongCredentialsOnCodes(18487, 18488)               // password expired / must be changed
                    .refusedOnCodes(ACCOUNT_LOCKED, 18470, 18486)        // disabled, locked out
                    .refusedOnCodes(NOT_ALLOWED, 18452, 40615)           // untrusted domain, firewall (Azure)
                    .refusedOnCodes(NO_SUCH_DATABASE, 4060))),           // cannot open database

    DB2(row("db2")
            .wrapperName("Db2")
            .defaultPort(50000)
            .url("jdbc:db2://", "/")
            .realDriverClasses("com.ibm.db2.jcc.DB2Driver")
            .maven("com.ibm.db2:jcc")
            .secretEngineNames("db2", "db2-se", "db2-ae")
            .loginFailures(rules()
                    .judgedFirstBy(LoginFailureRules.db2SecurityReason())      // SQL30082N reason codes
                    .judgedFirstBy(LoginFailureRules.db2AuthorizationReason()) // JCC -4214
                    .wrongCredentialsOnCodes(-1403)                      // SQL1403N bad user name or password
                    .wrongCredentialsOnStates("28000")
                    .refusedOnCodes(NOT_ALLOWED, -1060)                  // SQL1060N no CONNECT privilege
                    .refusedOnCodes(NO_SUCH_DATABASE, -1013, -30061)));  // database alias or name not found

    private static final char BACKSLASH = '\\';

    private final Row row;

    Engine(Row row) {
        this.row = row;
    }

    /** The JDBC subprotocol: {@code jdbc-secretsmanager:<subprotocol>:...} and {@code drivers.<subprotocol>.*} keys. */
    public String subprotocol() {
        return row.subprotocol;
    }

    /** The wrapper driver class of this engine (the two-S spelling, listed in {@code META-INF/services}). */
    public String wrapperDriverClassName() {
        return "com.amazonaws.secretsmanager.sql.AWSSecretsManager" + row.wrapperName + "Driver";
    }

    public int defaultPort() {
        return row.defaultPort;
    }

    /** Real driver classes to try, in order (MySQL has a legacy fallback). */
    public List<String> defaultDriverClasses() {
        return row.realDriverClasses;
    }

    public String mavenCoordinates() {
        return row.maven;
    }

    public Set<String> secretEngineNames() {
        return row.secretEngineNames;
    }

    @Override
    public Engine tableEngine() {
        return this;
    }

    /**
     * Whether this engine's wrapper serves a secret whose {@code engine} value names {@code secretEngine}. Its own
     * secrets, always. A secret of another engine of the same wire-protocol family (MySQL and MariaDB; PostgreSQL and
     * Redshift) too, when this engine's real driver is present and either the secret's own engine has no real driver
     * on the classpath, or this is MariaDB and the secret is MySQL's (MariaDB Connector/J talks to MySQL servers, and
     * Aurora MySQL secrets used through it are common). So a pool naming the MariaDB wrapper reaches an Aurora MySQL
     * secret, while DriverManager, whatever its order, hands a MariaDB, PostgreSQL or Redshift secret to its own
     * engine's driver when that is present. A secret of another family (PostgreSQL through Oracle) is never served.
     */
    public boolean serves(Engine secretEngine, Predicate<Engine> available) {
        if (secretEngine == this) {
            return true;
        }
        if (row.family == null || !row.family.equals(secretEngine.row.family) || !available.test(this)) {
            return false;
        }
        return row.servesFamilyAlways || !available.test(secretEngine);
    }

    /** Whether hosts of the form {@code host\INSTANCE} (SQL Server named instances) are meaningful for this engine. */
    public boolean acceptsNamedInstances() {
        return row.namedInstances;
    }

    @Override
    public String realUrl(String host, Integer port, String dbname, Engine secretEngine) throws SQLException {
        boolean namedInstance = host.indexOf(BACKSLASH) >= 0;
        if (namedInstance && !row.namedInstances) {
            throw new SQLException("The secret's \"host\" names a SQL Server instance (host\\INSTANCE), which the "
                    + subprotocol() + " driver cannot use", "28000");
        }
        Integer effectivePort = port;
        if (effectivePort == null && !namedInstance) {
            // a secret of another engine of the family keeps its engine's default port (PostgreSQL's 5432 through the
            // Redshift driver); a named instance without a port is found through the SQL Server Browser
            effectivePort = secretEngine != null ? secretEngine.defaultPort() : defaultPort();
        }
        return buildUrl(host, effectivePort, dbname);
    }

    @Override
    public Driver realDriver(DriverSettings settings) throws SQLException {
        return RealDrivers.get(this, settings);
    }

    /**
     * The AWS driver's {@code constructUrlFromEndpointPortDatabase} hook for this engine: this table's template, with
     * the same checks as a URL built from a secret ({@link IllegalArgumentException} for a host, port or database
     * name that would change the URL's structure). A blank port means the engine's default port (a SQL Server named
     * instance without a port: none); a blank dbname means none.
     */
    public String urlFromParts(String endpoint, String port, String dbname) {
        String host = endpoint == null ? null : endpoint.trim();
        if (!SecretFields.isHost(host)) {
            throw new IllegalArgumentException("Not a host name or IP address: the endpoint would change the URL");
        }
        Integer portNumber = null;
        if (port != null && !port.trim().isEmpty()) {
            try {
                portNumber = Integer.valueOf(port.trim());
            } catch (NumberFormatException e) {
                portNumber = -1;
            }
            if (portNumber < 1 || portNumber > 65535) {
                throw new IllegalArgumentException("Not a TCP port number: " + port);
            }
        }
        String database = dbname == null || dbname.trim().isEmpty() ? null : dbname;
        if (database != null && !SecretFields.isDbname(database)) {
            throw new IllegalArgumentException("The database name holds a character that would change the URL");
        }
        try {
            return realUrl(host, portNumber, database, this);
        } catch (SQLException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The AWS driver's {@code isExceptionDueToAuthenticationError} hook: this table's "wrong credentials" verdict. */
    public boolean isWrongCredentials(Exception failure) {
        return classify(failure).kind() == LoginFailure.Kind.WRONG_CREDENTIALS;
    }

    /** The AWS driver's {@code getDefaultDriverClass} hook: the first default class that can be loaded, else the first. */
    public String defaultDriverClass() {
        for (String name : row.realDriverClasses) {
            for (ClassLoader loader : new ClassLoader[] {Thread.currentThread().getContextClassLoader(),
                    Engine.class.getClassLoader()}) {
                try {
                    if (loader != null) {
                        Class.forName(name, false, loader);
                        return name;
                    }
                } catch (ClassNotFoundException | LinkageError ignored) {
                    // next
                }
            }
        }
        return row.realDriverClasses.get(0);
    }

    /** The engine named by a secret's {@code engine} value (case-insensitive), or null if none of ours. */
    public static Engine forSecretEngine(String name) {
        if (name == null) {
            return null;
        }
        String normalized = name.trim().toLowerCase(Locale.ROOT);
        for (Engine engine : values()) {
            if (engine.row.secretEngineNames.contains(normalized)) {
                return engine;
            }
        }
        return null;
    }

    /** The engine named by a secret {@code engine} value or by its subprotocol (e.g. {@code postgresql}), or null. */
    public static Engine forName(String name) {
        Engine engine = forSecretEngine(name);
        if (engine != null || name == null) {
            return engine;
        }
        for (Engine candidate : values()) {
            if (candidate.row.subprotocol.equalsIgnoreCase(name.trim())) {
                return candidate;
            }
        }
        return null;
    }

    /** The real JDBC URL for a secret's host, port and database name; {@code database} may be null or empty. */
    public String buildUrl(String host, int port, String database) {
        return buildUrl(host, Integer.valueOf(port), database);
    }

    /**
     * As above; {@code port} may be null only for a SQL Server named instance ({@code host\INSTANCE}), whose port the
     * real driver then asks the SQL Server Browser for.
     */
    public String buildUrl(String host, Integer port, String database) {
        StringBuilder url = new StringBuilder(row.urlPrefix);
        // IPv6 literals need brackets before the port separator.
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            url.append('[').append(host).append(']');
        } else {
            url.append(host);
        }
        if (port != null) {
            url.append(':').append(port);
        }
        if (database != null && !database.isEmpty()) {
            url.append(row.databaseSeparator).append(row.percentEncodedDatabase ? percentEncoded(database) : database);
        } else if (row.separatorEvenWithoutDatabase) {
            url.append(row.databaseSeparator);
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

    /** What a failed login means for this engine (see {@link LoginFailureRules}); never null. */
    public LoginFailure classify(Throwable failure) {
        return row.loginFailures.classify(failure);
    }

    /**
     * The exception in {@code failure}'s cause and next-exception chains that says the credentials were wrong (a newer
     * secret version may fix it), or null if there is none. Refusals a password cannot fix (host rules, locked
     * accounts, unknown databases, TLS required) are not credential failures.
     */
    public SQLException findAuthFailure(Throwable failure) {
        LoginFailure verdict = classify(failure);
        return verdict.kind() == LoginFailure.Kind.WRONG_CREDENTIALS ? verdict.evidence() : null;
    }

    private static Row row(String subprotocol) {
        return new Row(subprotocol);
    }

    /** One engine's row: named fields, set once while the enum constants are built. */
    private static final class Row {
        final String subprotocol;
        String wrapperName;
        int defaultPort;
        String urlPrefix;
        String databaseSeparator;
        boolean separatorEvenWithoutDatabase;
        boolean percentEncodedDatabase;
        List<String> realDriverClasses;
        String maven;
        Set<String> secretEngineNames;
        LoginFailureRules loginFailures;
        String family;
        boolean servesFamilyAlways;
        boolean namedInstances;

        Row(String subprotocol) {
            this.subprotocol = subprotocol;
        }

        /** The middle of the wrapper class name: {@code AWSSecretsManager<wrapperName>Driver}. */
        Row wrapperName(String name) {
            this.wrapperName = name;
            return this;
        }

        Row defaultPort(int port) {
            this.defaultPort = port;
            return this;
        }

        /** URL template: {@code prefix + host:port [+ databaseSeparator + dbname]}. */
        Row url(String prefix, String databaseSeparator) {
            this.urlPrefix = prefix;
            this.databaseSeparator = databaseSeparator;
            return this;
        }

        Row separatorEvenWithoutDatabase() {
            this.separatorEvenWithoutDatabase = true;
            return this;
        }

        /** Engines of one family speak one wire protocol; see {@link Engine#serves}. */
        Row family(String name, boolean servesFamilyAlways) {
            this.family = name;
            this.servesFamilyAlways = servesFamilyAlways;
            return this;
        }

        Row namedInstances() {
            this.namedInstances = true;
            return this;
        }

        Row percentEncodedDatabase() {
            this.percentEncodedDatabase = true;
            return this;
        }

        Row realDriverClasses(String... classNames) {
            this.realDriverClasses = Collections.unmodifiableList(Arrays.asList(classNames));
            return this;
        }

        Row maven(String coordinates) {
            this.maven = coordinates;
            return this;
        }

        Row secretEngineNames(String... names) {
            this.secretEngineNames = Collections.unmodifiableSet(new LinkedHashSet<String>(Arrays.asList(names)));
            return this;
        }

        Row loginFailures(LoginFailureRules rules) {
            this.loginFailures = rules;
            return this;
        }
    }
}
