package dev.smkit.c3p0;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretChangeEvent;
import com.amazonaws.secretsmanager.caching.SecretChangeListener;
import com.mchange.v2.c3p0.PooledDataSource;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opt-in rotation awareness: when {@code cache} reports a new version of the pool's secret, soft-resets every
 * authentication pool of the data source ({@code softResetAllUsers}): idle connections close now, checked-out ones
 * when they come back, and new ones log in with the current credentials. {@link #close()} detaches the listener; it also
 * detaches itself when a reset fails (the pool was closed).
 */
public final class SoftResetOnRotation implements SecretChangeListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SoftResetOnRotation.class);

    private final SecretCache cache;
    private final String secretId;
    private final PooledDataSource dataSource;

    private SoftResetOnRotation(SecretCache cache, String secretId, PooledDataSource dataSource) {
        this.cache = cache;
        this.secretId = secretId;
        this.dataSource = dataSource;
    }

    /** {@code secretId} must be spelled as the cache is asked for it (events carry the caller's ID). */
    public static SoftResetOnRotation register(SecretCache cache, String secretId, PooledDataSource dataSource) {
        if (cache == null || dataSource == null) {
            throw new IllegalArgumentException((cache == null ? "cache" : "dataSource") + " must not be null");
        }
        if (secretId == null || secretId.trim().isEmpty()) {
            throw new IllegalArgumentException("secretId must not be null or blank");
        }
        SoftResetOnRotation listener = new SoftResetOnRotation(cache, secretId, dataSource);
        cache.addChangeListener(listener);
        return listener;
    }

    @Override
    public void onVersionChange(SecretChangeEvent event) {
        if (!secretId.equals(event.getSecretId())) {
            return;
        }
        LOG.info("Secret '{}' rotated ({} -> {}); soft-resetting c3p0 pool {}", secretId, event.getPreviousVersionId(),
                event.getNewVersionId(), dataSource.getDataSourceName());
        try {
            dataSource.softResetAllUsers();
        } catch (SQLException | RuntimeException e) {
            // A closed pool refuses the reset: stop listening for it.
            LOG.warn("Soft reset of c3p0 pool {} after rotation of secret '{}' failed ({}); detaching",
                    dataSource.getDataSourceName(), secretId, e.toString());
            close();
        }
    }

    @Override
    public void close() {
        cache.removeChangeListener(this);
    }

    @Override
    public String toString() {
        return "SoftResetOnRotation[secretId=" + secretId + ", pool=" + dataSource.getDataSourceName() + "]";
    }
}
