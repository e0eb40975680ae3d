package dev.smkit.samples.jdbc;

import dev.smkit.emulator.SecretsManagerEmulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.h2.tools.Server;

/**
 * Adding an engine by subclassing the wrapper driver: {@link H2SecretsManagerDriver} serves an H2 server whose
 * credentials live in a secret with {@code "engine": "h2"}. The application code is the same as for the built-in
 * engines: load the driver class, and connect with the secret ID as URL and {@code user}.
 */
public final class H2SecretsManagerDriverSample {

    static final String SECRET_ID = "samples/h2-db";

    private H2SecretsManagerDriverSample() {
    }

    /** Connects through the H2 wrapper driver and returns the database user it logged in as. */
    public static String whoAmI(String secretId, Properties connectionProperties) throws Exception {
        Class.forName("dev.smkit.samples.jdbc.H2SecretsManagerDriver");
        Properties info = new Properties();
        info.putAll(connectionProperties);
        info.setProperty("user", secretId);
        try (Connection connection = DriverManager.getConnection(secretId, info);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT CURRENT_USER")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The secret an H2 server's user needs: {@code engine} is the wrapper's subprefix. */
    public static String secretJson(int port, String username, String password) {
        return "{\"engine\":\"h2\",\"host\":\"localhost\",\"port\":" + port + ",\"dbname\":\"app\",\"username\":\""
                + username + "\",\"password\":\"" + password + "\"}";
    }

    /** An H2 TCP server on a free port, databases under {@code baseDir}, and an ADMIN user for the application. */
    public static Server startServer(Path baseDir, String username, String password) throws SQLException {
        Server server = Server.createTcpServer("-tcpPort", "0", "-baseDir", baseDir.toString(), "-ifNotExists")
                .start();
        try (Connection admin = DriverManager.getConnection("jdbc:h2:tcp://localhost:" + server.getPort() + "/app",
                "sa", "sa-Pw-1");
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE USER IF NOT EXISTS " + username + " PASSWORD '" + password + "' ADMIN");
        }
        return server;
    }

    public static void main(String[] args) throws Exception {
        Path baseDir = Files.createTempDirectory("smkit-h2-sample");
        Server server = startServer(baseDir, "APP_USER", "h2-Pw-1");
        try (SecretsManagerEmulator emulator = SecretsManagerEmulator.start()) {
            emulator.client().createSecret(r -> r.name(SECRET_ID)
                    .secretString(secretJson(server.getPort(), "APP_USER", "h2-Pw-1")));
            SampleEnvironment.useEmulatorCredentials(emulator);
            Properties aim = SampleEnvironment.aimDriversAtEmulator(emulator);
            System.out.println("H2 through the subclassed wrapper: connected as " + whoAmI(SECRET_ID, aim));
        } finally {
            server.stop();
        }
    }
}
