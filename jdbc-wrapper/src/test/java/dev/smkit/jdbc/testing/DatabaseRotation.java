package dev.smkit.jdbc.testing;

import dev.smkit.emulator.RotationContext;
import dev.smkit.emulator.RotationFunction;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Rotation functions for the emulator that change real database credentials, following the user guide's two
 * strategies: single user (the password of one user changes) and alternating users ({@code <username>} and
 * {@code <username>_clone} take turns, each rotation resetting the password of the one not in use).
 */
public final class DatabaseRotation {

    private static final String CLONE_SUFFIX = "_clone";

    private DatabaseRotation() {
    }

    public static RotationFunction singleUser(DatabaseServer server) {
        return new Rotation(server) {
            @Override
            String nextUser(String currentUser) {
                return currentUser;
            }

            @Override
            public void setSecret(RotationContext context) throws SQLException {
                SecretJson pending = pending(context);
                server.setPassword(text(pending, "username"), text(pending, "password"));
            }
        };
    }

    /** The first rotation creates {@code <username>_clone} with the same rights. */
    public static RotationFunction alternatingUsers(DatabaseServer server) {
        return new Rotation(server) {
            @Override
            String nextUser(String currentUser) {
                return currentUser.endsWith(CLONE_SUFFIX)
                        ? currentUser.substring(0, currentUser.length() - CLONE_SUFFIX.length())
                        : currentUser + CLONE_SUFFIX;
            }

            @Override
            public void setSecret(RotationContext context) throws SQLException {
                SecretJson pending = pending(context);
                server.createUser(text(pending, "username"), text(pending, "password"));
            }
        };
    }

    private abstract static class Rotation implements RotationFunction {
        final DatabaseServer server;

        Rotation(DatabaseServer server) {
            this.server = server;
        }

        abstract String nextUser(String currentUser);

        @Override
        public void createSecret(RotationContext context) {
            if (context.pendingSecretString().isPresent()) {
                return;
            }
            SecretJson next = SecretJson.parse(context.currentSecretString());
            next.with("username", nextUser(text(next, "username")));
            next.with("password", context.randomPassword());
            context.putPendingSecretString(next.toJson());
        }

        @Override
        public void testSecret(RotationContext context) throws SQLException {
            SecretJson pending = pending(context);
            Properties info = new Properties();
            info.setProperty("user", text(pending, "username"));
            info.setProperty("password", text(pending, "password"));
            String subprotocol = "postgres".equals(server.engine()) ? "postgresql" : "mariadb";
            java.sql.Driver driver = "postgresql".equals(subprotocol)
                    ? new org.postgresql.Driver() : new org.mariadb.jdbc.Driver();
            try (Connection connection = driver.connect(server.jdbcUrl(subprotocol), info)) {
                connection.isValid(5);
            }
        }

        @Override
        public void finishSecret(RotationContext context) {
            context.finish();
        }

        static SecretJson pending(RotationContext context) {
            return SecretJson.parse(context.pendingSecretString()
                    .orElseThrow(() -> new IllegalStateException("no pending version " + context.token())));
        }

        static String text(SecretJson json, String key) {
            Object value = json.get(key);
            if (value == null) {
                throw new IllegalStateException("secret has no " + key);
            }
            return value.toString();
        }
    }
}
