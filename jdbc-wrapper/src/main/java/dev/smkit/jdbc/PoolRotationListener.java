package dev.smkit.jdbc;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretChangeEvent;
import com.amazonaws.secretsmanager.caching.SecretChangeListener;
import java.lang.ref.WeakReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of a pool's rotation listener that does not depend on the pool library: when {@code cache} reports a new
 * version of the pool's secret, {@link #retire} the pool's connections so new ones log in with the new credentials.
 *
 * <p>The pool is held weakly, so neither a closed pool nor one the application dropped stays reachable from a
 * long-lived cache. The listener itself (a few fields) stays registered until {@link #close()}, or until the next
 * event for its secret finds the pool closed or collected and detaches it: pool libraries offer no close hook to
 * detach sooner, except for pools our factories build, which close their listener with the pool.
 *
 * @param <P> the pool type
 */
public abstract class PoolRotationListener<P> implements SecretChangeListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PoolRotationListener.class);

    private final SecretCache cache;
    private final String secretId;
    private final WeakReference<P> pool;
    private final String poolName;

    /**
     * Does not register; call {@link #listen()} once constructed.
     *
     * @throws IllegalArgumentException when an argument is null or {@code secretId} is blank
     */
    protected PoolRotationListener(SecretCache cache, String secretId, P pool, String poolName) {
        if (cache == null || pool == null) {
            throw new IllegalArgumentException((cache == null ? "cache" : "dataSource") + " must not be null");
        }
        if (secretId == null || secretId.trim().isEmpty()) {
            throw new IllegalArgumentException("secretId must not be null or blank");
        }
        this.cache = cache;
        this.secretId = secretId;
        this.pool = new WeakReference<P>(pool);
        this.poolName = poolName;
    }

    /** Registers with the cache. */
    protected final void listen() {
        cache.addChangeListener(this);
    }

    /** Whether the pool was closed (a closed pool needs no retiring and the listener leaves). */
    protected abstract boolean isClosed(P pool);

    /** Retires the pool's connections: idle ones now, busy ones when returned. */
    protected abstract void retire(P pool) throws Exception;

    @Override
    public final void onVersionChange(SecretChangeEvent event) {
        if (!secretId.equals(event.getSecretId())) {
            return;
        }
        P target = pool.get();
        if (target == null || isClosed(target)) {
            close();
            return;
        }
        LOG.info("Secret '{}' rotated ({} -> {}); retiring the connections of pool {}", secretId,
                event.getPreviousVersionId(), event.getNewVersionId(), poolName);
        try {
            retire(target);
        } catch (Exception e) {
            LOG.warn("Retiring the connections of pool {} after rotation of secret '{}' failed ({}); detaching",
                    poolName, secretId, e.getClass().getName());
            close();
        }
    }

    /** Whether the pool is gone or closed; for tests and diagnostics. */
    public final boolean isDetachable() {
        P target = pool.get();
        return target == null || isClosed(target);
    }

    @Override
    public void close() {
        cache.removeChangeListener(this);
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[secretId=" + secretId + ", pool=" + poolName + "]";
    }
}
