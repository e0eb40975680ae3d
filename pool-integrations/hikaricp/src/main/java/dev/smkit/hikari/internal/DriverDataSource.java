package dev.smkit.hikari.internal;

import java.io.PrintWriter;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The plumbing shared by the module's data sources, each of which opens connections through one {@link Driver}
 * instance: log writer, wrapper checks, parent logger. {@link #setLoginTimeout} is ignored, as by HikariCP's own
 * driver data source: the driver's timeout properties (for example pgjdbc's {@code loginTimeout} as a
 * {@code dataSource.*} property) and, for the wrapper driver, its retry budget bound a login.
 */
abstract class DriverDataSource implements DataSource {

    final Driver driver;
    private volatile PrintWriter logWriter;

    DriverDataSource(Driver driver) {
        this.driver = driver;
    }

    @Override
    public final PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public final void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public final void setLoginTimeout(int seconds) {
        // See the class comment: storing a value no login would honour would mislead.
    }

    @Override
    public final int getLoginTimeout() {
        return 0;
    }

    @Override
    public final Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return driver.getParentLogger();
    }

    @Override
    public final <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("Not a wrapper for " + iface.getName());
    }

    @Override
    public final boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
