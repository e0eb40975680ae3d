package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.smkit.emulator.InjectedError;

/** Walks every failure path with a recognisable secret value and checks it never shows up in text we produce. */
class SecretValueCanaryTest extends EmulatorTest {

    private static final String CANARY = "CANARY-7f3a9c";
    private static final String SECRET = "{\"username\":\"app\",\"password\":\"" + CANARY + "\"}";

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger("com.amazonaws.secretsmanager.caching");
    private final List<String> texts = new ArrayList<>();

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
        logger.setLevel(Level.DEBUG);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    private void collect(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            texts.add(String.valueOf(t.getMessage()));
            texts.add(t.toString());
        }
    }

    @Test
    void noSecretValueInLogsExceptionsOrToStrings() throws Exception {
        String first = createSecret("db", SECRET);
        createSecret("other", CANARY);
        SecretCache cache = cache(config().withRefreshAheadFraction(0));
        cache.addChangeListener(event -> {
            throw new IllegalStateException("listener failed");
        });
        assertThat(cache.getSecretString("db")).isEqualTo(SECRET);

        // Stale serving after server errors, on the check and on the new version's fetch.
        emulator.faults().failNext("DescribeSecret", 1, InjectedError.internalServiceError());
        ticker.advance(hours(1));
        assertThat(cache.getSecretString("db")).isEqualTo(SECRET);
        putValue("db", SECRET + "2");
        emulator.faults().failNext("GetSecretValue", 1, InjectedError.throttling());
        ticker.advance(hours(1));
        assertThat(cache.getSecretString("db")).isEqualTo(SECRET);
        emulator.faults().failNext("DescribeSecret", 1, InjectedError.throttling());
        ticker.advance(Duration.ofMinutes(5));          // past the backoff, inside which refreshNow does not call
        assertThat(cache.refreshNow("db")).isFalse();
        ticker.advance(Duration.ofMinutes(5));
        assertThat(cache.refreshNow("db")).isTrue();    // listener throws here

        // Failures with no value to fall back on.
        collect(catchThrowable(() -> cache.getSecretString("missing")));
        emulator.faults().failNext("DescribeSecret", 1, InjectedError.internalServiceError());
        collect(catchThrowable(() -> cache.getSecretString("other")));
        collect(catchThrowable(() -> cache.getSecretVersion("db", "AWSPENDING").getSecretString()));
        collect(catchThrowable(() -> cache.getSecretVersionById("db", "no-such-version")));
        emulator.faults().failNext("DescribeSecret", 1, InjectedError.internalServiceError());
        ticker.advance(hours(2));
        collect(catchThrowable(() -> cache.refreshIfUnchanged("db", first)));
        emulator.faults().failNext("BatchGetSecretValue", 1, InjectedError.internalServiceError());
        texts.add(cache.prefetch(List.of("db", "missing")).toString());
        texts.add(cache.prefetch(List.of("db", "other", "missing")).toString());

        // A hook that breaks its contract.
        SecretCache hooked = cache(config().withCacheHook(new SecretCacheHook() {
            @Override
            public Object put(Object o) {
                return o;
            }

            @Override
            public Object get(Object cachedObject) {
                return String.valueOf(cachedObject);
            }
        }));
        collect(catchThrowable(() -> hooked.getSecretString("db")));
        SecretCache blue = cache(config().withVersionStage("BLUE"));
        collect(catchThrowable(() -> blue.getSecretVersion("db")));

        texts.add(cache.getSecretVersion("db").toString());
        texts.add(cache.getSecretMetadata("db").toString());
        texts.add(cache.stats().toString());
        texts.add(cache.toString());
        texts.add(config().toString());
        for (ILoggingEvent event : logs.list) {
            texts.add(event.getFormattedMessage());
            for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                texts.add(String.valueOf(t.getMessage()));
            }
        }

        assertThat(logs.list).as("the failure paths above were logged").anyMatch(e -> e.getLevel() == Level.WARN);
        assertThat(texts).hasSizeGreaterThan(20).noneMatch(text -> text.contains(CANARY));
    }
}
