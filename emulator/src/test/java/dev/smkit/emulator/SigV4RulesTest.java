package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Requests signed by hand, to reach the rules the SDK always satisfies. */
class SigV4RulesTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static SecretsManagerEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = SecretsManagerEmulator.start();
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    /** A signed ListSecrets; {@code signHost} false leaves host out of SignedHeaders. */
    private static HttpResponse<String> send(String rawQuery, String canonicalQuery, boolean signHost, String scopeDate)
            throws Exception {
        String amzDate = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        String date = scopeDate == null ? amzDate.substring(0, 8) : scopeDate;
        String body = "{}";
        String host = "127.0.0.1:" + emulator.port();
        Map<String, String> signed = new TreeMap<>();
        signed.put("content-type", "application/x-amz-json-1.1");
        signed.put("x-amz-date", amzDate);
        signed.put("x-amz-target", "secretsmanager.ListSecrets");
        if (signHost) {
            signed.put("host", host);
        }
        StringBuilder headers = new StringBuilder();
        signed.forEach((k, v) -> headers.append(k).append(':').append(v).append('\n'));
        String signedHeaders = String.join(";", signed.keySet());
        String canonical = "POST\n/\n" + canonicalQuery + "\n" + headers + "\n" + signedHeaders + "\n" + hex(sha(body));
        String scope = date + "/us-east-1/secretsmanager/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + scope + "\n" + hex(sha(canonical));
        byte[] key = hmac(("AWS4test").getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, "us-east-1");
        key = hmac(key, "secretsmanager");
        key = hmac(key, "aws4_request");
        String authorization = "AWS4-HMAC-SHA256 Credential=test/" + scope + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + hex(hmac(key, toSign));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + "/" + (rawQuery.isEmpty() ? ""
                : "?" + rawQuery))).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Date", amzDate)
                .header("X-Amz-Target", "secretsmanager.ListSecrets").header("Authorization", authorization).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void correctlySignedRequestPasses() throws Exception {
        assertThat(send("", "", true, null).statusCode()).isEqualTo(200);
    }

    @Test
    void hostMustBeSigned() throws Exception {
        HttpResponse<String> response = send("", "", false, null);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("IncompleteSignatureException").contains("Host");
    }

    @Test
    void scopeDateMustBeEightDigitsMatchingXAmzDate() throws Exception {
        String today = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd"));
        HttpResponse<String> prefix = send("", "", true, today.substring(0, 6));
        assertThat(prefix.statusCode()).isEqualTo(400);
        assertThat(prefix.body()).contains("InvalidSignatureException").contains("Credential scope");
    }

    @Test
    void queryStringIsCanonicalisedAsRfc3986Requires() throws Exception {
        // Lower-case escapes and an unreserved character sent escaped: canonical form decodes and re-encodes, then sorts.
        HttpResponse<String> response = send("b=%7e&a=x%2ay&a=1", "a=1&a=x%2Ay&b=~", true, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static byte[] sha(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        StringBuilder result = new StringBuilder();
        for (byte b : bytes) {
            result.append(String.format("%02x", b & 0xff));
        }
        return result.toString();
    }
}
