package dev.smkit.samples.demo;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerMariaDBDriver;
import com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.sql.Driver;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** The databases the demo can run against: the embedded server, the wrapper driver and the schema for each. */
public enum DemoEngine {
    POSTGRES("PostgreSQL", "postgresql", SharedDatabases::postgres, AWSSecretsManagerPostgreSQLDriver::new,
            "GRANT ALL ON smkit_demo_events TO PUBLIC"),
    // The MariaDB fixture already grants every user full rights on its database.
    MARIADB("MariaDB", "mariadb", SharedDatabases::mariadb, AWSSecretsManagerMariaDBDriver::new);

    private static final List<String> COMMON_SCHEMA = Arrays.asList(
            "DROP TABLE IF EXISTS smkit_demo_events",
            "CREATE TABLE smkit_demo_events (worker INT NOT NULL, seq BIGINT NOT NULL,"
                    + " created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP)",
            "CREATE INDEX smkit_demo_events_worker ON smkit_demo_events (worker, seq)");

    private final String displayName;
    private final String subprotocol;
    private final Supplier<DatabaseServer> server;
    private final Function<SecretCache, Driver> driver;
    private final List<String> extraSchema;

    DemoEngine(String displayName, String subprotocol, Supplier<DatabaseServer> server,
            Function<SecretCache, Driver> driver, String... extraSchema) {
        this.displayName = displayName;
        this.subprotocol = subprotocol;
        this.server = server;
        this.driver = driver;
        this.extraSchema = Arrays.asList(extraSchema);
    }

    public String displayName() {
        return displayName;
    }

    /** The embedded server, started on first use (once per JVM). */
    DatabaseServer server() {
        return server.get();
    }

    /** The smkit wrapper driver for this engine, reading credentials through {@code cache}. */
    Driver wrapperDriver(SecretCache cache) {
        return driver.apply(cache);
    }

    /** {@code jdbc-secretsmanager:<subprotocol>://host:port/db}: the user property carries the secret ID. */
    String wrapperUrl(DatabaseServer db) {
        return "jdbc-secretsmanager:" + subprotocol + "://" + db.host() + ":" + db.port() + "/" + db.database();
    }

    /** Statements run as the administrator before the workers start. */
    List<String> schema() {
        List<String> all = new java.util.ArrayList<>(COMMON_SCHEMA);
        all.addAll(extraSchema);
        return all;
    }
}
