package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.retries.DefaultRetryStrategy;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.InternalServiceErrorException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

/** Each control route over plain HTTP (java.net.http), as a Python, Node or Go suite would call it. */
class ControlApiTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static SecretsManagerEmulator emulator;
    private static SecretsManagerClient client;

    @BeforeAll
    static void start() {
        emulator = SecretsManagerEmulator.start();
        client = emulator.clientBuilder().overrideConfiguration(o -> o.retryStrategy(DefaultRetryStrategy.doNotRetry()))
                .build();
    }

    @AfterAll
    static void stop() {
        client.close();
        emulator.close();
    }

    @BeforeEach
    void reset() {
        emulator.reset();
    }

    static HttpResponse<String> call(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(emulator.endpoint() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void health() throws Exception {
        HttpResponse<String> response = call("GET", "/_smkit/health", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"ok\"").contains("ReplicateSecretToRegions")
                .contains("us-east-1");
    }

    @Test
    void resetEmptiesTheStore() throws Exception {
        client.createSecret(r -> r.name("gone").secretString("v"));
        assertThat(call("POST", "/_smkit/reset", null).statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("gone")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void callCountersReadAndReset() throws Exception {
        client.listSecrets();
        client.listSecrets();
        HttpResponse<String> calls = call("GET", "/_smkit/calls", null);
        assertThat(calls.body()).isEqualTo("{\"ListSecrets\":2}");
        assertThat(call("DELETE", "/_smkit/calls", null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/_smkit/calls", null).body()).isEqualTo("{}");
    }

    @Test
    void injectAndClearFaultsPerOperation() throws Exception {
        client.createSecret(r -> r.name("s").secretString("v"));
        assertThat(call("POST", "/_smkit/faults", "{\"type\":\"error\",\"operation\":\"GetSecretValue\",\"times\":1}")
                .statusCode()).isEqualTo(200);
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("s")))
                .isInstanceOf(InternalServiceErrorException.class);
        assertThat(client.getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("v");

        call("POST", "/_smkit/faults", "{\"type\":\"error\",\"operation\":\"GetSecretValue\",\"times\":5,"
                + "\"code\":\"ThrottlingException\"}");
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("s")))
                .isInstanceOfSatisfying(SecretsManagerException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException"));
        assertThat(call("DELETE", "/_smkit/faults", null).statusCode()).isEqualTo(200);
        assertThat(client.getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("v");

        call("POST", "/_smkit/faults", "{\"type\":\"reset\",\"operation\":\"GetSecretValue\"}");
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("s"))).isInstanceOf(SdkClientException.class);

        call("POST", "/_smkit/faults", "{\"type\":\"latency\",\"operation\":\"DescribeSecret\",\"millis\":200}");
        long start = System.nanoTime();
        client.describeSecret(r -> r.secretId("s"));
        assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(200);
    }

    @Test
    void injectAndClearFaultsPerRegion() throws Exception {
        SecretsManagerClient eu = emulator.client("eu-west-1");
        eu.createSecret(r -> r.name("s").secretString("eu"));
        client.createSecret(r -> r.name("s").secretString("us"));
        call("POST", "/_smkit/faults", "{\"type\":\"unreachable\",\"region\":\"us-east-1\"}");
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("s"))).isInstanceOf(SdkClientException.class);
        assertThat(eu.getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("eu");
        assertThat(call("DELETE", "/_smkit/faults?region=us-east-1", null).statusCode()).isEqualTo(200);
        assertThat(client.getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("us");
        call("POST", "/_smkit/faults", "{\"type\":\"failing\",\"region\":\"us-east-1\",\"code\":\"InternalServiceError\"}");
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("s")))
                .isInstanceOf(InternalServiceErrorException.class);
        call("DELETE", "/_smkit/faults", null);
        client.createSecret(r -> r.name("replicated").secretString("v1")
                .addReplicaRegions(b -> b.region("eu-west-1")));
        call("POST", "/_smkit/faults", "{\"type\":\"holdReplication\",\"region\":\"eu-west-1\"}");
        client.putSecretValue(r -> r.secretId("replicated").secretString("v2"));
        assertThat(eu.getSecretValue(r -> r.secretId("replicated")).secretString()).isEqualTo("v1");
        call("DELETE", "/_smkit/faults?region=eu-west-1", null);
        assertThat(eu.getSecretValue(r -> r.secretId("replicated")).secretString()).isEqualTo("v2");
        assertThat(call("GET", "/_smkit/calls?region=eu-west-1", null).body())
                .isEqualTo("{\"CreateSecret\":1,\"GetSecretValue\":3}");
        assertThat(call("POST", "/_smkit/faults", "{\"type\":\"unreachable\"}").statusCode()).isEqualTo(400);
        assertThat(call("POST", "/_smkit/faults", "{\"type\":\"sideways\"}").statusCode()).isEqualTo(400);
    }

    @Test
    void pauseAndResume() throws Exception {
        assertThat(call("POST", "/_smkit/faults/pause", null).statusCode()).isEqualTo(200);
        var held = java.util.concurrent.CompletableFuture.supplyAsync(() -> client.listSecrets().secretList().size());
        assertThat(held).isNotDone();
        assertThat(call("POST", "/_smkit/faults/resume", null).statusCode()).isEqualTo(200);
        assertThat(held.get(30, java.util.concurrent.TimeUnit.SECONDS)).isZero();
    }

    @Test
    void registerAScriptlessRotationAndWaitForIt() throws Exception {
        client.createSecret(r -> r.name("db").secretString("{\"username\":\"app\",\"password\":\"old\"}"));
        assertThat(call("POST", "/_smkit/rotations", "{\"secretId\":\"db\",\"promoteAfterSeconds\":0}").statusCode())
                .isEqualTo(200);
        String token = client.rotateSecret(r -> r.secretId("db")).versionId();
        HttpResponse<String> outcome = call("POST", "/_smkit/rotations/await",
                "{\"secretId\":\"db\",\"timeoutSeconds\":30}");
        assertThat(outcome.statusCode()).isEqualTo(200);
        assertThat(outcome.body()).contains("\"status\":\"SUCCEEDED\"").contains(token);
        String current = client.getSecretValue(r -> r.secretId("db")).secretString();
        assertThat(current).startsWith("{\"username\":\"app\",\"password\":\"").doesNotContain("old");
    }

    @Test
    void pendingValueAfterADelayAndTimeoutAnswers408() throws Exception {
        client.createSecret(r -> r.name("slow").secretString("v1"));
        call("POST", "/_smkit/rotations", "{\"secretId\":\"slow\",\"promoteAfterSeconds\":3600,\"pendingValue\":\"v2\"}");
        client.rotateSecret(r -> r.secretId("slow"));
        HttpResponse<String> timeout = call("POST", "/_smkit/rotations/await",
                "{\"secretId\":\"slow\",\"timeoutSeconds\":0.05}");
        assertThat(timeout.statusCode()).isEqualTo(408);
        assertThat(client.getSecretValue(r -> r.secretId("slow").versionStage("AWSPENDING")).secretString())
                .isEqualTo("v2");
        client.cancelRotateSecret(r -> r.secretId("slow"));
        assertThat(call("POST", "/_smkit/rotations/await", "{\"secretId\":\"slow\"}").body())
                .contains("CANCELLED");
    }

    @Test
    void failStepAndErrors() throws Exception {
        client.createSecret(r -> r.name("f").secretString("v1"));
        call("POST", "/_smkit/rotations", "{\"secretId\":\"f\",\"failStep\":\"testSecret\"}");
        client.rotateSecret(r -> r.secretId("f"));
        assertThat(call("POST", "/_smkit/rotations/await", "{\"secretId\":\"f\"}").body())
                .contains("\"status\":\"FAILED\"").contains("\"failedStep\":\"testSecret\"");
        assertThat(call("POST", "/_smkit/rotations/await", "{\"secretId\":\"never\"}").statusCode()).isEqualTo(404);
        assertThat(call("POST", "/_smkit/rotations/run-due", null).body()).isEqualTo("{\"started\":0}");
        assertThat(call("GET", "/_smkit/nope", null).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/_smkit/reset", null).statusCode()).isEqualTo(405);
        assertThat(call("POST", "/_smkit/rotations", "{bad").statusCode()).isEqualTo(400);
    }

    @Test
    void controlRequestsAreNotApiCallsAndAwsPathsAreUntouched() throws Exception {
        call("GET", "/_smkit/health", null);
        assertThat(emulator.callCounts()).isEmpty();
        assertThat(RawHttp.json(emulator.endpoint(), "ListSecrets", "{}").body()).contains("MissingAuthenticationToken");
    }
}
