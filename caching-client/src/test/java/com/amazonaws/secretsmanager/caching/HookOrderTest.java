package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.smkit.emulator.InjectedError;
import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * The order of the hook's {@code put} calls, which hooks written for the AWS caching client may depend on: the
 * DescribeSecret result first, after every successful DescribeSecret, then the GetSecretValue result of a version not
 * cached yet.
 */
class HookOrderTest extends EmulatorTest {

    /** A hook as users write them: records the type of what it is given, stores it as is. */
    static final class OrderRecordingHook implements SecretCacheHook {
        final List<String> puts = new ArrayList<>();

        @Override
        public synchronized Object put(Object o) {
            puts.add(o instanceof DescribeSecretResponse ? "DescribeSecret"
                    : o instanceof GetSecretValueResponse ? "GetSecretValue" : o.getClass().getName());
            return o;
        }

        @Override
        public Object get(Object cachedObject) {
            return cachedObject;
        }

        synchronized List<String> puts() {
            return new ArrayList<>(puts);
        }
    }

    @Test
    void describeSecretIsPutBeforeGetSecretValueAfterEverySuccessfulDescribeSecret() throws Exception {
        createSecret("db", "v1");
        OrderRecordingHook hook = new OrderRecordingHook();
        SecretCache cache = new SecretCache(new SecretCacheConfiguration().withClient(client).withCacheHook(hook)
                .withForceRefreshJitterMillis(0));
        try {
            assertThat(cache.getSecretString("db")).isEqualTo("v1");
            assertThat(hook.puts()).containsExactly("DescribeSecret", "GetSecretValue");

            assertThat(cache.refreshNow("db")).isTrue();           // same version: nothing new to fetch
            assertThat(hook.puts()).containsExactly("DescribeSecret", "GetSecretValue", "DescribeSecret");

            putValue("db", "v2");
            emulator.faults().failNext("GetSecretValue", 1, InjectedError.internalServiceError());
            assertThat(cache.refreshNow("db")).as("DescribeSecret succeeded, GetSecretValue failed").isFalse();
            assertThat(hook.puts()).containsExactly("DescribeSecret", "GetSecretValue", "DescribeSecret",
                    "DescribeSecret");
        } finally {
            cache.close();
        }
    }

    @Test
    void aFailedDescribeSecretPutsNothing() {
        createSecret("db", "v1");
        OrderRecordingHook hook = new OrderRecordingHook();
        SecretCache cache = new SecretCache(new SecretCacheConfiguration().withClient(client).withCacheHook(hook));
        try {
            emulator.faults().failNext("DescribeSecret", 1, InjectedError.internalServiceError());

            assertThat(catchThrowable(() -> cache.getSecretString("db"))).isNotNull();
            assertThat(hook.puts()).isEmpty();
        } finally {
            cache.close();
        }
    }
}
