package dev.smkit.hikari;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretVersion;
import com.zaxxer.hikari.HikariCredentialsProvider;
import com.zaxxer.hikari.util.Credentials;
import dev.smkit.hikari.internal.DefaultCache;
import dev.smkit.hikari.internal.SecretCredentials;
import dev.smkit.hikari.internal.Settings;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link HikariCredentialsProvider} that reads {@code username} and {@code password} from a Secrets Manager secret
 * through a {@link SecretCache}. The pool keeps its native driver and {@code jdbc:} URL.
 *
 * <p>Hikari asks for credentials before every new physical connection but never tells the provider whether the login
 * worked. A failed login makes Hikari retry within milliseconds (backoff from 10 ms), while successful connections are
 * requested minutes apart (at {@code maxLifetime}) except while the pool fills. So when credentials of the same
 * version are requested again within {@link #RETRY_WINDOW_MILLIS} of the previous request, the provider asks the
 * cache for a version check with {@link SecretCache#refreshIfUnchanged}: that call is shared by concurrent callers
 * and reuses any check of the last second, so a pool filling quickly costs at most one DescribeSecret per second,
 * and a rotation is picked up on Hikari's first retry instead of at the end of the cache TTL.
 *
 * <p>Created by Hikari from {@code credentialsProviderClassName}, the no-argument constructor reads the secret ID from
 * {@value #SECRET_ID_KEY} (system property, then environment variable {@value #SECRET_ID_ENVIRONMENT_VARIABLE}, then
 * {@code secretsmanager.properties}). Several pools with different secrets: subclass with a no-argument constructor
 * calling {@link #SecretsManagerCredentialsProvider(String)}.
 */
public class SecretsManagerCredentialsProvider implements HikariCredentialsProvider {

    /** The key naming the secret for providers created by Hikari from the class name. */
    public static final String SECRET_ID_KEY = "smkit.hikari.secretId";

    /** The environment variable naming the secret when {@value #SECRET_ID_KEY} is not a system property. */
    public static final String SECRET_ID_ENVIRONMENT_VARIABLE = "SMKIT_HIKARI_SECRET_ID";

    /** Two credential requests for the same version closer than this are treated as a possible failed login. */
    public static final long RETRY_WINDOW_MILLIS = 2_000;

    private static final Logger LOG = LoggerFactory.getLogger(SecretsManagerCredentialsProvider.class);

    private final SecretCache cache;
    private final String secretId;
    private final LongSupplier nanoClock;
    private final Object lock = new Object();
    private SecretCredentials parsed;       // memoized per version ID, guarded by lock
    private long lastRequestNanos;          // guarded by lock
    private boolean requestedBefore;        // guarded by lock

    /** Reads the secret ID from {@value #SECRET_ID_KEY}; uses the process-wide default cache. */
    public SecretsManagerCredentialsProvider() {
        this(null, Settings.lookup(SECRET_ID_KEY, SECRET_ID_ENVIRONMENT_VARIABLE).orElseThrow(() -> new IllegalStateException(
                "No secret ID for " + SecretsManagerCredentialsProvider.class.getName() + ": set the system property '"
                        + SECRET_ID_KEY + "', the environment variable '" + SECRET_ID_ENVIRONMENT_VARIABLE + "' or the key '"
                        + SECRET_ID_KEY + "' in secretsmanager.properties, or pass the secret ID to the constructor")),
                System::nanoTime);
    }

    /** Uses the process-wide default cache. */
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

    /** The cache this provider reads from. */
    public final SecretCache cache() {
        return cache != null ? cache : DefaultCache.get();
    }

    /**
     * @throws IllegalStateException naming the secret ID and the cause when the secret cannot be read and nothing
     *     is cached; IllegalArgumentException when the secret lacks {@code username} or {@code password}
     */
    @Override
    public Credentials getCredentials() {
        SecretCache source = cache();
        SecretVersion version = read(source);
        synchronized (lock) {
            long now = nanoClock.getAsLong();
            boolean soonAfterPrevious = requestedBefore
                    && now - lastRequestNanos < TimeUnit.MILLISECONDS.toNanos(RETRY_WINDOW_MILLIS);
            if (soonAfterPrevious && parsed != null && parsed.versionId().equals(version.getVersionId())) {
                version = checkForNewVersion(source, version);
            }
            requestedBefore = true;
            lastRequestNanos = now;
            if (parsed == null || !parsed.versionId().equals(version.getVersionId())) {
                parsed = SecretCredentials.parse(version);
            }
            return Credentials.of(parsed.required("username"), parsed.required("password"));
        }
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
            if (!checked.getVersionId().equals(cached.getVersionId())) {
                LOG.info("Secret '{}' moved from version {} to {}; new connections use the new credentials",
                        secretId, cached.getVersionId(), checked.getVersionId());
            }
            return checked;
        } catch (RuntimeException e) {
            // Secrets Manager unreachable: keep serving the cached credentials rather than failing the connection.
            LOG.warn("Version check of secret '{}' failed ({}); using cached version {}", secretId,
                    e.getClass().getSimpleName(), cached.getVersionId());
            return cached;
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
}
