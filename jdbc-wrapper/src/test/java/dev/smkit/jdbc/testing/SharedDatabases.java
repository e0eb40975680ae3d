package dev.smkit.jdbc.testing;

/**
 * One PostgreSQL and one MariaDB server per JVM, each started on first use and stopped by a shutdown hook. Tests
 * isolate themselves with their own user names.
 */
public final class SharedDatabases {

    private SharedDatabases() {
    }

    public static DatabaseServer postgres() {
        return PostgresHolder.SERVER;
    }

    public static DatabaseServer mariadb() {
        return MariaDbHolder.SERVER;
    }

    private static final class PostgresHolder {
        static final EmbeddedPostgresServer SERVER = EmbeddedPostgresServer.start();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(SERVER::stop, "smkit-postgres-stop"));
        }
    }

    private static final class MariaDbHolder {
        static final EmbeddedMariaDbServer SERVER = EmbeddedMariaDbServer.start();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(SERVER::stop, "smkit-mariadb-stop"));
        }
    }
}
