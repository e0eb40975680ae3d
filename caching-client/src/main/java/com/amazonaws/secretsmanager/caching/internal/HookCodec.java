package com.amazonaws.secretsmanager.caching.internal;

import java.util.function.BiFunction;

import com.amazonaws.secretsmanager.caching.SecretCacheHook;
import com.amazonaws.secretsmanager.caching.SecretVersion;

import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * With a hook: the cache keeps only what {@link SecretCacheHook#put} returns for the SDK responses, and every read
 * asks {@link SecretCacheHook#get} for the response back and builds a new {@link SecretVersion} from it.
 */
final class HookCodec extends ValueCodec {

    private final SecretCacheHook hook;

    HookCodec(SecretCacheHook hook, BiFunction<String, GetSecretValueResponse, SecretVersion> versions) {
        super(versions);
        this.hook = hook;
    }

    @Override
    public Object encodeVersion(String secretId, GetSecretValueResponse response) {
        return hook.put(response);
    }

    @Override
    public SecretVersion decodeVersion(String secretId, Object stored) {
        Object original = hook.get(stored);
        if (!(original instanceof GetSecretValueResponse)) {
            throw new IllegalStateException("SecretCacheHook.get must return the GetSecretValueResponse given to put"
                    + " for secret " + secretId + ", got " + typeName(original));
        }
        return versions.apply(secretId, (GetSecretValueResponse) original);
    }

    @Override
    public Object encodeDescribe(DescribeSecretResponse response) {
        return hook.put(response);
    }

    @Override
    public DescribeSecretResponse decodeDescribe(String secretId, Object stored) {
        Object original = hook.get(stored);
        if (!(original instanceof DescribeSecretResponse)) {
            throw new IllegalStateException("SecretCacheHook.get must return the DescribeSecretResponse given to put"
                    + " for secret " + secretId + ", got " + typeName(original));
        }
        return (DescribeSecretResponse) original;
    }

    @Override
    public SecretVersion readable(Object stored) {
        return null;
    }

    private static String typeName(Object o) {
        return o == null ? "null" : o.getClass().getName();
    }
}
