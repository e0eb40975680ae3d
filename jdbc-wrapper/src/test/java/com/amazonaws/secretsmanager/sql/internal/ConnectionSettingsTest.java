package com.amazonaws.secretsmanager.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.sql.SQLException;
import java.util.Collections;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Which drivers.* keys a connection may set: the README's table, key by key. */
class ConnectionSettingsTest {

    private static Properties props(String... keyValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            properties.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return properties;
    }

    /** Process-level configuration as a secretsmanager.properties file (no system properties, no environment). */
    private static SettingSources process(String... keyValues) {
        return new SettingSources(null, props(keyValues), null, Collections.<String, String>emptyMap());
    }

    static Stream<Arguments> allowedPerConnection() {
        return Stream.of(
                Arguments.of("drivers.retry.maxAttempts", "2", (Function<DriverSettings, Object>) DriverSettings::retryMaxAttempts, 2),
                Arguments.of("drivers.retry.maxDurationMillis", "1500", (Function<DriverSettings, Object>) DriverSettings::retryMaxDurationMillis, 1500L),
                Arguments.of("drivers.retry.checkSpreadMillis", "2000", (Function<DriverSettings, Object>) DriverSettings::retryCheckSpreadMillis, 2000L),
                Arguments.of("drivers.cache.ttlMillis", "60000", (Function<DriverSettings, Object>) DriverSettings::cacheTtlMillis, 60000L),
                Arguments.of("drivers.cache.maxSize", "7", (Function<DriverSettings, Object>) DriverSettings::cacheMaxSize, 7));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allowedPerConnection")
    void allowedKeysApplyPerConnectionOverProcessLevel(String key, String value, Function<DriverSettings, Object> read,
                                                       Object expected) throws SQLException {
        DriverSettings settings = ConnectionSettings.of(props(key, value), process(key, "99"));
        assertThat(read.apply(settings)).isEqualTo(expected);
    }

    static Stream<String> refusedPerConnection() {
        Stream<String> keys = Stream.of("drivers.region", "drivers.vpcEndpointUrl", "drivers.vpcEndpointRegion",
                "drivers.endpointOverride", "drivers.secret.usernameKey", "drivers.secret.passwordKey",
                "drivers.engine", "drivers.allowPerConnection", "drivers.failoverRegions",
                "drivers.failoverToReportedReplicas");
        Stream<String> realDrivers = Stream.of(Engine.values()).map(DriverSettings::realDriverClassKey);
        return Stream.concat(keys, realDrivers);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedPerConnection")
    void refusedKeysFailTheConnectNamingTheKey(String key) {
        assertThatThrownBy(() -> ConnectionSettings.of(props(key, "x", "user", "db/app"), process()))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageContaining("Connection property " + key + " is not accepted per connection")
                .hasMessageContaining("secretsmanager.properties");
        // in a defaults layer too (some frameworks pass Properties built that way)
        assertThatThrownBy(() -> ConnectionSettings.of(new Properties(props(key, "x")), process()))
                .hasMessageContaining(key);
    }

    @Test
    void everyKeyIsInExactlyOneOfTheTwoTables() {
        long keys = Stream.of(DriverSettings.Key.values()).count() + Engine.values().length;
        assertThat(allowedPerConnection().count() + refusedPerConnection().count()).isEqualTo(keys);
    }

    @Test
    void theProcessMayOptInToLocationAndFieldKeys() throws SQLException {
        SettingSources optedIn = process("drivers.allowPerConnection",
                " drivers.region , drivers.endpointOverride,drivers.secret.usernameKey");
        DriverSettings settings = ConnectionSettings.of(props("drivers.region", "eu-west-3",
                "drivers.endpointOverride", "http://127.0.0.1:4566", "drivers.secret.usernameKey", "login"), optedIn);
        assertThat(settings.region()).isEqualTo("eu-west-3");
        assertThat(settings.endpoint()).isEqualTo(URI.create("http://127.0.0.1:4566"));
        assertThat(settings.usernameKey()).isEqualTo("login");
        // what is not listed stays refused, and the message says how to opt in
        assertThatThrownBy(() -> ConnectionSettings.of(props("drivers.secret.passwordKey", "pw"), optedIn))
                .hasMessageContaining("drivers.secret.passwordKey")
                .hasMessageContaining("unless the process lists it in drivers.allowPerConnection");
    }

    @Test
    void processOnlyKeysCannotBeOptedIn() {
        for (String key : new String[] {"drivers.engine", "drivers.allowPerConnection", "drivers.mysql.realDriverClass",
                "drivers.failoverRegions", "drivers.failoverToReportedReplicas", "drivers.no.such.key"}) {
            assertThatThrownBy(() -> ConnectionSettings.of(null, process("drivers.allowPerConnection", key)))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                    .hasMessageContaining("drivers.allowPerConnection")
                    .hasMessageContaining("'" + key + "'");
        }
    }

    @Test
    void refusedKeysNeverReachARealDriverClassLookupAndAreNotOptInAble() {
        assertThatThrownBy(() -> ConnectionSettings.of(props("drivers.postgresql.realDriverClass", "x.Y"), process()))
                .hasMessageContaining("can load classes")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("unless the process lists it"));
    }

    @Test
    void failoverKeysAreProcessLevelOnlyAndSayWhy() throws SQLException {
        // a valid value is refused per connection too: a connection must not pick where its credentials come from
        assertThatThrownBy(() -> ConnectionSettings.of(props("drivers.failoverRegions", "us-west-2"), process()))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageContaining("decides which regions credentials come from")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("unless the process lists it"));
        DriverSettings settings = ConnectionSettings.of(null, process("drivers.failoverRegions", "us-west-2,eu-west-1",
                "drivers.failoverToReportedReplicas", "true"));
        assertThat(settings.failoverRegions()).containsExactly("us-west-2", "eu-west-1");
        assertThat(settings.failoverToReportedReplicas()).isTrue();
        assertThatThrownBy(() -> ConnectionSettings.of(null, process("drivers.failoverRegions", "us-west-9")))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageContaining("drivers.failoverRegions").hasMessageContaining("'us-west-9'");
    }

    @Test
    void blankAndUnknownKeysAreIgnoredAndOtherPropertiesUntouched() throws SQLException {
        DriverSettings settings = ConnectionSettings.of(props("drivers.region", " ", "drivers.someday", "x",
                "sslmode", "require", "user", "db/app"), process("drivers.region", "eu-north-1"));
        assertThat(settings.region()).isEqualTo("eu-north-1");
    }

    @Test
    void processLevelKeysStillWorkAndTheEngineKeyIsValidated() throws SQLException {
        DriverSettings settings = ConnectionSettings.of(null, process("drivers.region", "eu-north-1",
                "drivers.engine", "postgres", "drivers.secret.passwordKey", "pw"));
        assertThat(settings.region()).isEqualTo("eu-north-1");
        assertThat(settings.engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(settings.passwordKey()).isEqualTo("pw");
        assertThat(ConnectionSettings.of(null, process("drivers.engine", "sqlserver")).engine())
                .isEqualTo(Engine.SQLSERVER);
        assertThatThrownBy(() -> ConnectionSettings.of(null, process("drivers.engine", "mongo")))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageContaining("drivers.engine").hasMessageContaining("'mongo'");
    }
}
