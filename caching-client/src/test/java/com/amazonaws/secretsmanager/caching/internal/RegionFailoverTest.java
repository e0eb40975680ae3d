package com.amazonaws.secretsmanager.caching.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.secretsmanager.model.InternalServiceErrorException;
import software.amazon.awssdk.services.secretsmanager.model.InvalidParameterException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

class RegionFailoverTest {

    @Test
    void anArnGetsTheReplicaRegionAndANameStaysAsIs() {
        assertThat(RegionFailover.idIn("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-AbCdEf",
                "us-west-2")).isEqualTo("arn:aws:secretsmanager:us-west-2:123456789012:secret:app/db-AbCdEf");
        assertThat(RegionFailover.idIn("arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db", "eu-west-1"))
                .as("a partial ARN").isEqualTo("arn:aws:secretsmanager:eu-west-1:123456789012:secret:app/db");
        assertThat(RegionFailover.idIn("arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:a:b-AbCdEf",
                "cn-northwest-1")).isEqualTo("arn:aws-cn:secretsmanager:cn-northwest-1:123456789012:secret:a:b-AbCdEf");
        assertThat(RegionFailover.idIn("app/db", "us-west-2")).isEqualTo("app/db");
        assertThat(RegionFailover.idIn("arn:broken", "us-west-2")).isEqualTo("arn:broken");
    }

    @Test
    void outagesAreTheRegionsFailuresNotTheSecrets() {
        assertThat(RegionFailover.isOutage(SdkClientException.create("connection reset"))).isTrue();
        assertThat(RegionFailover.isOutage(ApiCallTimeoutException.create(5000))).isTrue();
        assertThat(RegionFailover.isOutage(service(InternalServiceErrorException.builder(), 500, "InternalFailure")))
                .isTrue();
        assertThat(RegionFailover.isOutage(service(SecretsManagerException.builder(), 503, "ServiceUnavailable")))
                .isTrue();
        assertThat(RegionFailover.isOutage(service(SecretsManagerException.builder(), 400, "ThrottlingException")))
                .isTrue();
        assertThat(RegionFailover.isOutage(service(ResourceNotFoundException.builder(), 400,
                "ResourceNotFoundException"))).isFalse();
        assertThat(RegionFailover.isOutage(service(SecretsManagerException.builder(), 400, "AccessDeniedException")))
                .isFalse();
        assertThat(RegionFailover.isOutage(service(InvalidParameterException.builder(), 400,
                "InvalidParameterException"))).isFalse();
        assertThat(RegionFailover.isOutage(new IllegalStateException("closed"))).isFalse();
    }

    private static RuntimeException service(SecretsManagerException.Builder builder, int status, String code) {
        return builder.statusCode(status).awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build())
                .message(code).build();
    }
}
