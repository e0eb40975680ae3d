package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerException;

class SignatureTest {

    private static void assertRejectedOnce(SecretsManagerEmulator emulator, SecretsManagerClient client, String code) {
        emulator.resetCallCounts();
        assertThatThrownBy(() -> client.getSecretValue(r -> r.secretId("s")))
                .isInstanceOfSatisfying(SecretsManagerException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.numAttempts()).isEqualTo(1);
                });
        assertThat(emulator.callCount("GetSecretValue")).isEqualTo(1);
    }

    private static SecretsManagerClient clientWith(SecretsManagerEmulator emulator, String accessKey, String secretKey) {
        return emulator.clientBuilder()
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .build();
    }

    @Test
    void goodSignaturesOfEveryConfiguredPairAreAccepted() {
        try (SecretsManagerEmulator emulator = SecretsManagerEmulator.builder()
                .credentials("AKIDFIRST", "first-secret").credentials("AKIDSECOND", "second-secret").start();
             SecretsManagerClient second = clientWith(emulator, "AKIDSECOND", "second-secret");
             SecretsManagerClient defaultPair = clientWith(emulator, "test", "test")) {
            assertThat(emulator.accessKeyId()).isEqualTo("AKIDFIRST");
            emulator.client().createSecret(r -> r.name("s").secretString("v"));
            assertThat(second.getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("v");
            // configuring pairs replaces the default test/test
            assertRejectedOnce(emulator, defaultPair, "UnrecognizedClientException");
        }
    }

    @Test
    void wrongSecretKeyIsInvalidSignatureInOneAttempt() {
        try (SecretsManagerEmulator emulator = SecretsManagerEmulator.start();
             SecretsManagerClient wrong = clientWith(emulator, "test", "not-the-key")) {
            emulator.client().createSecret(r -> r.name("s").secretString("v"));
            assertRejectedOnce(emulator, wrong, "InvalidSignatureException");
        }
    }

    @Test
    void unknownAccessKeyIsUnrecognizedClient() {
        try (SecretsManagerEmulator emulator = SecretsManagerEmulator.start();
             SecretsManagerClient unknown = clientWith(emulator, "AKIDUNKNOWN", "test")) {
            assertRejectedOnce(emulator, unknown, "UnrecognizedClientException");
        }
    }

    @Test
    void requestsSkewedMoreThanFiveMinutesAreRejected() {
        Clock ahead = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(10));
        Clock behind = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10));
        for (Clock clock : new Clock[] {ahead, behind}) {
            try (SecretsManagerEmulator emulator = SecretsManagerEmulator.builder().signingClock(clock).start()) {
                assertRejectedOnce(emulator, emulator.client(), "InvalidSignatureException");
            }
        }
        try (SecretsManagerEmulator emulator = SecretsManagerEmulator.builder()
                .signingClock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(3))).start()) {
            emulator.client().createSecret(r -> r.name("s").secretString("within the window"));
        }
    }

    @Test
    void tamperedBodyIsInvalidSignature() {
        try (SecretsManagerEmulator emulator = SecretsManagerEmulator.start();
             SecretsManagerClient tampering = emulator.clientBuilder()
                     .httpClient(new BodyTamperingHttpClient(UrlConnectionHttpClient.create())).build()) {
            emulator.client().createSecret(r -> r.name("s").secretString("v"));
            emulator.client().createSecret(r -> r.name("t").secretString("w"));
            assertRejectedOnce(emulator, tampering, "InvalidSignatureException");
        }
    }

    @Test
    void malformedOrMissingAuthorizationIsRejected() {
        try (SecretsManagerEmulator emulator = SecretsManagerEmulator.start()) {
            Map<String, String> headers = Map.of("X-Amz-Target", "secretsmanager.ListSecrets",
                    "Content-Type", "application/x-amz-json-1.1", "Authorization", "AWS4-HMAC-SHA256 Credential");
            HttpResponse<String> malformed = RawHttp.post(emulator.endpoint(), headers, "{}");
            assertThat(malformed.statusCode()).isEqualTo(400);
            assertThat(malformed.body()).contains("\"__type\":\"IncompleteSignatureException\"");
            assertThat(malformed.headers().firstValue("Date")).isPresent();

            HttpResponse<String> missing = RawHttp.json(emulator.endpoint(), "ListSecrets", "{}");
            assertThat(missing.statusCode()).isEqualTo(400);
            assertThat(missing.body()).contains("\"__type\":\"MissingAuthenticationTokenException\"");
        }
    }

    @Test
    void verificationCanBeSwitchedOff() {
        try (SecretsManagerEmulator emulator = SecretsManagerEmulator.builder().verifySignatures(false).start();
             SecretsManagerClient wrong = clientWith(emulator, "anyone", "anything")) {
            wrong.createSecret(r -> r.name("s").secretString("v"));
            assertThat(wrong.getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("v");
        }
    }

    @Test
    void sessionCredentialsAreAccepted() {
        try (SecretsManagerEmulator emulator = SecretsManagerEmulator.start();
             SecretsManagerClient session = emulator.clientBuilder().credentialsProvider(StaticCredentialsProvider.create(
                     AwsSessionCredentials.create("test", "test", "session-token"))).build()) {
            session.createSecret(r -> r.name("s").secretString("v"));
            assertThat(session.getSecretValue(r -> r.secretId("s")).secretString()).isEqualTo("v");
        }
    }

    /** Signs a raw request with the SDK's own signer, for scopes the SDK client would never produce. */
    private static HttpResponse<String> signedRaw(SecretsManagerEmulator emulator, String service, String body) {
        SdkHttpFullRequest request = SdkHttpFullRequest.builder().method(SdkHttpMethod.POST).uri(emulator.endpoint())
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "secretsmanager.ListSecrets")
                .putHeader("Host", emulator.endpoint().getHost() + ":" + emulator.port())
                .putHeader("Content-Length", String.valueOf(body.length())).build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsBasicCredentials.create("test", "test")).request(request)
                .payload(ContentStreamProvider.fromUtf8String(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1"));
        Map<String, String> headers = new java.util.HashMap<>();
        signed.request().forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                headers.put(name, String.join(",", values));
            }
        });
        return RawHttp.post(emulator.endpoint(), headers, body);
    }

    @Test
    void scopeMustNameSecretsManager() {
        try (SecretsManagerEmulator emulator = SecretsManagerEmulator.start()) {
            HttpResponse<String> ok = signedRaw(emulator, "secretsmanager", "{}");
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("\"SecretList\":[]");

            HttpResponse<String> wrongService = signedRaw(emulator, "s3", "{}");
            assertThat(wrongService.statusCode()).isEqualTo(400);
            assertThat(wrongService.body()).contains("\"__type\":\"InvalidSignatureException\"")
                    .contains("scoped to correct service");
        }
    }

    /** Rewrites the body after signing: secret id "s" becomes "t" (same length, so Content-Length still matches). */
    private static final class BodyTamperingHttpClient implements SdkHttpClient {
        private final SdkHttpClient delegate;

        BodyTamperingHttpClient(SdkHttpClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            byte[] tampered;
            try (InputStream body = request.contentStreamProvider().orElseThrow().newStream()) {
                tampered = new String(body.readAllBytes(), StandardCharsets.UTF_8)
                        .replace("\"SecretId\":\"s\"", "\"SecretId\":\"t\"").getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return delegate.prepareRequest(HttpExecuteRequest.builder().request(request.httpRequest())
                    .contentStreamProvider(() -> new ByteArrayInputStream(tampered)).build());
        }

        @Override
        public String clientName() {
            return "tampering";
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
