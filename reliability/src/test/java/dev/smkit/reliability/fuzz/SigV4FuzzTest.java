package dev.smkit.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.reliability.support.RawHttp;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * SigV4 verification, over raw HTTP: a GetSecretValue request signed by the SDK's signer, then one header or the body
 * replaced by fuzzer data. The emulator answers 200 or an AWS error with status 400, never a 500; and a request whose
 * signature, signed body, date or target was changed is never answered 200.
 */
class SigV4FuzzTest {

    private static final List<String> HEADERS = List.of("Authorization", "X-Amz-Date", "x-amz-content-sha256",
            "X-Amz-Target", "Content-Type", "X-Amz-Security-Token");
    private static final String BODY = "{\"SecretId\":\"fuzz/existing\"}";
    private static SecretsManagerEmulator emulator;

    @BeforeAll
    static void emulator() {
        emulator = SecretsManagerEmulator.start();
        emulator.client().createSecret(r -> r.name("fuzz/existing").secretString("{\"a\":1}"));
    }

    @AfterAll
    static void close() {
        emulator.close();
    }

    @FuzzTest(maxDuration = "20s")
    void tamperedRequest(FuzzedDataProvider data) {
        allowOnlyTheEmulator();
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>(RawHttp.signedHeaders(emulator.endpoint(),
                RawHttp.jsonHeaders("GetSecretValue"), body, emulator.accessKeyId(), emulator.secretAccessKey(),
                emulator.region(), Clock.systemUTC()));
        String header = data.pickValue(HEADERS);
        boolean tamperBody = data.consumeBoolean();
        String original = headers.get(header);
        boolean signatureOnly = header.equals("Authorization") && data.consumeBoolean();
        String replacement = data.consumeString(300);
        if (signatureOnly) {
            replacement = original.replaceAll("Signature=.*",
                    java.util.regex.Matcher.quoteReplacement("Signature=" + replacement));
        }
        headers.put(header, replacement);
        if (tamperBody) {
            body = data.consumeRemainingAsBytes();
        }

        RawHttp.Response response = RawHttp.send(emulator.endpoint(), "POST", headers, body);

        assertThat(response.status).as("%s=%s: %s", header, replacement, response).isIn(200, 400);
        if (response.status == 400) {
            assertThat(response.errorCode()).as(response.toString()).isNotBlank();
        }
        boolean changedSignedPart = tamperBody && !new String(body, StandardCharsets.UTF_8).equals(BODY)
                || !replacement.trim().equals(original) && (signatureOnly || header.equals("X-Amz-Date")
                || header.equals("x-amz-content-sha256") || header.equals("X-Amz-Target"));
        if (changedSignedPart) {
            assertThat(response.status).as("forged %s=%s accepted", header, replacement).isEqualTo(400);
        }
    }

    /**
     * Jazzer's SSRF detector flags every socket; the emulator is the one destination allowed. Set on every run: the
     * setting does not survive from the seed replay into fuzzing, and {@code @BeforeAll} runs before the agent.
     */
    private static void allowOnlyTheEmulator() {
        BugDetectors.allowNetworkConnections((host, port) -> port == emulator.port());
    }
}
