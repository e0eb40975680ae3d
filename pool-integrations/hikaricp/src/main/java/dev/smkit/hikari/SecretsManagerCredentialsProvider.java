package dev.smkit.hikari;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretChangeEvent;
import com.amazonaws.secretsmanager.caching.SecretChangeListener;
import com.amazonaws.secretsmanager.caching.SecretVersion;
import com.zaxxer.hikari.HikariCredentialsProvider;
import com.zaxxer.hikari.util.Credentials;
import dev.smkit.hikari.internal.Settings;
import dev.smkit.jdbc.DatabaseSecret;
import dev.smkit.jdbc.SecretsManagerJdbc;
import java.lang.ref.WeakReference;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link HikariCredentialsProvider} that reads {@code username} and {@code password} from a Secrets Manager secret
 * through a {@link SecretCache}. The pool keeps its native driver and {@code jdbc:} URL.
 *
 * <p>Hikari asks for credentials before every new physical connection but never tells the provider whether the login
 * worked. A failed login makes Hikari retry within milliseconds (backoff from 10 ms), while successful connections are
 * requested minutes apart (at {@code maxLifetime}) except while the pool fills. So a request for the same version
 * within {@link #RETRY_WINDOW_MILLIS} of the previous one counts as a retry after a possibly rejected login:
 * <ol>
 *   <li>the provider asks the cache for a version check ({@link SecretCache#refreshIfUnchanged}, shared by concurrent
 *       callers, reusing any check of the last second) and uses a newer version if there is one;</li>
 *   <li>otherwise, if an {@code AWSPENDING} version exists (a single-user rotation between {@code setSecret} and
 *       {@code finishSecret}: the database already has the pending password), every other retry gets its
 *       credentials;</li>
 *   <li>from the second retry on, since the check the cache reused may predate a rotation, it forces one check
 *       ({@link SecretCache#refreshNow}), at most once per {@link #RETRY_WINDOW_MILLIS}.</li>
 * </ol>
 * If Secrets Manager is unreachable the cached credentials are used. The provider also listens to the cache: a new
 * version seen by any reader ends the retry sequence, so the next request simply gets the new credentials.
 *
 * <p>Created by Hikari from {@code credentialsProviderClassName}, the no-argument constructor reads the secret ID from
 * {@value #SECRET_ID_KEY} (system property, then environment variable {@value #SECRET_ID_ENVIRONMENT_VARIABLE}, then
 * {@code secretsmanager.properties}). Several pools with different secrets: subclass with a no-argument constructor
 * calling {@link #SecretsManagerCredentialsProvider(String)}. Without an explicit cache the provider reads through
 * the wrapper drivers' shared cache ({@link SecretsManagerJdbc#sharedCache(String)}).
 */
public class SecretsManagerCredentialsProvider implements HikariCredentialsProvider {

    /** The key naming the secret for providers created by Hikari from the class name. */
    public static final String SECRET_ID_KEY = "smkit.hikari.secretId";

    /** The environment variable naming the secret when {@value #SECRET_ID_KEY} is not a system property. */
    public static final String SECRET_ID_ENVIRONMENT_VARIABLE = "SMKIT_HIKARI_SECRET_ID";

    /** Two credential requests for the same version closer than this are treated as a possible failed login. */
    public static final long RETRY_WINDOW_MILLIS = 2_000;

    private static final String PENDING_STAGE = "AWSPENDING";
    private static final long RETRY_WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(RETRY_WINDOW_MILLIS);
    private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerCredentialsProvider.class);

    private final String secretId;
    private final LongSupplier nanoClock;
    private volatile SecretCache cache;         // resolved on first use when not given
    private volatile boolean listening;
    private final AtomicLong versionChanges = new AtomicLong(); // bumped by the cache's change listener

    // Requests are serialized (Hikari opens connections one at a time anyway); the listener never takes this lock.
    private final Object lock = new Object();
    private long seenVersionChanges;            // guarded by lock
    private boolean requestedBefore;            // guarded by lock
    private long lastRequestNanos;              // guarded by lock
    private String lastCurrentVersionId;        // AWSCURRENT when credentials were last handed out; guarded by lock
    private int unchangedRetries;               // consecutive retries on lastCurrentVersionId; guarded by lock
    private boolean forcedCheckBefore;          // guarded by lock
    private long lastForcedCheckNanos;          // guarded by lock

    /** Reads the secret ID from {@value #SECRET_ID_KEY}; uses the wrapper drivers' shared cache. */
    public SecretsManagerCredentialsProvider() {
        this(null, Settings.lookup(SECRET_ID_KEY, SECRET_ID_ENVIRONMENT_VARIABLE).orElseThrow(() -> new IllegalStateException(
                "No secret ID for " + SecretsManagerCredentialsProvider.class.getName() + ": set the system property '"
                        + SECRET_ID_KEY + "', the environment variable '" + SECRET_ID_ENVIRONMENT_VARIABLE + "' or the key '"
                        + SECRET_ID_KEY + "' in secretsmanager.properties, or pass the secret ID to the constructor")),
                System::nanoTime);
    }

    /** Uses the wrapper drivers' shared cache ({@link SecretsManagerJdbc#sharedCache(String)}). */
    public SecretsManagerCredentialsProvider(String secretId) {
        this(null, secretId, System::nanoTime);
    }

    public SecretsManagerCredentialsProvider(SecretCache cache, String secretId) {
        this(requireCache(cache), secretId, System::nanoTime);
    }

    SecretsManagerCredentialsProvider(SecretCache cache, String secretId, LongSupplier nanoClock) {
        if (secretId == null || secretId.trim().isEmpty()) {
            throw new IllegalArgumentException("secretId must not be null or blank");
        }
        this.cache = cache;
        this.secretId = secretId;
        this.nanoClock = nanoClock;
    }

    public final String secretId() {
        return secretId;
    }

    /**
     * The cache this provider reads from.
     *
     * @throws IllegalStateException naming the secret when the drivers' shared cache cannot be created (no region...)
     */
    public final SecretCache cache() {
        SecretCache resolved = cache;
        if (resolved == null) {
            try {
                resolved = SecretsManagerJdbc.sharedCache(secretId);
            } catch (SQLException e) {
                throw new IllegalStateException("No Secrets Manager cache for secret '" + secretId + "': "
                        + e.getMessage(), e);
            }
            cache = resolved;
        }
        return resolved;
    }

    /**
     * @throws IllegalStateException naming the secret ID and the cause when the secret cannot be read and nothing
     *     is cached; IllegalArgumentException when the secret lacks {@code username} or {@code password}
     */
    @Override
    public Credentials getCredentials() {
        SecretCache source = cache();
        listenTo(source);
        synchronized (lock) {
            long now = nanoClock.getAsLong();
            long changes = versionChanges.get();
            boolean retry = requestedBefore && now - lastRequestNanos < RETRY_WINDOW_NANOS
                    && changes == seenVersionChanges;
            seenVersionChanges = changes;
            requestedBefore = true;
            lastRequestNanos = now;
            SecretVersion current = read(source);
            SecretVersion chosen = current;
            if (retry && current.getVersionId().equals(lastCurrentVersionId)) {
                unchangedRetries++;
                chosen = afterPossiblyRejectedLogin(source, current, now);
                current = read(source); // moved if a check found a new version; a cached read, no API call
            }
            if (!current.getVersionId().equals(lastCurrentVersionId) || !retry) {
                unchangedRetries = 0;
            }
            lastCurrentVersionId = current.getVersionId();
            DatabaseSecret secret = parse(chosen);
            return Credentials.of(secret.username(), secret.password());
        }
    }

    /** Steps 1 to 3 of the class comment; returns a newer current version, the pending one, or {@code current}. */
    private SecretVersion afterPossiblyRejectedLogin(SecretCache source, SecretVersion current, long now) {
        SecretVersion checked = checkForNewVersion(source, current);
        if (!sameVersion(checked, current)) {
            return checked;
        }
        if (unchangedRetries % 2 == 1) {
            SecretVersion pending = pendingVersion(source);
            if (pending != null && !sameVersion(pending, current)) {
                LOG.debug("Secret '{}': retrying with AWSPENDING version {}", secretId, pending.getVersionId());
                return pending;
            }
        }
        if (unchangedRetries >= 2 && (!forcedCheckBefore || now - lastForcedCheckNanos >= RETRY_WINDOW_NANOS)) {
            forcedCheckBefore = true;
            lastForcedCheckNanos = now;
            return forceCheck(source, current);
        }
        return current;
    }

    private SecretVersion read(SecretCache source) {
        try {
            return source.getSecretVersion(secretId);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not read database credentials from secret '" + secretId + "': "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private SecretVersion checkForNewVersion(SecretCache source, SecretVersion cached) {
        try {
            SecretVersion checked = source.refreshIfUnchanged(secretId, cached.getVersionId());
            logMove(cached, checked);
            return checked;
        } catch (RuntimeException e) {
            // Secrets Manager unreachable: keep serving the cached credentials rather than failing the connection.
            LOG.warn("Version check of secret '{}' failed ({}); using cached version {}", secretId,
                    e.getClass().getSimpleName(), cached.getVersionId());
            return cached;
        }
    }

    private SecretVersion forceCheck(SecretCache source, SecretVersion cached) {
        try {
            if (source.refreshNow(secretId)) {
                SecretVersion checked = source.getSecretVersion(secretId);
                logMove(cached, checked);
                return checked;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("Forced version check of secret '{}' failed ({})", secretId, e.getClass().getSimpleName());
        }
        return cached;
    }

    private SecretVersion pendingVersion(SecretCache source) {
        try {
            return source.getSecretVersion(secretId, PENDING_STAGE);
        } catch (RuntimeException e) {
            // An unreadable AWSPENDING version only skips this step.
            LOG.debug("AWSPENDING version of secret '{}' unreadable ({})", secretId, e.getClass().getSimpleName());
            return null;
        }
    }

    private void logMove(SecretVersion from, SecretVersion to) {
        if (!sameVersion(from, to)) {
            LOG.info("Secret '{}' moved from version {} to {}; new connections use the new credentials",
                    secretId, from.getVersionId(), to.getVersionId());
        }
    }

    private static boolean sameVersion(SecretVersion a, SecretVersion b) {
        return a.getVersionId().equals(b.getVersionId());
    }

    private DatabaseSecret parse(SecretVersion version) {
        try {
            return DatabaseSecret.of(version);
        } catch (SQLException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private void listenTo(SecretCache source) {
        if (!listening) {
            synchronized (this) {
                if (!listening) {
                    source.addChangeListener(new VersionWatcher(this, source));
                    listening = true;
                }
            }
        }
    }

    private static SecretCache requireCache(SecretCache cache) {
        if (cache == null) {
            throw new IllegalArgumentException("cache must not be null");
        }
        return cache;
    }

    @Override
    public String toString() {
        return "SecretsManagerCredentialsProvider[secretId=" + secretId + "]";
    }

    /**
     * Tells the provider about versions other readers saw. Holds the provider weakly: Hikari never closes a provider,
     * so a provider dropped with its pool must not stay reachable from a process-wide cache.
     */
    private static final class VersionWatcher implements SecretChangeListener {
        private final WeakReference<SecretsManagerCredentialsProvider> provider;
        private final SecretCache cache;

        VersionWatcher(SecretsManagerCredentialsProvider provider, SecretCache cache) {
            this.provider = new WeakReference<>(provider);
            this.cache = cache;
        }

        @Override
        public void onVersionChange(SecretChangeEvent event) {
            SecretsManagerCredentialsProvider target = provider.get();
            if (target == null) {
                cache.removeChangeListener(this);
            } else if (target.secretId.equals(event.getSecretId())) {
                target.versionChanges.incrementAndGet();
            }
        }
    }
}
