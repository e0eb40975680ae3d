package com.amazonaws.secretsmanager.sql.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.regions.Region;

/** The drivers' settings, resolved from {@link SettingSources} and validated. Immutable. */
public final class DriverSettings {

    /** Every key of ours starts with this; such connection properties never reach the real driver. */
    public static final String PREFIX = "drivers.";

    /** Where a key may come from: see {@link ConnectionSettings} and the module README's table. */
    public enum Scope {
        /** Also as a connection property: it only bounds how long one connect tries or how fresh its read is. */
        CONNECTION,
        /** Process-level only, unless the process lists it in {@code drivers.allowPerConnection}. */
        OPT_IN,
        /** Process-level only, always: it can load classes, pick the engine or decide what is trusted. */
        PROCESS
    }

    /** The keys with their environment variables, defaults and scopes. */
    public enum Key {
        REGION("drivers.region", "AWS_SECRET_JDBC_REGION", null, Scope.OPT_IN),
        VPC_ENDPOINT_URL("drivers.vpcEndpointUrl", "SMKIT_JDBC_VPC_ENDPOINT_URL", null, Scope.OPT_IN),
        VPC_ENDPOINT_REGION("drivers.vpcEndpointRegion", "SMKIT_JDBC_VPC_ENDPOINT_REGION", null, Scope.OPT_IN),
        ENDPOINT_OVERRIDE("drivers.endpointOverride", "SMKIT_JDBC_ENDPOINT_OVERRIDE", null, Scope.OPT_IN),
        CACHE_TTL_MILLIS("drivers.cache.ttlMillis", "SMKIT_JDBC_CACHE_TTL_MILLIS", "3600000", Scope.CONNECTION),
        CACHE_MAX_SIZE("drivers.cache.maxSize", "SMKIT_JDBC_CACHE_MAX_SIZE", "1024", Scope.CONNECTION),
        RETRY_MAX_ATTEMPTS("drivers.retry.maxAttempts", "SMKIT_JDBC_RETRY_MAX_ATTEMPTS", "6", Scope.CONNECTION),
        RETRY_MAX_DURATION_MILLIS("drivers.retry.maxDurationMillis", "SMKIT_JDBC_RETRY_MAX_DURATION_MILLIS", "10000",
                Scope.CONNECTION),
        RETRY_CHECK_SPREAD_MILLIS("drivers.retry.checkSpreadMillis", "SMKIT_JDBC_RETRY_CHECK_SPREAD_MILLIS", "0",
                Scope.CONNECTION),
        USERNAME_KEY("drivers.secret.usernameKey", "SMKIT_JDBC_USERNAME_KEY", "username", Scope.OPT_IN),
        PASSWORD_KEY("drivers.secret.passwordKey", "SMKIT_JDBC_PASSWORD_KEY", "password", Scope.OPT_IN),
        FAILOVER_REGIONS("drivers.failoverRegions", "SMKIT_JDBC_FAILOVER_REGIONS", null, Scope.PROCESS),
        FAILOVER_TO_REPORTED_REPLICAS("drivers.failoverToReportedReplicas", "SMKIT_JDBC_FAILOVER_TO_REPORTED_REPLICAS",
                "false", Scope.PROCESS),
        ENGINE("drivers.engine", "SMKIT_JDBC_ENGINE", null, Scope.PROCESS),
        ALLOW_PER_CONNECTION("drivers.allowPerConnection", "SMKIT_JDBC_ALLOW_PER_CONNECTION", null, Scope.PROCESS);

        private final String property;
        private final String environmentVariable;
        private final String defaultValue;
        private final Scope scope;

        Key(String property, String environmentVariable, String defaultValue, Scope scope) {
            this.property = property;
            this.environmentVariable = environmentVariable;
            this.defaultValue = defaultValue;
            this.scope = scope;
        }

        public String property() {
            return property;
        }

        public String environmentVariable() {
            return environmentVariable;
        }

        public String defaultValue() {
            return defaultValue;
        }

        public Scope scope() {
            return scope;
        }

        /** The key named {@code property}, or null (realDriverClass keys are per engine: see {@link #isRealDriverClassKey}). */
        public static Key forProperty(String property) {
            for (Key key : values()) {
                if (key.property.equals(property)) {
                    return key;
                }
            }
            return null;
        }
    }

    private final String region;
    private final URI endpoint;
    private final URI failoverEndpoint;
    private final List<String> failoverRegions;
    private final boolean failoverToReportedReplicas;
    private final long cacheTtlMillis;
    private final int cacheMaxSize;
    private final int retryMaxAttempts;
    private final long retryMaxDurationMillis;
    private final long retryCheckSpreadMillis;
    private final String usernameKey;
    private final String passwordKey;
    private final Map<Engine, String> realDriverClasses;
    private final Engine engine;

    private DriverSettings(SettingSources sources) {
        URI endpointOverride = uri(sources, Key.ENDPOINT_OVERRIDE);
        URI vpcEndpoint = uri(sources, Key.VPC_ENDPOINT_URL);
        String vpcRegion = text(sources, Key.VPC_ENDPOINT_REGION);
        if ((vpcEndpoint == null) != (vpcRegion == null)) {
            throw new IllegalArgumentException(Key.VPC_ENDPOINT_URL.property + " and " + Key.VPC_ENDPOINT_REGION.property
                    + " must be set together, but only " + (vpcEndpoint == null ? Key.VPC_ENDPOINT_REGION.property
                    : Key.VPC_ENDPOINT_URL.property) + " is set");
        }
        // The VPC endpoint pair decides the region as it did in the AWS drivers; an explicit region still wins
        // over the endpoint override, which only redirects traffic.
        this.region = vpcRegion != null ? vpcRegion : text(sources, Key.REGION);
        this.endpoint = endpointOverride != null ? endpointOverride : vpcEndpoint;
        // An endpoint override (a proxy, an emulator) serves every region, told apart by the signing region; a VPC
        // endpoint serves its own region only, so failover regions use their regional endpoints.
        this.failoverEndpoint = endpointOverride;
        this.failoverRegions = regionList(sources, Key.FAILOVER_REGIONS);
        this.failoverToReportedReplicas = bool(sources, Key.FAILOVER_TO_REPORTED_REPLICAS);
        if (failoverToReportedReplicas && endpointOverride != null) {
            // The reported regions are known only at run time, and the cache would build their clients for the
            // regional endpoints, past the override.
            throw new IllegalArgumentException(Key.FAILOVER_TO_REPORTED_REPLICAS.property + " cannot be combined with "
                    + Key.ENDPOINT_OVERRIDE.property + ": replica regions reported at run time would not go through "
                    + "the override; list the regions in " + Key.FAILOVER_REGIONS.property + " instead");
        }
        this.cacheTtlMillis = positiveLong(sources, Key.CACHE_TTL_MILLIS);
        this.cacheMaxSize = (int) Math.min(Integer.MAX_VALUE, positiveLong(sources, Key.CACHE_MAX_SIZE));
        this.retryMaxAttempts = (int) Math.min(Integer.MAX_VALUE, positiveLong(sources, Key.RETRY_MAX_ATTEMPTS));
        this.retryMaxDurationMillis = positiveLong(sources, Key.RETRY_MAX_DURATION_MILLIS);
        this.retryCheckSpreadMillis = wholeNumber(sources, Key.RETRY_CHECK_SPREAD_MILLIS);
        this.usernameKey = text(sources, Key.USERNAME_KEY);
        this.passwordKey = text(sources, Key.PASSWORD_KEY);
        Map<Engine, String> classes = new EnumMap<Engine, String>(Engine.class);
        for (Engine engine : Engine.values()) {
            SettingSources.Value value = sources.lookup(realDriverClassKey(engine),
                    "SMKIT_JDBC_" + engine.subprotocol().toUpperCase(Locale.ROOT) + "_REAL_DRIVER_CLASS", false);
            if (value != null) {
                classes.put(engine, value.text);
            }
        }
        this.realDriverClasses = Collections.unmodifiableMap(classes);
        String engineName = text(sources, Key.ENGINE);
        this.engine = engineName == null ? null : Engine.forName(engineName);
        if (engineName != null && engine == null) {
            throw new IllegalArgumentException(Key.ENGINE.property + " must name an engine (a secret engine value such as "
                    + "postgres or mysql, or a subprotocol), but " + sources.lookup(Key.ENGINE.property,
                    Key.ENGINE.environmentVariable, false).source + " is '" + engineName + "'");
        }
    }

    /** @throws IllegalArgumentException naming the key, its source and the bad value */
    public static DriverSettings from(SettingSources sources) {
        return new DriverSettings(sources);
    }

    public static String realDriverClassKey(Engine engine) {
        return PREFIX + engine.subprotocol() + ".realDriverClass";
    }

    /** Whether {@code property} is some engine's {@code drivers.<subprotocol>.realDriverClass} key. */
    public static boolean isRealDriverClassKey(String property) {
        for (Engine engine : Engine.values()) {
            if (realDriverClassKey(engine).equals(property)) {
                return true;
            }
        }
        return false;
    }

    /** The configured region, or null to use the secret ARN's region or the SDK's default region chain. */
    public String region() {
        return region;
    }

    /** The endpoint override, or null for the SDK's regional endpoint. */
    public URI endpoint() {
        return endpoint;
    }

    /** The endpoint of the failover regions' clients (with their own signing region), or null for their regional ones. */
    public URI failoverEndpoint() {
        return failoverEndpoint;
    }

    /** Regions to read secrets from, in this order, when the primary region is out; empty for none. */
    public List<String> failoverRegions() {
        return failoverRegions;
    }

    /** Whether the replica regions DescribeSecret reports are failover regions too (after {@link #failoverRegions}). */
    public boolean failoverToReportedReplicas() {
        return failoverToReportedReplicas;
    }

    public long cacheTtlMillis() {
        return cacheTtlMillis;
    }

    public int cacheMaxSize() {
        return cacheMaxSize;
    }

    public int retryMaxAttempts() {
        return retryMaxAttempts;
    }

    public long retryMaxDurationMillis() {
        return retryMaxDurationMillis;
    }

    /** The window over which a fleet's processes spread their first check after a rejected login; 0 for none. */
    public long retryCheckSpreadMillis() {
        return retryCheckSpreadMillis;
    }

    public String usernameKey() {
        return usernameKey;
    }

    public String passwordKey() {
        return passwordKey;
    }

    /** The engine configured for secrets without an {@code engine} key ({@code drivers.engine}), or null. */
    public Engine engine() {
        return engine;
    }

    /** The configured real driver class, or null for the engine's defaults. */
    public String realDriverClass(Engine engine) {
        return realDriverClasses.get(engine);
    }

    private static String text(SettingSources sources, Key key) {
        SettingSources.Value value = sources.lookup(key.property, key.environmentVariable, key == Key.REGION);
        return value != null ? value.text : key.defaultValue;
    }

    /** A comma-separated list of region names the SDK knows, each once; empty when absent. */
    private static List<String> regionList(SettingSources sources, Key key) {
        SettingSources.Value value = sources.lookup(key.property, key.environmentVariable, false);
        if (value == null) {
            return Collections.emptyList();
        }
        Set<String> known = new HashSet<String>();
        for (Region region : Region.regions()) {
            known.add(region.id());
        }
        List<String> regions = new ArrayList<String>();
        for (String entry : value.text.split(",", -1)) {
            String region = entry.trim();
            String problem = region.isEmpty() ? "has an empty entry"
                    : !known.contains(region) ? "names '" + region + "', a region the AWS SDK does not know"
                    : regions.contains(region) ? "lists " + region + " twice" : null;
            if (problem != null) {
                throw new IllegalArgumentException(key.property + " must be a comma-separated list of region names "
                        + "such as us-west-2,eu-west-1, each once, but " + value.source + " is '" + value.text + "', "
                        + "which " + problem);
            }
            regions.add(region);
        }
        return Collections.unmodifiableList(regions);
    }

    private static boolean bool(SettingSources sources, Key key) {
        SettingSources.Value value = sources.lookup(key.property, key.environmentVariable, false);
        String text = value != null ? value.text : key.defaultValue;
        if ("true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text)) {
            return Boolean.parseBoolean(text);
        }
        throw new IllegalArgumentException(key.property + " must be true or false, but " + value.source + " is '"
                + text + "'");
    }

    private static URI uri(SettingSources sources, Key key) {
        SettingSources.Value value = sources.lookup(key.property, key.environmentVariable, false);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value.text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new URISyntaxException(value.text, "expected an absolute URL such as https://host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(key.property + " must be an absolute URL such as https://host, but "
                    + value.source + " is '" + value.text + "'", e);
        }
    }

    private static long positiveLong(SettingSources sources, Key key) {
        return parsedLong(sources, key, 1, "a positive whole number");
    }

    private static long wholeNumber(SettingSources sources, Key key) {
        return parsedLong(sources, key, 0, "a whole number, 0 or more");
    }

    private static long parsedLong(SettingSources sources, Key key, long least, String expected) {
        SettingSources.Value value = sources.lookup(key.property, key.environmentVariable, false);
        if (value == null) {
            return Long.parseLong(key.defaultValue);
        }
        try {
            long parsed = Long.parseLong(value.text);
            if (parsed >= least) {
                return parsed;
            }
        } catch (NumberFormatException ignored) {
            // reported below with the source
        }
        throw new IllegalArgumentException(key.property + " must be " + expected + ", but " + value.source
                + " is '" + value.text + "'");
    }

    @Override
    public String toString() {
        return "DriverSettings{region=" + region + ", endpoint=" + endpoint + ", failoverRegions=" + failoverRegions
                + ", failoverToReportedReplicas=" + failoverToReportedReplicas + ", cacheTtlMillis=" + cacheTtlMillis
                + ", cacheMaxSize=" + cacheMaxSize + ", retryMaxAttempts=" + retryMaxAttempts
                + ", retryMaxDurationMillis=" + retryMaxDurationMillis + ", retryCheckSpreadMillis="
                + retryCheckSpreadMillis + ", usernameKey=" + usernameKey
                + ", passwordKey=" + passwordKey + ", realDriverClasses=" + realDriverClasses + ", engine=" + engine + '}';
    }
}
