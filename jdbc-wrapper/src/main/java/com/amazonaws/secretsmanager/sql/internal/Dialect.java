package com.amazonaws.secretsmanager.sql.internal;

import java.sql.Driver;
import java.sql.SQLException;

/**
 * What a wrapper driver needs to know about its database: one of the table's {@link Engine}s, or the hooks of an
 * application's own subclass of {@code AWSSecretsManagerDriver} (e.g. an H2 or Snowflake wrapper).
 */
public interface Dialect {

    /** The table's row, or null for an application's subclass. */
    Engine tableEngine();

    /** {@code jdbc-secretsmanager:<subprotocol>:...} and the {@code drivers.<subprotocol>.*} keys. */
    String subprotocol();

    /** What a failed login means (wrong credentials: retried with a newer secret version). Never null. */
    LoginFailure classify(Throwable failure);

    /**
     * The real JDBC URL for a secret's checked host, port (null when the secret has none) and database name (null
     * when absent); {@code secretEngine} is the table engine the secret names, if any.
     */
    String realUrl(String host, Integer port, String dbname, Engine secretEngine) throws SQLException;

    /** The real driver; SQLException (08001) when it cannot be found. */
    Driver realDriver(DriverSettings settings) throws SQLException;
}
