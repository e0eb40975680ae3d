package com.amazonaws.secretsmanager.sql.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

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
        return "DriverSettings{region=" + region + ", endpoint=" + endpoint + ", cacheTtlMillis=" + cacheTtlMillis
                + ", cacheMaxSize=" + cacheMaxSize + ", retryMaxAttempts=" + retryMaxAttempts
                + ", retryMaxDurationMillis=" + retryMaxDurationMillis + ", retryCheckSpreadMillis="
                + retryCheckSpreadMillis + ", usernameKey=" + usernameKey
                + ", passwordKey=" + passwordKey + ", realDriverClasses=" + realDriverClasses + ", engine=" + engine + '}';
    }
}
