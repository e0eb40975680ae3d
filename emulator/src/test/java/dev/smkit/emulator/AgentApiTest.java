package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;

/** The Secrets Manager Agent protocol on the second port, over plain HTTP. */
class AgentApiTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static SecretsManagerEmulator emulator;
    private static String v1;
    private static String v2;

    @BeforeAll
    static void start() {
        emulator = SecretsManagerEmulator.builder().agentPort(0).agentToken("tok").start();
        v1 = emulator.client().createSecret(r -> r.name("app/db").secretString("one")).versionId();
        v2 = emulator.client().putSecretValue(r -> r.secretId("app/db").secretString("two")).versionId();
        emulator.client().createSecret(r -> r.name("blob").secretBinary(SdkBytes.fromByteArray(new byte[] {1, 2})));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    private static HttpResponse<String> get(String pathAndQuery, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.agentEndpoint() + pathAndQuery));
        if (token != null) {
            request.header("X-Aws-Parameters-Secrets-Token", token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void queryStyleReturnsTheAgentsJson() throws Exception {
        HttpResponse<String> response = get("/secretsmanager/get?secretId=app%2Fdb", "tok");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"ARN\":\"arn:aws:secretsmanager:us-east-1:000000000000:secret:app/db-")
                .contains("\"Name\":\"app/db\"").contains("\"VersionId\":\"" + v2 + "\"")
                .contains("\"SecretString\":\"two\"").contains("\"VersionStages\":[\"AWSCURRENT\"]")
                .contains("\"CreatedDate\":");
        assertThat(emulator.callCount("GetSecretValue")).isZero(); // not an API call
    }

    @Test
    void pathStyleWithVersionStageVersionIdAndRefreshNow() throws Exception {
        assertThat(get("/v1/app/db?versionStage=AWSPREVIOUS", "tok").body()).contains("\"SecretString\":\"one\"");
        assertThat(get("/v1/app/db?versionId=" + v1, "tok").body()).contains("\"SecretString\":\"one\"");
        assertThat(get("/secretsmanager/get?secretId=app/db&refreshNow=true", "tok").body())
                .contains("\"SecretString\":\"two\"");
        assertThat(get("/v1/blob", "tok").body()).contains("\"SecretBinary\":\"AQI=\"");
    }

    @Test
    void tokenIsRequired() throws Exception {
        HttpResponse<String> missing = get("/secretsmanager/get?secretId=app/db", null);
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.body()).isEqualTo("Bad Token");
        assertThat(get("/v1/app/db", "wrong").statusCode()).isEqualTo(403);
        HttpResponse<String> ping = get("/ping", null);
        assertThat(ping.statusCode()).isEqualTo(200);
        assertThat(ping.body()).isEqualTo("healthy");
        HttpResponse<String> forwarded = HTTP.send(HttpRequest.newBuilder(URI.create(emulator.agentEndpoint()
                + "/v1/app/db")).header("X-Aws-Parameters-Secrets-Token", "tok").header("X-Forwarded-For", "1.2.3.4")
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forwarded.statusCode()).isEqualTo(400);
    }

    @Test
    void errorsAnswerAsTheAgentDoes() throws Exception {
        HttpResponse<String> notFound = get("/secretsmanager/get?secretId=nope", "tok");
        assertThat(notFound.statusCode()).isEqualTo(400);
        assertThat(notFound.body()).contains("ResourceNotFoundException");
        assertThat(get("/secretsmanager/get", "tok").body()).isEqualTo("missing parameter secretId");
        assertThat(get("/secretsmanager/get?secretId=a&bogus=1", "tok").body()).isEqualTo("unknown parameter: bogus");
        assertThat(get("/secretsmanager/get?secretId=a&refreshNow=maybe", "tok").body())
                .isEqualTo("invalid refreshNow value");
        assertThat(get("/v1/", "tok").body()).isEqualTo("missing secret ID");
        assertThat(get("/elsewhere", "tok").statusCode()).isEqualTo(404);
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(emulator.agentEndpoint() + "/v1/app/db"))
                .header("X-Aws-Parameters-Secrets-Token", "tok").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
    }
}
