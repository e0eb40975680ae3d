package dev.smkit.hikari;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretChangeEvent;
import com.amazonaws.secretsmanager.caching.SecretChangeListener;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opt-in rotation awareness: when {@code cache} reports a new version of the pool's secret, soft-evicts the pool so
 * idle connections opened with retired credentials close now and busy ones close when returned. Connections opened
 * afterwards use the new credentials. {@link #close()} detaches the listener (closing the pool does not).
 */
public final class SoftEvictOnRotation implements SecretChangeListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SoftEvictOnRotation.class);

    private final SecretCache cache;
    private final String secretId;
    private final HikariDataSource dataSource;

    private SoftEvictOnRotation(SecretCache cache, String secretId, HikariDataSource dataSource) {
        this.cache = cache;
        this.secretId = secretId;
        this.dataSource = dataSource;
    }

    /**
     * Starts listening. {@code secretId} must be spelled as the pool's credentials are read (the same name or ARN),
     * since events carry the ID the reader used.
     */
    public static SoftEvictOnRotation register(SecretCache cache, String secretId, HikariDataSource dataSource) {
        if (cache == null || dataSource == null) {
            throw new IllegalArgumentException((cache == null ? "cache" : "dataSource") + " must not be null");
        }
        if (secretId == null || secretId.trim().isEmpty()) {
            throw new IllegalArgumentException("secretId must not be null or blank");
        }
        SoftEvictOnRotation listener = new SoftEvictOnRotation(cache, secretId, dataSource);
        cache.addChangeListener(listener);
        return listener;
    }

    @Override
    public void onVersionChange(SecretChangeEvent event) {
        if (!secretId.equals(event.getSecretId())) {
            return;
        }
        HikariPoolMXBean pool = dataSource.getHikariPoolMXBean();
        if (pool == null || dataSource.isClosed()) {
            return; // not started yet or already closed: no connection holds retired credentials
        }
        LOG.info("Secret '{}' rotated ({} -> {}); soft-evicting pool {}", secretId, event.getPreviousVersionId(),
                event.getNewVersionId(), dataSource.getPoolName());
        pool.softEvictConnections();
    }

    @Override
    public void close() {
        cache.removeChangeListener(this);
    }

    @Override
    public String toString() {
        return "SoftEvictOnRotation[secretId=" + secretId + ", pool=" + dataSource.getPoolName() + "]";
    }
}
