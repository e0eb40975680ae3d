package dev.smkit.reliability.badinput;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.reliability.support.Canary;
import dev.smkit.reliability.support.RawHttp;
import dev.smkit.reliability.support.SharedEmulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad requests to the emulator over raw HTTP: each gets HTTP 400 with the AWS error code AWS would send, never a 500.
 * Requests start signed by the SDK's SigV4 signer; each row then breaks one thing.
 */
class EmulatorBadInputTest {

    static final String SECRET = "badinput/emulator/secret";
    static final String GET_BODY = "{\"SecretId\":\"" + SECRET + "\"}";

    @BeforeAll
    static void secret() {
        SharedEmulator.get().client().createSecret(r -> r.name(SECRET).secretString(Canary.credentials("app")));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                row("malformed JSON", "GetSecretValue", "{\"SecretId\":", same(), "SerializationException"),
                row("JSON array body", "GetSecretValue", "[\"" + SECRET + "\"]", same(), "SerializationException"),
                row("wrong member type", "GetSecretValue", "{\"SecretId\":5}", same(), "SerializationException"),
                row("canary in malformed JSON", "CreateSecret", "{\"Name\":\"x\",\"SecretString\":\"" + Canary.next(),
                        same(), "SerializationException"),
                row("wrong Content-Type", "GetSecretValue", GET_BODY, resign(h -> h.put("Content-Type", "text/plain")),
                        "SerializationException"),
                row("missing X-Amz-Target", "GetSecretValue", GET_BODY, resign(h -> h.remove("X-Amz-Target")),
                        "UnknownOperationException"),
                row("unknown operation", "FrobnicateSecret", GET_BODY, same(), "UnknownOperationException"),
                row("oversized body (300 KiB)", "CreateSecret", "{\"Name\":\"big\",\"SecretString\":\""
                        + "x".repeat(300 * 1024) + "\"}", same(), "ValidationException"),
                row("name too long", "GetSecretValue", "{\"SecretId\":\"" + "n".repeat(2049) + "\"}", same(),
                        "ValidationException"),
                row("no Authorization", "GetSecretValue", GET_BODY, tamper(h -> h.remove("Authorization")),
                        "MissingAuthenticationTokenException"),
                row("other algorithm", "GetSecretValue", GET_BODY,
                        tamper(h -> h.put("Authorization", "Bearer abc")), "IncompleteSignatureException"),
                row("Authorization without Signature", "GetSecretValue", GET_BODY,
                        tamper(h -> h.put("Authorization", h.get("Authorization").replaceAll(", ?Signature=[0-9a-f]+", ""))),
                        "IncompleteSignatureException"),
                row("short credential scope", "GetSecretValue", GET_BODY,
                        tamper(h -> h.put("Authorization", h.get("Authorization").replace("/secretsmanager/aws4_request", ""))),
                        "IncompleteSignatureException"),
                row("unknown access key", "GetSecretValue", GET_BODY, signedAs("AKIDUNKNOWN", "test", Duration.ZERO),
                        "UnrecognizedClientException"),
                row("wrong secret key", "GetSecretValue", GET_BODY,
                        signedAs(SharedEmulator.get().accessKeyId(), "wrong", Duration.ZERO), "InvalidSignatureException"),
                row("clock 10 minutes fast", "GetSecretValue", GET_BODY,
                        signedAs(SharedEmulator.get().accessKeyId(), SharedEmulator.get().secretAccessKey(),
                                Duration.ofMinutes(10)), "InvalidSignatureException"),
                row("wrong service in scope", "GetSecretValue", GET_BODY,
                        tamper(h -> h.put("Authorization", h.get("Authorization").replace("/secretsmanager/", "/kms/"))),
                        "InvalidSignatureException"),
                row("wrong terminator", "GetSecretValue", GET_BODY,
                        tamper(h -> h.put("Authorization", h.get("Authorization").replace("aws4_request", "aws5_request"))),
                        "InvalidSignatureException"),
                row("scope date differs from X-Amz-Date", "GetSecretValue", GET_BODY,
                        tamper(h -> h.put("Authorization", h.get("Authorization").replaceFirst("/\\d{8}/", "/20200101/"))),
                        "InvalidSignatureException"),
                row("missing X-Amz-Date", "GetSecretValue", GET_BODY, tamper(h -> h.remove("X-Amz-Date")),
                        "IncompleteSignatureException"),
                row("signature altered", "GetSecretValue", GET_BODY,
                        tamper(h -> h.put("Authorization", flipFirstSignatureDigit(h.get("Authorization")))),
                        "InvalidSignatureException"),
                row("signed header changed", "GetSecretValue", GET_BODY,
                        tamper(h -> h.put("X-Amz-Target", "secretsmanager.DescribeSecret")), "InvalidSignatureException"),
                row("content hash header does not match", "GetSecretValue", GET_BODY,
                        tamper(h -> h.put("x-amz-content-sha256", "0".repeat(64))), "InvalidSignatureException"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersWithTheAwsErrorNeverA500(String name, String operation, String body, Request request,
                                         String expectedCode) {
        URI endpoint = SharedEmulator.get().endpoint();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        RawHttp.Response response = request.send(endpoint, operation, bytes);

        assertThat(response.status).as("%s: %s", name, response).isEqualTo(400);
        assertThat(response.errorCode()).as("%s: %s", name, response).isEqualTo(expectedCode);
        assertThat(response.message()).as("%s: %s", name, response).isNotBlank();
        Canary.assertAbsent("response to " + name, response.body);
    }

    @Test
    void whitespaceOnlyBodyIsNotAServerError() {
        byte[] body = "  \n".getBytes(StandardCharsets.UTF_8);
        RawHttp.Response response = RawHttp.send(SharedEmulator.get().endpoint(), "POST",
                signed("DescribeSecret", body), body);
        assertThat(response.status).as(response.toString()).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("methods")
    void otherMethodsAreUnknownOperations(String method) {
        Map<String, String> headers = signed("GetSecretValue", new byte[0]);
        RawHttp.Response response = RawHttp.send(SharedEmulator.get().endpoint(), method, headers, new byte[0]);
        assertThat(response.status).as(response.toString()).isEqualTo(400);
        assertThat(response.errorCode()).isEqualTo("UnknownOperationException");
    }

    static Stream<String> methods() {
        return Stream.of("GET", "PUT", "DELETE");
    }

    /** How a row turns its body into a request. */
    interface Request {
        RawHttp.Response send(URI endpoint, String operation, byte[] body);
    }

    static Arguments row(String name, String operation, String body, Request request, String expectedCode) {
        return Arguments.of(name, operation, body, request, expectedCode);
    }

    static Request same() {
        return (endpoint, operation, body) -> RawHttp.send(endpoint, "POST", signed(operation, body), body);
    }

    /** Changes headers before signing (the signature is valid for what is sent). */
    static Request resign(java.util.function.Consumer<Map<String, String>> change) {
        return (endpoint, operation, body) -> {
            Map<String, String> headers = RawHttp.jsonHeaders(operation);
            change.accept(headers);
            return RawHttp.send(endpoint, "POST", sign(headers, body, SharedEmulator.get().accessKeyId(),
                    SharedEmulator.get().secretAccessKey(), Duration.ZERO), body);
        };
    }

    /** Changes headers after signing. */
    static Request tamper(java.util.function.Consumer<Map<String, String>> change) {
        return (endpoint, operation, body) -> {
            Map<String, String> headers = signed(operation, body);
            change.accept(headers);
            return RawHttp.send(endpoint, "POST", headers, body);
        };
    }

    /** Changes the signature's first hex digit; always a change (writing a fixed digit left 1 in 16 intact). */
    static String flipFirstSignatureDigit(String authorization) {
        int at = authorization.indexOf("Signature=") + "Signature=".length();
        char flipped = authorization.charAt(at) == '0' ? '1' : '0';
        return authorization.substring(0, at) + flipped + authorization.substring(at + 1);
    }

    static Request signedAs(String accessKey, String secretKey, Duration skew) {
        return (endpoint, operation, body) -> RawHttp.send(endpoint, "POST",
                sign(RawHttp.jsonHeaders(operation), body, accessKey, secretKey, skew), body);
    }

    static Map<String, String> signed(String operation, byte[] body) {
        return sign(RawHttp.jsonHeaders(operation), body, SharedEmulator.get().accessKeyId(),
                SharedEmulator.get().secretAccessKey(), Duration.ZERO);
    }

    static Map<String, String> sign(Map<String, String> headers, byte[] body, String accessKey, String secretKey,
                                    Duration skew) {
        SecretsManagerEmulator emulator = SharedEmulator.get();
        return new LinkedHashMap<>(RawHttp.signedHeaders(emulator.endpoint(), headers, body, accessKey, secretKey,
                emulator.region(), Clock.offset(Clock.systemUTC(), skew)));
    }
}
