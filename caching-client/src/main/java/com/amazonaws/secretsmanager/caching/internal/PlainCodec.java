package com.amazonaws.secretsmanager.caching.internal;

import java.util.function.BiFunction;

import com.amazonaws.secretsmanager.caching.SecretVersion;

import software.amazon.awssdk.services.secretsmanager.model.DescribeSecretResponse;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/** No hook: versions are kept as immutable {@link SecretVersion}s, so a read returns the kept object itself. */
final class PlainCodec extends ValueCodec {

    PlainCodec(BiFunction<String, GetSecretValueResponse, SecretVersion> versions) {
        super(versions);
    }

    @Override
    public Object encodeVersion(String secretId, GetSecretValueResponse response) {
        return versions.apply(secretId, response);
    }

    @Override
    public SecretVersion decodeVersion(String secretId, Object stored) {
        return (SecretVersion) stored;
    }

    @Override
    public Object encodeDescribe(DescribeSecretResponse response) {
        return response;
    }

    @Override
    public DescribeSecretResponse decodeDescribe(String secretId, Object stored) {
        return (DescribeSecretResponse) stored;
    }

    @Override
    public SecretVersion readable(Object stored) {
        return (SecretVersion) stored;
    }
}
