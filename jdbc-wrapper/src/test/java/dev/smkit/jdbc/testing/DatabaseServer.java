package dev.smkit.jdbc.testing;

import java.sql.Connection;
import java.sql.SQLException;

/** A real database server started by the tests, shared per JVM (see {@link SharedDatabases}). */
public interface DatabaseServer {

    /** The secret's {@code engine} value for this server: {@code "postgres"} or {@code "mariadb"}. */
    String engine();

    String host();

    int port();

    /** The database that {@link #createUser} grants rights on and that {@link #secretJson} names. */
    String database();

    /**
     * A plain JDBC URL for the given real subprotocol, e.g. {@code jdbc:postgresql://127.0.0.1:5432/db} or
     * {@code jdbc:mysql://127.0.0.1:3306/test?sslMode=DISABLED&allowPublicKeyRetrieval=true}.
     */
    String jdbcUrl(String subprotocol);

    /** A connection with administrative rights (may create users and change passwords). */
    Connection adminConnection() throws SQLException;

    /** A login user with full rights on {@link #database()}. Idempotent: an existing user gets {@code password}. */
    void createUser(String user, String password) throws SQLException;

    void setPassword(String user, String password) throws SQLException;

    /** {@code {"engine","host","port","dbname","username","password"}} for this server. */
    String secretJson(String user, String password);
}
