/**
 * JDBC samples against the embedded databases and the emulator: {@code DriverManager} with the user guide's two URL
 * forms, c3p0 from {@code c3p0.properties}, and HikariCP with the wrapper driver or the credentials provider.
 */
package dev.smkit.samples.jdbc;
