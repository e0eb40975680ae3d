package dev.smkit.jdbc.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** PostgreSQL 14 (zonky) with scram-sha-256 for every TCP user except the trusted admin {@code postgres}. */
final class EmbeddedPostgresServer implements DatabaseServer {

    private static final String DATABASE = "smkit";
    // zonky trusts everyone by default; passwords must be checked for rotation tests to mean anything.
    private static final String PG_HBA = String.join("\n",
            "local all all trust",
            "host all postgres 127.0.0.1/32 trust",
            "host all postgres ::1/128 trust",
            "host all all 127.0.0.1/32 scram-sha-256",
            "host all all ::1/128 scram-sha-256",
            "");

    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static EmbeddedPostgresServer start() {
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setServerConfig("password_encryption", "scram-sha-256")
                    .setDataDirectoryCustomizer(dir -> {
                        try {
                            Files.write(dir.toPath().resolve("pg_hba.conf"), PG_HBA.getBytes(StandardCharsets.UTF_8));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    })
                    .start();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(postgres);
            try (Connection admin = server.adminConnection(DatabaseServers.POSTGRES_ADMIN_DATABASE);
                 Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
            return server;
        } catch (IOException | SQLException e) {
            throw new IllegalStateException("could not start embedded PostgreSQL", e);
        }
    }

    void stop() {
        try {
            postgres.close();
        } catch (IOException ignored) {
            // shutting down the JVM anyway
        }
    }

    @Override
    public String engine() {
        return "postgres";
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return postgres.getPort();
    }

    @Override
    public String database() {
        return DATABASE;
    }

    @Override
    public String jdbcUrl(String subprotocol) {
        return "jdbc:" + subprotocol + "://" + host() + ":" + port() + "/" + DATABASE;
    }

    @Override
    public Connection adminConnection() throws SQLException {
        return adminConnection(DATABASE);
    }

    private Connection adminConnection(String database) throws SQLException {
        Properties info = new Properties();
        info.setProperty("user", "postgres");
        return new org.postgresql.Driver().connect("jdbc:postgresql://" + host() + ":" + port() + "/" + database, info);
    }

    @Override
    public void createUser(String user, String password) throws SQLException {
        String role = DatabaseServers.identifier(user);
        try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
            boolean exists;
            try (java.sql.ResultSet rs = statement.executeQuery(
                    "SELECT 1 FROM pg_roles WHERE rolname = " + DatabaseServers.literal(user))) {
                exists = rs.next();
            }
            if (!exists) {
                statement.execute("CREATE ROLE \"" + role + "\" LOGIN");
            }
            statement.execute("ALTER ROLE \"" + role + "\" WITH LOGIN PASSWORD " + DatabaseServers.literal(password));
            statement.execute("GRANT ALL PRIVILEGES ON DATABASE " + DATABASE + " TO \"" + role + "\"");
            statement.execute("GRANT ALL ON SCHEMA public TO \"" + role + "\"");
        }
    }

    @Override
    public void setPassword(String user, String password) throws SQLException {
        try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("ALTER ROLE \"" + DatabaseServers.identifier(user) + "\" WITH PASSWORD "
                    + DatabaseServers.literal(password));
        }
    }

    @Override
    public String secretJson(String user, String password) {
        return DatabaseServers.secretJson(this, user, password);
    }

    @Override
    public String toString() {
        return "PostgreSQL on " + host() + ":" + port();
    }
}
