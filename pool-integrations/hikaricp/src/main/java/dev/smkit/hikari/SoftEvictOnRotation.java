package dev.smkit.hikari;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import dev.smkit.jdbc.PoolRotationListener;

/**
 * Opt-in rotation awareness: when {@code cache} reports a new version of the pool's secret, soft-evicts the pool so
 * idle connections opened with retired credentials close now and busy ones close when returned. Connections opened
 * afterwards use the new credentials. The pool is held weakly; {@link #close()} detaches the listener, and so does the
 * first event after the pool was closed (see {@link PoolRotationListener}).
 */
public final class SoftEvictOnRotation extends PoolRotationListener<HikariDataSource> {

    private SoftEvictOnRotation(SecretCache cache, String secretId, HikariDataSource dataSource) {
        super(cache, secretId, dataSource, dataSource == null ? null : dataSource.getPoolName());
    }

    /**
     * Starts listening. {@code secretId} must be spelled as the pool's credentials are read (the same name or ARN),
     * since events carry the ID the reader used.
     */
    public static SoftEvictOnRotation register(SecretCache cache, String secretId, HikariDataSource dataSource) {
        SoftEvictOnRotation listener = new SoftEvictOnRotation(cache, secretId, dataSource);
        listener.listen();
        return listener;
    }

    @Override
    protected boolean isClosed(HikariDataSource pool) {
        return pool.isClosed();
    }

    @Override
    protected void retire(HikariDataSource pool) {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (bean != null) { // null until the pool has started: then no connection holds retired credentials
            bean.softEvictConnections();
        }
    }
}
