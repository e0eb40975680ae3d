package com.amazonaws.secretsmanager.caching.internal;

import java.util.function.BiFunction;

import com.amazonaws.secretsmanager.caching.SecretCacheHook;
import com.amazonaws.secretsmanager.caching.SecretVersion;

import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * How API responses are kept in memory and turned back into what callers get: {@link PlainCodec} without a hook,
 * {@link HookCodec} through a {@link SecretCacheHook}.
 */
public abstract class ValueCodec {

    /** Builds the public version type; passed in because its factory is not public. */
    final BiFunction<String, GetSecretValueResponse, SecretVersion> versions;

    ValueCodec(BiFunction<String, GetSecretValueResponse, SecretVersion> versions) {
        this.versions = versions;
    }

    /** The codec for {@code hook}, or the plain one if it is null. */
    public static ValueCodec of(SecretCacheHook hook, BiFunction<String, GetSecretValueResponse, SecretVersion> versions) {
        return hook == null ? new PlainCodec(versions) : new HookCodec(hook, versions);
    }

    /** What to keep for a fetched version. */
    public abstract Object encodeVersion(String secretId, GetSecretValueResponse response);

    /** The version a kept object stands for. */
    public abstract SecretVersion decodeVersion(String secretId, Object stored);

    /** What to keep for a DescribeSecret result. */
    public abstract Object encodeDescribe(DescribeSecretResponse response);

    /** The DescribeSecret result a kept object stands for. */
    public abstract DescribeSecretResponse decodeDescribe(String secretId, Object stored);

    /** The kept version itself if the read path may return it without decoding, else null. */
    public abstract SecretVersion readable(Object stored);
}
