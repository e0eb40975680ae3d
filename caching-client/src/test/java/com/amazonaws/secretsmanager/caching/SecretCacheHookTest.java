package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

class SecretCacheHookTest extends EmulatorTest {

    /** Stores each object inside an opaque box, as an encrypting hook would, and records what it saw. */
    static final class BoxingHook implements SecretCacheHook {
        final List<Object> put = new CopyOnWriteArrayList<>();
        final List<Object> got = new CopyOnWriteArrayList<>();

        static final class Box {
            final Object content;

            Box(Object content) {
                this.content = content;
            }
        }

        @Override
        public Object put(Object o) {
            put.add(o);
            return new Box(o);
        }

        @Override
        public Object get(Object cachedObject) {
            Object content = ((Box) cachedObject).content;
            got.add(content);
            return content;
        }
    }

    @Test
    void theHookSeesTheSdkResponsesAndTheCacheOnlyKeepsWhatItReturned() {
        createSecret("db", "v1");
        BoxingHook hook = new BoxingHook();
        SecretCache cache = cache(config().withCacheHook(hook));

        for (int i = 0; i < 20; i++) {
            assertThat(cache.getSecretString("db")).isEqualTo("v1");
        }

        assertThat(hook.put).hasSize(2);
        assertThat(hook.put).hasAtLeastOneElementOfType(DescribeSecretResponse.class);
        assertThat(hook.put).hasAtLeastOneElementOfType(GetSecretValueResponse.class);
        assertThat(hook.got).hasSize(20).allMatch(o -> o instanceof GetSecretValueResponse);
    }

    @Test
    void metadataAndOtherStagesGoThroughTheHookToo() {
        createSecret("db", "v1");
        putValueWithStage("db", "next", "AWSPENDING");
        BoxingHook hook = new BoxingHook();
        SecretCache cache = cache(config().withCacheHook(hook));

        assertThat(cache.getSecretMetadata("db").getName()).isEqualTo("db");
        assertThat(cache.getSecretString("db", "AWSPENDING")).isEqualTo("next");
        assertThat(cache.getSecretVersion("db").getSecretString()).isEqualTo("v1");

        assertThat(hook.put).hasSize(3);
        assertThat(hook.got).hasAtLeastOneElementOfType(DescribeSecretResponse.class);
    }
}
