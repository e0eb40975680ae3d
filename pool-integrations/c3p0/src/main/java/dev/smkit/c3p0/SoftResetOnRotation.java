package dev.smkit.c3p0;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.mchange.v2.c3p0.PooledDataSource;
import dev.smkit.jdbc.PoolRotationListener;
import java.sql.SQLException;

/**
 * Opt-in rotation awareness: when {@code cache} reports a new version of the pool's secret, soft-resets every
 * authentication pool of the data source ({@code softResetAllUsers}): idle connections close now, checked-out ones
 * when they come back, and new ones log in with the current credentials. The pool is held weakly; {@link #close()}
 * detaches the listener, and so does the first event after the pool was closed or a reset failed.
 */
public final class SoftResetOnRotation extends PoolRotationListener<PooledDataSource> {

    private SoftResetOnRotation(SecretCache cache, String secretId, PooledDataSource dataSource) {
        super(cache, secretId, dataSource, dataSource == null ? null : dataSource.getDataSourceName());
    }

    /** {@code secretId} must be spelled as the cache is asked for it (events carry the caller's ID). */
    public static SoftResetOnRotation register(SecretCache cache, String secretId, PooledDataSource dataSource) {
        SoftResetOnRotation listener = new SoftResetOnRotation(cache, secretId, dataSource);
        listener.listen();
        return listener;
    }

    /** c3p0 has no "is closed" query; a closed pool refuses the reset, which detaches the listener. */
    @Override
    protected boolean isClosed(PooledDataSource pool) {
        return false;
    }

    @Override
    protected void retire(PooledDataSource pool) throws SQLException {
        pool.softResetAllUsers();
    }
}
