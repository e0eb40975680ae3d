package dev.smkit.reliability.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import dev.smkit.reliability.support.Canary;
import dev.smkit.reliability.support.SharedEmulator;
import java.util.Arrays;
import java.util.Properties;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** Bad secret IDs and configuration values for SecretCache: each fails with a typed exception naming the culprit. */
class CacheBadInputTest {

    static SecretCache cache;

    @BeforeAll
    static void cache() {
        cache = new SecretCache(SharedEmulator.get().client());
    }

    @AfterAll
    static void close() {
        cache.close();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                row("null secret ID", () -> cache.getSecretString(null), IllegalArgumentException.class, "secretId"),
                row("empty secret ID", () -> cache.getSecretString(""), IllegalArgumentException.class, "secretId"),
                row("blank secret ID", () -> cache.getSecretVersion("  \t"), IllegalArgumentException.class, "secretId"),
                row("oversized secret ID (2049)", () -> cache.getSecretString("a".repeat(2049)),
                        SecretsManagerException.class, "(?s).*'secretId'.*2048.*"),
                row("non-ASCII secret ID", () -> cache.getSecretString("prod/d\u00e4t\u00e4/\u5bc6\u7801"),
                        SecretsManagerException.class, "(?s)Invalid name.*"),
                row("secret ID with a NUL", () -> cache.getSecretString("prod\u0000db"),
                        SecretsManagerException.class, "(?s)Invalid name.*"),
                row("unknown secret ID", () -> cache.getSecretString("badinput/cache/never-created"),
                        ResourceNotFoundException.class, "(?s).*can't find the specified secret.*"),
                row("null stage", () -> cache.getSecretString("x", null), IllegalArgumentException.class, "versionStage"),
                row("blank version ID", () -> cache.getSecretVersionById("x", " "), IllegalArgumentException.class,
                        "versionId"),
                row("null listener", () -> cache.addChangeListener(null), IllegalArgumentException.class, "listener"),
                row("null prefetch list", () -> cache.prefetch(null), IllegalArgumentException.class, "secretIds"),
                row("null in prefetch list", () -> cache.prefetch(Arrays.asList("a", null)),
                        IllegalArgumentException.class, "secretIds"),
                row("maxCacheSize 0", () -> new SecretCacheConfiguration().withMaxCacheSize(0),
                        IllegalArgumentException.class, "(?s).*maxCacheSize.*0.*"),
                row("cacheItemTTL negative", () -> new SecretCacheConfiguration().withCacheItemTTL(-5),
                        IllegalArgumentException.class, "(?s).*cacheItemTTL.*-5.*"),
                row("blank versionStage", () -> new SecretCacheConfiguration().withVersionStage(" "),
                        IllegalArgumentException.class, "(?s).*versionStage.*"),
                row("refreshAheadFraction 1", () -> new SecretCacheConfiguration().withRefreshAheadFraction(1),
                        IllegalArgumentException.class, "(?s).*refreshAheadFraction.*1.*"),
                row("refreshAheadFraction NaN", () -> new SecretCacheConfiguration().withRefreshAheadFraction(Double.NaN),
                        IllegalArgumentException.class, "(?s).*refreshAheadFraction.*NaN.*"),
                row("exceptionRetryDelayBase 0", () -> new SecretCacheConfiguration().withExceptionRetryDelayBase(0),
                        IllegalArgumentException.class, "(?s).*exceptionRetryDelayBase.*0.*"),
                row("exceptionRetryGrowthFactor 0.5",
                        () -> new SecretCacheConfiguration().withExceptionRetryGrowthFactor(0.5),
                        IllegalArgumentException.class, "(?s).*exceptionRetryGrowthFactor.*0.5.*"),
                row("exceptionRetryDelayMax 0", () -> new SecretCacheConfiguration().withExceptionRetryDelayMax(0),
                        IllegalArgumentException.class, "(?s).*exceptionRetryDelayMax.*0.*"),
                row("forceRefreshJitterMillis -1", () -> new SecretCacheConfiguration().withForceRefreshJitterMillis(-1),
                        IllegalArgumentException.class, "(?s).*[Jj]itter.*"),
                row("forcedRefreshMinInterval -1", () -> new SecretCacheConfiguration().withForcedRefreshMinInterval(-1),
                        IllegalArgumentException.class, "(?s).*forcedRefreshMinInterval.*-1.*"),
                row("unreadable property", () -> SecretCacheConfiguration.fromProperties(
                        properties("smkit.cache.maxCacheSize", "lots")), IllegalArgumentException.class,
                        "(?s).*smkit.cache.maxCacheSize.*lots.*"),
                row("unreadable duration property", () -> SecretCacheConfiguration.fromProperties(
                        properties("smkit.cache.cacheItemTTL", "PT-bad")), IllegalArgumentException.class,
                        "(?s).*smkit.cache.cacheItemTTL.*PT-bad.*"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsWithATypedExceptionNamingTheCulprit(String name, ThrowingCallable call,
                                                   Class<? extends Throwable> type, String messagePattern) {
        Throwable thrown = Canary.assertAbsent(catchThrowable(call));
        assertThat(thrown).as(name).isInstanceOf(type);
        if (messagePattern.startsWith("(?s)")) {
            assertThat(thrown.getMessage()).as(name).matches(messagePattern);
        } else {
            assertThat(thrown.getMessage()).as(name).contains(messagePattern);
        }
    }

    static Arguments row(String name, ThrowingCallable call, Class<? extends Throwable> type, String message) {
        return Arguments.of(name, call, type, message);
    }

    static Properties properties(String key, String value) {
        Properties properties = new Properties();
        properties.setProperty(key, value);
        return properties;
    }
}
