package dev.smkit.samples.demo;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The pool's connection source: every physical connect goes through the wrapper driver with the
 * {@code jdbc-secretsmanager:} URL and the secret ID as {@code user}, and its latency (including any login retry the
 * driver makes after a rotation) is recorded.
 */
final class TimedDataSource implements DataSource {

    private final Driver driver;
    private final String url;
    private final Properties info;
    private final DemoRecorder recorder;
    private volatile int loginTimeoutSeconds;

    TimedDataSource(Driver driver, String url, String secretId, DemoRecorder recorder) {
        this.driver = driver;
        this.url = url;
        this.info = new Properties();
        this.info.setProperty("user", secretId);
        this.recorder = recorder;
    }

    @Override
    public Connection getConnection() throws SQLException {
        long start = System.nanoTime();
        try {
            Connection connection = driver.connect(url, info);
            if (connection == null) {
                throw new SQLException("the wrapper driver did not accept " + url, "08001");
            }
            recorder.connected(System.nanoTime() - start);
            return connection;
        } catch (SQLException | RuntimeException e) {
            recorder.connectFailed();
            throw e;
        }
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("credentials come from the secret; use getConnection()");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        // logging goes through SLF4J
    }

    /** Hikari sets its connection timeout here and waits this long for connects in flight when it closes. */
    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeoutSeconds = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeoutSeconds;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("no java.util.logging");
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
