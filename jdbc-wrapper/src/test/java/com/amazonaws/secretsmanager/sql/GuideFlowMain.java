package com.amazonaws.secretsmanager.sql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Runs the user guide's flow in a fresh JVM configured by system properties ({@code drivers.endpointOverride},
 * {@code drivers.region}: process-level settings): optionally {@code Class.forName(driver).newInstance()}, then
 * {@code DriverManager.getConnection(secretId, info)} with {@code user} = the secret ID. Prints one result line (a
 * failure's suppressed exceptions follow it as {@code SUPPRESSED} lines). Arguments: driver class or "none", secret ID.
 */
public final class GuideFlowMain {

    private GuideFlowMain() {
    }

    public static void main(String[] args) throws Exception {
        if (!"none".equals(args[0])) {
            Class.forName(args[0]).getDeclaredConstructor().newInstance();
        }
        Properties info = new Properties();
        info.setProperty("user", args[1]);
        try (Connection connection = DriverManager.getConnection(args[1], info)) {
            System.out.println("CONNECTED " + connection.getClass().getName());
        } catch (SQLException e) {
            System.out.println("FAILED " + e.getSQLState() + " " + e.getMessage().replace('\n', ' '));
            for (Throwable suppressed : e.getSuppressed()) {
                System.out.println("SUPPRESSED " + suppressed.getMessage());
            }
        }
    }
}
