package com.amazonaws.secretsmanager.sql;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Properties;

/**
 * In a fresh JVM configured by system properties ({@code drivers.endpointOverride}, {@code drivers.region}), as a pool
 * without {@code driverClassName} does: {@code DriverManager.getDriver(secretId)} for each secret ID, then
 * {@code DriverManager.getConnection} for the first. Prints {@code REGISTERED n}, one {@code DRIVER <id> <class>} line
 * per ID, and a {@code CONNECTED}/{@code FAILED} line. Arguments: driver class to load or "none", secret IDs.
 */
public final class DriverLookupMain {

    private DriverLookupMain() {
    }

    public static void main(String[] args) throws Exception {
        if (!"none".equals(args[0])) {
            Class.forName(args[0]);
        }
        long registered = Collections.list(DriverManager.getDrivers()).stream()
                .filter(driver -> driver.getClass().getSimpleName().startsWith("AWSSecretsManager")).count();
        System.out.println("REGISTERED " + registered);
        for (int i = 1; i < args.length; i++) {
            Driver driver = DriverManager.getDriver(args[i]);
            System.out.println("DRIVER " + args[i] + " " + driver.getClass().getSimpleName());
        }
        Properties info = new Properties();
        info.setProperty("user", args[1]);
        try (Connection connection = DriverManager.getConnection(args[1], info)) {
            System.out.println("CONNECTED " + connection.getClass().getName());
        } catch (SQLException e) {
            System.out.println("FAILED " + e.getSQLState() + " " + e.getMessage());
        }
    }
}
