package com.amazonaws.secretsmanager.sql;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Collections;
import java.util.Properties;
import java.util.function.Function;

/**
 * An "application" loaded by {@link UndeployTest} in a throwaway class loader, together with the drivers and their
 * dependencies: loads the PostgreSQL wrapper, connects through DriverManager with a secret ID (settings from the
 * application's own secretsmanager.properties), then undeploys as a container does: deregisters every JDBC driver
 * its class loader registered (ours and the real driver, which registers itself when loaded). Only JDK types cross the
 * class loader boundary.
 */
public final class UndeployProbe implements Function<String, String> {

    @Override
    public String apply(String secretId) {
        try {
            Class.forName("com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver");
            Properties info = new Properties();
            info.setProperty("user", secretId);
            String user;
            try (Connection connection = DriverManager.getConnection(secretId, info);
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("SELECT current_user")) {
                rs.next();
                user = rs.getString(1);
            }
            return "CONNECTED " + user + " DEREGISTERED " + deregisterOwnDrivers();
        } catch (Exception e) {
            StringWriter trace = new StringWriter();
            e.printStackTrace(new PrintWriter(trace));
            return "FAILED " + trace;
        }
    }

    /** As Tomcat does on undeploy; repeated because DriverManager's caller checks initialize more driver classes. */
    private static int deregisterOwnDrivers() throws Exception {
        ClassLoader mine = UndeployProbe.class.getClassLoader();
        int count = 0;
        boolean found = true;
        while (found) {
            found = false;
            for (Driver driver : Collections.list(DriverManager.getDrivers())) {
                if (driver.getClass().getClassLoader() == mine) {
                    DriverManager.deregisterDriver(driver);
                    count++;
                    found = true;
                }
            }
        }
        return count;
    }
}
