package dev.smkit.hikari;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretVersion;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariCredentialsProvider;
import com.zaxxer.hikari.util.Credentials;
import dev.smkit.hikari.internal.LoginEvidence;
import dev.smkit.hikari.internal.LoginObservingDataSource;
import dev.smkit.hikari.internal.VersionChoice;
import dev.smkit.jdbc.DatabaseSecret;
import dev.smkit.jdbc.SecretsManagerJdbc;
import java.sql.SQLException;
import java.util.function.LongSupplier;

/**
 * A {@link HikariCredentialsProvider} that reads {@code username} and {@code password} from a Secrets Manager secret
 * through a {@link SecretCache}. The pool keeps its native driver and {@code jdbc:} URL.
 *
 * <p>HikariCP asks for credentials before every new physical connection but never tells the provider whether the
 * login worked, and this provider does not guess. It decides from what it can observe:
 * <ul>
 *   <li>{@link #attachTo(HikariConfig)} (recommended) routes the pool's logins through a data source that opens them
 *       with the same native driver and URL and reports each outcome to the provider. A login rejected with
 *       {@code AWSCURRENT}'s credentials then causes one forced version check; if {@code AWSCURRENT} is still the
 *       rejected version after it and an {@code AWSPENDING} version exists (a single-user rotation between
 *       {@code setSecret} and {@code finishSecret}), the pending credentials are tried. HikariCP's own retry and
 *       backoff pace these steps, one forced check per rejected login at most.</li>
 *   <li>Without it (for example a provider HikariCP created from {@code credentialsProviderClassName}) there is no
 *       failure signal: the provider hands out {@code AWSCURRENT} as the cache has it, which a single-user rotation
 *       leaves stale for up to the cache TTL. Use the wrapper driver for properties-only configuration with
 *       single-user rotation; it sees failed logins itself.</li>
 * </ul>
 * If Secrets Manager is unreachable the cached credentials are used.
 *
 * <p>Created by Hikari from {@code credentialsProviderClassName}, the no-argument constructor reads the secret ID from
 * {@value #SECRET_ID_KEY} in the drivers' order: {@code secretsmanager.properties}, then the system property, then the
 * environment variable {@value #SECRET_ID_ENVIRONMENT_VARIABLE}. Several pools with different secrets: subclass with a no-argument constructor
 * calling {@link #SecretsManagerCredentialsProvider(String)}. Without an explicit cache the provider reads through
 * the wrapper drivers' shared cache ({@link SecretsManagerJdbc#sharedCache(String)}).
 */
public class SecretsManagerCredentialsProvider implements HikariCredentialsProvider {

    /** The key naming the secret for providers created by Hikari from the class name. */
    public static final String SECRET_ID_KEY = "smkit.hikari.secretId";

    /** The environment variable naming the secret when {@value #SECRET_ID_KEY} is not a system property. */
    public static final String SECRET_ID_ENVIRONMENT_VARIABLE = "SMKIT_HIKARI_SECRET_ID";

    private final String secretId;
    private final LoginEvidence evidence;
    private final VersionChoice choice;
    private volatile SecretCache cache;         // resolved on first use when not given

    /** Reads the secret ID from {@value #SECRET_ID_KEY}; uses the wrapper drivers' shared cache. */
    public SecretsManagerCredentialsProvider() {
        this(null, configuredSecretId(), System::nanoTime);
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
        this.evidence = new LoginEvidence(nanoClock);
        this.choice = new VersionChoice(secretId, evidence);
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
     * Makes this provider the pool's credentials provider and routes the pool's logins through a data source that
     * opens them with the configured native driver ({@code driverClassName}, else DriverManager's choice for
     * {@code jdbcUrl}), URL and {@code dataSourceProperties}, and reports each login's outcome to this provider.
     * Call it after setting {@code jdbcUrl} (and {@code driverClassName} if any) and before creating the pool.
     *
     * @return {@code config}
     * @throws IllegalArgumentException when {@code config} has no {@code jdbc:} URL, already has a data source, or the
     *     driver cannot be found
     */
    public HikariConfig attachTo(HikariConfig config) {
        if (config == null) {
            throw new IllegalArgumentException("config must not be null");
        }
        String jdbcUrl = config.getJdbcUrl();
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:")) {
            throw new IllegalArgumentException("Set the pool's jdbcUrl (a native jdbc: URL) before attaching "
                    + this + "; found " + (jdbcUrl == null ? "none" : "a URL without the jdbc: prefix"));
        }
        if (config.getDataSource() != null || config.getDataSourceClassName() != null) {
            throw new IllegalArgumentException("The pool already has a data source; " + this
                    + " needs to open the logins itself (remove dataSource/dataSourceClassName)");
        }
        config.setDataSource(new LoginObservingDataSource(
                LoginObservingDataSource.nativeDriver(jdbcUrl, config.getDriverClassName()), jdbcUrl,
                config.getDataSourceProperties(), evidence));
        config.setCredentialsProvider(this);
        return config;
    }

    /**
     * @throws IllegalStateException naming the secret ID and the cause when the secret cannot be read and nothing
     *     is cached; IllegalArgumentException when the secret lacks {@code username} or {@code password}
     */
    @Override
    public Credentials getCredentials() {
        SecretVersion chosen;
        try {
            chosen = choice.choose(cache());
        } catch (RuntimeException e) {
            throw new IllegalStateException("Could not read database credentials from secret '" + secretId + "': "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
        DatabaseSecret secret = parse(chosen);
        evidence.issued(chosen.getVersionId(), secret.username(), secret.password());
        return Credentials.of(secret.username(), secret.password());
    }

    private DatabaseSecret parse(SecretVersion version) {
        try {
            return DatabaseSecret.of(version);
        } catch (SQLException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String configuredSecretId() {
        String secretId = SecretsManagerJdbc.processSetting(SECRET_ID_KEY, SECRET_ID_ENVIRONMENT_VARIABLE);
        if (secretId == null) {
            throw new IllegalStateException("No secret ID for " + SecretsManagerCredentialsProvider.class.getName()
                    + ": set the key '" + SECRET_ID_KEY + "' in secretsmanager.properties, the system property '"
                    + SECRET_ID_KEY + "' or the environment variable '" + SECRET_ID_ENVIRONMENT_VARIABLE
                    + "', or pass the secret ID to the constructor");
        }
        return secretId;
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
