package com.amazonaws.secretsmanager.caching;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Settings of a {@link SecretCache}: the AWS caching client's bean (getters, setters and fluent {@code with*}, all of
 * version 2.2.0) plus smkit's additions. Setters validate eagerly and throw {@link SecretCacheConfigurationException}
 * (an {@link IllegalArgumentException}) naming the setting and the value.
 *
 * <p>The cache copies the configuration when it is built; changing this object afterwards does not affect it.
 *
 * <p>{@link #fromProperties}, {@link #fromEnvironment} and {@link #fromSystem} read these keys (durations are
 * milliseconds or ISO-8601 such as {@code PT30M}):
 * <table>
 *   <caption>Configuration keys</caption>
 *   <tr><th>Property</th><th>Environment variable</th><th>Default</th></tr>
 *   <tr><td>{@code smkit.cache.maxCacheSize}</td><td>{@code SMKIT_CACHE_MAX_CACHE_SIZE}</td><td>1024</td></tr>
 *   <tr><td>{@code smkit.cache.cacheItemTTL}</td><td>{@code SMKIT_CACHE_CACHE_ITEM_TTL}</td><td>3600000 (1 h)</td></tr>
 *   <tr><td>{@code smkit.cache.versionStage}</td><td>{@code SMKIT_CACHE_VERSION_STAGE}</td><td>AWSCURRENT</td></tr>
 *   <tr><td>{@code smkit.cache.refreshAheadFraction}</td><td>{@code SMKIT_CACHE_REFRESH_AHEAD_FRACTION}</td><td>0.2</td></tr>
 *   <tr><td>{@code smkit.cache.exceptionRetryDelayBase}</td><td>{@code SMKIT_CACHE_EXCEPTION_RETRY_DELAY_BASE}</td><td>1000</td></tr>
 *   <tr><td>{@code smkit.cache.exceptionRetryGrowthFactor}</td><td>{@code SMKIT_CACHE_EXCEPTION_RETRY_GROWTH_FACTOR}</td><td>2</td></tr>
 *   <tr><td>{@code smkit.cache.exceptionRetryDelayMax}</td><td>{@code SMKIT_CACHE_EXCEPTION_RETRY_DELAY_MAX}</td><td>128000</td></tr>
 *   <tr><td>{@code smkit.cache.forcedRefreshMinInterval}</td><td>{@code SMKIT_CACHE_FORCED_REFRESH_MIN_INTERVAL}</td><td>1000</td></tr>
 *   <tr><td>{@code smkit.cache.forceRefreshJitterMillis}</td><td>{@code SMKIT_CACHE_FORCE_REFRESH_JITTER_MILLIS}</td><td>100</td></tr>
 *   <tr><td>{@code smkit.cache.postQuantumTlsEnabled}</td><td>{@code SMKIT_CACHE_POST_QUANTUM_TLS_ENABLED}</td><td>false</td></tr>
 *   <tr><td>{@code smkit.cache.strictClose}</td><td>{@code SMKIT_CACHE_STRICT_CLOSE}</td><td>false</td></tr>
 *   <tr><td>{@code smkit.cache.failoverRegions} (comma-separated)</td><td>{@code SMKIT_CACHE_FAILOVER_REGIONS}</td><td>none</td></tr>
 *   <tr><td>{@code smkit.cache.failoverToReportedReplicas}</td><td>{@code SMKIT_CACHE_FAILOVER_TO_REPORTED_REPLICAS}</td><td>false</td></tr>
 * </table>
 */
public class SecretCacheConfiguration {

    public static final int DEFAULT_MAX_CACHE_SIZE = 1024;
    public static final long DEFAULT_CACHE_ITEM_TTL = TimeUnit.HOURS.toMillis(1);
    public static final String DEFAULT_VERSION_STAGE = "AWSCURRENT";
    public static final double DEFAULT_REFRESH_AHEAD_FRACTION = 0.2;
    public static final long DEFAULT_EXCEPTION_RETRY_DELAY_BASE = 1000;
    public static final double DEFAULT_EXCEPTION_RETRY_GROWTH_FACTOR = 2;
    public static final long DEFAULT_EXCEPTION_RETRY_DELAY_MAX = 128_000;
    public static final long DEFAULT_FORCED_REFRESH_MIN_INTERVAL = 1000;
    /** Upper bound, in milliseconds, of the random wait of {@link SecretCache#refreshNow} before it calls. */
    public static final long DEFAULT_FORCE_REFRESH_JITTER = 100;

    /** Prefix of every property key read by {@link #fromProperties}. */
    public static final String PROPERTY_PREFIX = "smkit.cache.";

    private SecretsManagerClient client;
    private SecretCacheHook cacheHook;
    private int maxCacheSize = DEFAULT_MAX_CACHE_SIZE;
    private long cacheItemTTL = DEFAULT_CACHE_ITEM_TTL;
    private String versionStage = DEFAULT_VERSION_STAGE;
    private double refreshAheadFraction = DEFAULT_REFRESH_AHEAD_FRACTION;
    private long exceptionRetryDelayBase = DEFAULT_EXCEPTION_RETRY_DELAY_BASE;
    private double exceptionRetryGrowthFactor = DEFAULT_EXCEPTION_RETRY_GROWTH_FACTOR;
    private long exceptionRetryDelayMax = DEFAULT_EXCEPTION_RETRY_DELAY_MAX;
    private long forcedRefreshMinInterval = DEFAULT_FORCED_REFRESH_MIN_INTERVAL;
    private long forceRefreshJitterMillis = DEFAULT_FORCE_REFRESH_JITTER;
    private boolean postQuantumTlsEnabled;
    private boolean strictClose;
    private Ticker ticker = Ticker.systemTicker();
    private Random random;
    private List<String> failoverRegions = Collections.emptyList();
    private boolean failoverToReportedReplicas;
    private Map<String, SecretsManagerClient> regionClients = Collections.emptyMap();

    public SecretCacheConfiguration() {
    }

    /**
     * The client the cache calls; null means the cache builds its own (and closes it in {@link SecretCache#close()},
     * building a new one if the cache is used again).
     */
    public SecretsManagerClient getClient() {
        return client;
    }

    public void setClient(SecretsManagerClient client) {
        this.client = client;
    }

    public SecretCacheConfiguration withClient(SecretsManagerClient client) {
        setClient(client);
        return this;
    }

    public SecretCacheHook getCacheHook() {
        return cacheHook;
    }

    public void setCacheHook(SecretCacheHook cacheHook) {
        this.cacheHook = cacheHook;
    }

    public SecretCacheConfiguration withCacheHook(SecretCacheHook cacheHook) {
        setCacheHook(cacheHook);
        return this;
    }

    /** How many secrets the cache holds before evicting the least recently read one. Default 1024. */
    public int getMaxCacheSize() {
        return maxCacheSize;
    }

    public void setMaxCacheSize(int maxCacheSize) {
        if (maxCacheSize < 1) {
            throw invalid("maxCacheSize", maxCacheSize, "must be at least 1");
        }
        this.maxCacheSize = maxCacheSize;
    }

    public SecretCacheConfiguration withMaxCacheSize(int maxCacheSize) {
        setMaxCacheSize(maxCacheSize);
        return this;
    }

    /**
     * Milliseconds between version checks of a cached secret. Each check schedules the next one after a delay drawn
     * uniformly from [TTL/2, TTL]. 0 checks on every read, as in the AWS client (a read that finds a check in flight
     * shares it). Default one hour.
     */
    public long getCacheItemTTL() {
        return cacheItemTTL;
    }

    public void setCacheItemTTL(long cacheItemTTL) {
        if (cacheItemTTL < 0) {
            throw invalid("cacheItemTTL", cacheItemTTL, "must not be negative (milliseconds; 0 checks on every read)");
        }
        this.cacheItemTTL = cacheItemTTL;
    }

    public SecretCacheConfiguration withCacheItemTTL(long cacheItemTTL) {
        setCacheItemTTL(cacheItemTTL);
        return this;
    }

    public SecretCacheConfiguration withCacheItemTTL(Duration cacheItemTTL) {
        setCacheItemTTL(millis("cacheItemTTL", cacheItemTTL));
        return this;
    }

    /** The stage read by {@link SecretCache#getSecretString(String)} and friends. Default AWSCURRENT. */
    public String getVersionStage() {
        return versionStage;
    }

    public void setVersionStage(String versionStage) {
        if (versionStage == null || versionStage.trim().isEmpty()) {
            throw invalid("versionStage", versionStage == null ? null : '"' + versionStage + '"',
                    "must not be null or blank");
        }
        this.versionStage = versionStage;
    }

    public SecretCacheConfiguration withVersionStage(String versionStage) {
        setVersionStage(versionStage);
        return this;
    }

    /**
     * The last part of each TTL in which a read triggers a background version check while still returning the
     * cached value at once. 0.2 means the last 20%; 0 turns refresh ahead off. Must be in [0, 1).
     */
    public double getRefreshAheadFraction() {
        return refreshAheadFraction;
    }

    public void setRefreshAheadFraction(double refreshAheadFraction) {
        if (!(refreshAheadFraction >= 0 && refreshAheadFraction < 1)) {
            throw invalid("refreshAheadFraction", refreshAheadFraction, "must be at least 0 and below 1");
        }
        this.refreshAheadFraction = refreshAheadFraction;
    }

    public SecretCacheConfiguration withRefreshAheadFraction(double refreshAheadFraction) {
        setRefreshAheadFraction(refreshAheadFraction);
        return this;
    }

    /** Milliseconds before the first retry after a failed call. Default 1000. */
    public long getExceptionRetryDelayBase() {
        return exceptionRetryDelayBase;
    }

    public void setExceptionRetryDelayBase(long exceptionRetryDelayBase) {
        if (exceptionRetryDelayBase <= 0) {
            throw invalid("exceptionRetryDelayBase", exceptionRetryDelayBase, "must be positive (milliseconds)");
        }
        this.exceptionRetryDelayBase = exceptionRetryDelayBase;
    }

    public SecretCacheConfiguration withExceptionRetryDelayBase(long exceptionRetryDelayBase) {
        setExceptionRetryDelayBase(exceptionRetryDelayBase);
        return this;
    }

    public SecretCacheConfiguration withExceptionRetryDelayBase(Duration exceptionRetryDelayBase) {
        setExceptionRetryDelayBase(millis("exceptionRetryDelayBase", exceptionRetryDelayBase));
        return this;
    }

    /** Factor by which the retry delay grows with each consecutive failure. Default 2; at least 1. */
    public double getExceptionRetryGrowthFactor() {
        return exceptionRetryGrowthFactor;
    }

    public void setExceptionRetryGrowthFactor(double exceptionRetryGrowthFactor) {
        if (!(exceptionRetryGrowthFactor >= 1) || Double.isInfinite(exceptionRetryGrowthFactor)) {
            throw invalid("exceptionRetryGrowthFactor", exceptionRetryGrowthFactor, "must be a finite number >= 1");
        }
        this.exceptionRetryGrowthFactor = exceptionRetryGrowthFactor;
    }

    public SecretCacheConfiguration withExceptionRetryGrowthFactor(double exceptionRetryGrowthFactor) {
        setExceptionRetryGrowthFactor(exceptionRetryGrowthFactor);
        return this;
    }

    /** Upper bound of the retry delay in milliseconds. Default 128000. */
    public long getExceptionRetryDelayMax() {
        return exceptionRetryDelayMax;
    }

    public void setExceptionRetryDelayMax(long exceptionRetryDelayMax) {
        if (exceptionRetryDelayMax <= 0) {
            throw invalid("exceptionRetryDelayMax", exceptionRetryDelayMax, "must be positive (milliseconds)");
        }
        this.exceptionRetryDelayMax = exceptionRetryDelayMax;
    }

    public SecretCacheConfiguration withExceptionRetryDelayMax(long exceptionRetryDelayMax) {
        setExceptionRetryDelayMax(exceptionRetryDelayMax);
        return this;
    }

    public SecretCacheConfiguration withExceptionRetryDelayMax(Duration exceptionRetryDelayMax) {
        setExceptionRetryDelayMax(millis("exceptionRetryDelayMax", exceptionRetryDelayMax));
        return this;
    }

    /**
     * Milliseconds during which {@link SecretCache#refreshIfUnchanged} reuses a successful version check (counted
     * from when it started) instead of calling again. Default 1000; 0 always checks.
     */
    public long getForcedRefreshMinInterval() {
        return forcedRefreshMinInterval;
    }

    public void setForcedRefreshMinInterval(long forcedRefreshMinInterval) {
        if (forcedRefreshMinInterval < 0) {
            throw invalid("forcedRefreshMinInterval", forcedRefreshMinInterval, "must not be negative (milliseconds)");
        }
        this.forcedRefreshMinInterval = forcedRefreshMinInterval;
    }

    public SecretCacheConfiguration withForcedRefreshMinInterval(long forcedRefreshMinInterval) {
        setForcedRefreshMinInterval(forcedRefreshMinInterval);
        return this;
    }

    public SecretCacheConfiguration withForcedRefreshMinInterval(Duration forcedRefreshMinInterval) {
        setForcedRefreshMinInterval(millis("forcedRefreshMinInterval", forcedRefreshMinInterval));
        return this;
    }

    /**
     * Milliseconds: the upper bound of the random wait of {@link SecretCache#refreshNow} before its version check
     * calls Secrets Manager. The wait is drawn uniformly from [jitter/2, jitter], so that many processes told of the
     * same change at the same moment do not all call at once; calls of {@code refreshNow} made during the wait share
     * its check. 0 calls at once. Inside the backoff after a failed check {@code refreshNow} returns {@code false}
     * without waiting. Default {@value #DEFAULT_FORCE_REFRESH_JITTER}, as in the AWS client.
     */
    public long getForceRefreshJitterMillis() {
        return forceRefreshJitterMillis;
    }

    public void setForceRefreshJitterMillis(long forceRefreshJitterMillis) {
        if (forceRefreshJitterMillis < 0) {
            throw invalid("forceRefreshJitterMillis", forceRefreshJitterMillis, "must not be negative (milliseconds)");
        }
        this.forceRefreshJitterMillis = forceRefreshJitterMillis;
    }

    public SecretCacheConfiguration withForceRefreshJitterMillis(long forceRefreshJitterMillis) {
        setForceRefreshJitterMillis(forceRefreshJitterMillis);
        return this;
    }

    /**
     * Whether the client the cache builds uses hybrid post-quantum key exchange in TLS: the cache then builds it on
     * the AWS CRT HTTP client ({@code software.amazon.awssdk:aws-crt-client}, an optional dependency the application
     * adds) with post-quantum TLS enabled. The cache fails at construction with a
     * {@link PostQuantumTlsUnavailableException} when that client is missing or cannot negotiate post-quantum TLS on
     * this platform, and with an {@link IllegalArgumentException} when a client is also given (configure that client's
     * HTTP client instead). Default false.
     */
    public boolean isPostQuantumTlsEnabled() {
        return postQuantumTlsEnabled;
    }

    public void setPostQuantumTlsEnabled(boolean postQuantumTlsEnabled) {
        this.postQuantumTlsEnabled = postQuantumTlsEnabled;
    }

    public SecretCacheConfiguration withPostQuantumTlsEnabled(boolean postQuantumTlsEnabled) {
        setPostQuantumTlsEnabled(postQuantumTlsEnabled);
        return this;
    }

    /**
     * Whether {@link SecretCache#close()} is final. False (the default, as in the AWS client): close empties the cache,
     * stops its threads and closes a client it built, and the cache stays usable: the next read loads again. True:
     * after close every call throws {@link IllegalStateException}, and calls waiting for a check or fetch return at
     * once with it, so a use after shutdown fails instead of quietly starting threads and a client again.
     */
    public boolean isStrictClose() {
        return strictClose;
    }

    public void setStrictClose(boolean strictClose) {
        this.strictClose = strictClose;
    }

    public SecretCacheConfiguration withStrictClose(boolean strictClose) {
        setStrictClose(strictClose);
        return this;
    }

    /**
     * The time source. The default, {@link Ticker#systemTicker()}, is read through a shared clock with about one
     * millisecond of granularity; any other ticker is read directly on every access.
     */
    public Ticker getTicker() {
        return ticker;
    }

    public void setTicker(Ticker ticker) {
        if (ticker == null) {
            throw invalid("ticker", null, "must not be null");
        }
        this.ticker = ticker;
    }

    public SecretCacheConfiguration withTicker(Ticker ticker) {
        setTicker(ticker);
        return this;
    }

    /** The random source for TTL and backoff jitter; null (the default) uses {@code ThreadLocalRandom}. */
    public Random getRandom() {
        return random;
    }

    public void setRandom(Random random) {
        this.random = random;
    }

    public SecretCacheConfiguration withRandom(Random random) {
        setRandom(random);
        return this;
    }

    /**
     * Regions to read secrets from, in this order, when the primary region (the client's) fails in a way a retry will
     * not soon fix: connection errors, timeouts, 5xx answers, throttling after the SDK's retries. Each must be a
     * region name the SDK knows ({@code Region.regions()}), listed once, and not the primary region (checked when the
     * cache is built). Empty (the default) turns failover off unless {@link #isFailoverToReportedReplicas()}.
     */
    public List<String> getFailoverRegions() {
        return failoverRegions;
    }

    public void setFailoverRegions(List<String> failoverRegions) {
        if (failoverRegions == null) {
            throw invalid("failoverRegions", null, "must not be null (an empty list turns failover off)");
        }
        Set<String> seen = new LinkedHashSet<>();
        for (String region : failoverRegions) {
            checkRegion("failoverRegions", region);
            if (!seen.add(region)) {
                throw invalid("failoverRegions", failoverRegions, "lists " + region + " twice");
            }
        }
        this.failoverRegions = Collections.unmodifiableList(new ArrayList<>(seen));
    }

    public SecretCacheConfiguration withFailoverRegions(List<String> failoverRegions) {
        setFailoverRegions(failoverRegions);
        return this;
    }

    /**
     * Whether the cache may also fail over to the regions a secret's last DescribeSecret reported in its
     * {@code ReplicationStatus} (after the {@link #getFailoverRegions() failover regions}, in the reported order; for
     * a secret never described, the regions reported for other secrets). Default false.
     */
    public boolean isFailoverToReportedReplicas() {
        return failoverToReportedReplicas;
    }

    public void setFailoverToReportedReplicas(boolean failoverToReportedReplicas) {
        this.failoverToReportedReplicas = failoverToReportedReplicas;
    }

    public SecretCacheConfiguration withFailoverToReportedReplicas(boolean failoverToReportedReplicas) {
        setFailoverToReportedReplicas(failoverToReportedReplicas);
        return this;
    }

    /**
     * Clients for failover regions, by region name; the cache never closes them. A failover region without one gets a
     * client the cache builds as it builds its own default client (same HTTP client and timeouts, that region, the
     * default credentials chain), closed by {@link SecretCache#close()}. Default none.
     */
    public Map<String, SecretsManagerClient> getRegionClients() {
        return regionClients;
    }

    public void setRegionClients(Map<String, SecretsManagerClient> regionClients) {
        if (regionClients == null) {
            throw invalid("regionClients", null, "must not be null (an empty map lets the cache build them)");
        }
        Map<String, SecretsManagerClient> copy = new LinkedHashMap<>();
        for (Map.Entry<String, SecretsManagerClient> entry : regionClients.entrySet()) {
            checkRegion("regionClients", entry.getKey());
            if (entry.getValue() == null) {
                throw invalid("regionClients", "a null client for " + entry.getKey(), "must map regions to clients");
            }
            copy.put(entry.getKey(), entry.getValue());
        }
        this.regionClients = Collections.unmodifiableMap(copy);
    }

    public SecretCacheConfiguration withRegionClients(Map<String, SecretsManagerClient> regionClients) {
        setRegionClients(regionClients);
        return this;
    }

    private static final Set<String> KNOWN_REGIONS = knownRegions();

    private static Set<String> knownRegions() {
        Set<String> ids = new HashSet<>();
        for (Region region : Region.regions()) {
            ids.add(region.id());
        }
        return Collections.unmodifiableSet(ids);
    }

    private static void checkRegion(String field, String region) {
        if (region == null || !KNOWN_REGIONS.contains(region)) {
            throw invalid(field, region == null ? null : '"' + region + '"',
                    "must name regions the AWS SDK knows, such as \"us-west-2\"");
        }
    }

    /** A configuration with defaults overridden by the {@code smkit.cache.*} keys present in {@code properties}. */
    public static SecretCacheConfiguration fromProperties(Properties properties) {
        if (properties == null) {
            throw new IllegalArgumentException("properties must not be null");
        }
        SecretCacheConfiguration config = new SecretCacheConfiguration();
        for (Key key : Key.ALL) {
            String value = properties.getProperty(key.property);
            if (value != null) {
                key.apply(config, key.property, value);
            }
        }
        return config;
    }

    /** A configuration with defaults overridden by the {@code SMKIT_CACHE_*} environment variables present. */
    public static SecretCacheConfiguration fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    static SecretCacheConfiguration fromEnvironment(Map<String, String> environment) {
        SecretCacheConfiguration config = new SecretCacheConfiguration();
        applyEnvironment(config, environment);
        return config;
    }

    /** Defaults, overridden by environment variables, overridden by system properties. */
    public static SecretCacheConfiguration fromSystem() {
        SecretCacheConfiguration config = fromEnvironment();
        Properties system = System.getProperties();
        for (Key key : Key.ALL) {
            String value = system.getProperty(key.property);
            if (value != null) {
                key.apply(config, key.property, value);
            }
        }
        return config;
    }

    private static void applyEnvironment(SecretCacheConfiguration config, Map<String, String> environment) {
        for (Key key : Key.ALL) {
            String value = environment.get(key.environment);
            if (value != null) {
                key.apply(config, key.environment, value);
            }
        }
    }

    /** The keys of the table in the class comment, each with how its text value is applied. */
    private enum Key {
        MAX_CACHE_SIZE("maxCacheSize", "SMKIT_CACHE_MAX_CACHE_SIZE") {
            @Override
            void set(SecretCacheConfiguration config, String value) {
                config.setMaxCacheSize(Integer.parseInt(value));
            }
        },
        CACHE_ITEM_TTL("cacheItemTTL", "SMKIT_CACHE_CACHE_ITEM_TTL") {
            @Override
            void set(SecretCacheConfiguration config, String value) {
                config.setCacheItemTTL(parseMillis(value));
            }
        },
        VERSION_STAGE("versionStage", "SMKIT_CACHE_VERSION_STAGE") {
            @Override
            void set(SecretCacheConfiguration config, String value) {
                config.setVersionStage(value);
            }
        },
        REFRESH_AHEAD_FRACTION("refreshAheadFraction", "SMKIT_CACHE_REFRESH_AHEAD_FRACTION") {
            @Override
            void set(SecretCacheConfiguration config, String value) {
                config.setRefreshAheadFraction(Double.parseDouble(value));
            }
        },
        EXCEPTION_RETRY_DELAY_BASE("exceptionRetryDelayBase", "SMKIT_CACHE_EXCEPTION_RETRY_DELAY_BASE") {
            @Override
            void set(SecretCacheConfiguration config, String value) {
                config.setExceptionRetryDelayBase(parseMillis(value));
            }
        },
        EXCEPTION_RETRY_GROWTH_FACTOR("exceptionRetryGrowthFactor", "SMKIT_CACHE_EXCEPTION_RETRY_GROWTH_FACTOR") {
            @Override
            void set(SecretCacheConfiguration config, String value) {
                config.setExceptionRetryGrowthFactor(Double.parseDouble(value));
            }
        },
        EXCEPTION_RETRY_DELAY_MAX("exceptionRetryDelayMax", "SMKIT_CACHE_EXCEPTION_RETRY_DELAY_MAX") {
            @Override
            void set(SecretCacheConfiguration config, String value) {
                config.setExceptionRetryDelayMax(parseMillis(value));
            }
        },
        FORCED_REFRESH_MIN_INTERVAL("forcedRefreshMinInterval", "SMKIT_CACHE_FORCED_REFRESH_MIN_INTERVAL") {
            @Override
            void set(SecretCacheConfiguration config, String value) {
                config.setForcedRefreshMinInterval(parseMillis(value));
            }
        },
        FORCE_REFRESH_JITTER_MILLIS("forceRefreshJitterMillis", "SMKIT_CACHE_FORCE_REFRESH_JITTER_MILLIS") {
            @Override
            void set(SecretCacheConfiguration config, String value) {
                config.setForceRefreshJitterMillis(parseMillis(value));
            }
        },
        POST_QUANTUM_TLS_ENABLED("postQuantumTlsEnabled", "SMKIT_CACHE_POST_QUANTUM_TLS_ENABLED") {
            @Override
            void set(SecretCacheConfiguration config, String value) {
                config.setPostQuantumTlsEnabled(parseBoolean(field, value));
            }
        },
        STRICT_CLOSE("strictClose", "SMKIT_CACHE_STRICT_CLOSE") {
            @Override
            void set(SecretCacheConfiguration config, String value) {
                config.setStrictClose(parseBoolean(field, value));
            }
        },
        FAILOVER_REGIONS("failoverRegions", "SMKIT_CACHE_FAILOVER_REGIONS") {
            @Override
            void set(SecretCacheConfiguration config, String value) {
                List<String> regions = new ArrayList<>();
                for (String region : value.split(",")) {
                    if (!region.trim().isEmpty()) {
                        regions.add(region.trim());
                    }
                }
                config.setFailoverRegions(regions);
            }
        },
        FAILOVER_TO_REPORTED_REPLICAS("failoverToReportedReplicas", "SMKIT_CACHE_FAILOVER_TO_REPORTED_REPLICAS") {
            @Override
            void set(SecretCacheConfiguration config, String value) {
                config.setFailoverToReportedReplicas(parseBoolean(field, value));
            }
        };

        static final List<Key> ALL = Collections.unmodifiableList(Arrays.asList(values()));

        final String field;
        final String property;
        final String environment;

        Key(String field, String environment) {
            this.field = field;
            this.property = PROPERTY_PREFIX + field;
            this.environment = environment;
        }

        abstract void set(SecretCacheConfiguration config, String value);

        void apply(SecretCacheConfiguration config, String source, String value) {
            try {
                set(config, value.trim());
            } catch (NumberFormatException | DateTimeParseException e) {
                throw new SecretCacheConfigurationException(field, source + " has an unreadable value \"" + value + '"',
                        e);
            } catch (IllegalArgumentException e) {
                throw new SecretCacheConfigurationException(field, source + ": " + e.getMessage(), e);
            }
        }
    }

    private static long parseMillis(String value) {
        if (!value.isEmpty() && (value.charAt(0) == 'P' || value.charAt(0) == 'p')) {
            return Duration.parse(value).toMillis();
        }
        return Long.parseLong(value);
    }

    private static boolean parseBoolean(String field, String value) {
        if ("true".equalsIgnoreCase(value)) {
            return true;
        }
        if ("false".equalsIgnoreCase(value)) {
            return false;
        }
        throw invalid(field, '"' + value + '"', "must be true or false");
    }

    private static long millis(String field, Duration duration) {
        if (duration == null) {
            throw invalid(field, null, "must not be null");
        }
        return duration.toMillis();
    }

    private static SecretCacheConfigurationException invalid(String field, Object value, String rule) {
        return new SecretCacheConfigurationException(field, field + " " + rule + ", got " + value, null);
    }

    @Override
    public String toString() {
        return "SecretCacheConfiguration{maxCacheSize=" + maxCacheSize + ", cacheItemTTL=" + cacheItemTTL
                + ", versionStage=" + versionStage + ", refreshAheadFraction=" + refreshAheadFraction
                + ", exceptionRetryDelayBase=" + exceptionRetryDelayBase + ", exceptionRetryGrowthFactor="
                + exceptionRetryGrowthFactor + ", exceptionRetryDelayMax=" + exceptionRetryDelayMax
                + ", forcedRefreshMinInterval=" + forcedRefreshMinInterval + ", forceRefreshJitterMillis="
                + forceRefreshJitterMillis + ", postQuantumTlsEnabled=" + postQuantumTlsEnabled + ", strictClose="
                + strictClose + ", failoverRegions=" + failoverRegions + ", failoverToReportedReplicas="
                + failoverToReportedReplicas + ", regionClients=" + regionClients.keySet()
                + ", customClient=" + (client != null)
                + ", hook=" + (cacheHook != null) + '}';
    }
}
