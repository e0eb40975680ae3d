package dev.smkit.jdbc.testing;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * A {@link DataSource} whose every {@link #getConnection()} calls one function, for tests that drive a driver
 * without a pool (or feed a pool their own connect). Credentials always come from the secret, so
 * {@link #getConnection(String, String)} is refused.
 */
public final class ConnectionSource implements DataSource {

    /** Opens one connection. */
    public interface Opener {
        Connection open() throws SQLException;
    }

    private final Opener opener;

    private ConnectionSource(Opener opener) {
        this.opener = opener;
    }

    public static DataSource of(Opener opener) {
        return new ConnectionSource(opener);
    }

    @Override
    public Connection getConnection() throws SQLException {
        return opener.open();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the secret supplies the credentials");
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
