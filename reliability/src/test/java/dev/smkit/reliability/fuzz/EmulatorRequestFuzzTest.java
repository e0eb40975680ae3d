package dev.smkit.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.smkit.emulator.SecretsManagerEmulator;
import dev.smkit.reliability.support.RawHttp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The emulator's request parsing, over raw HTTP: any operation name, Content-Type and body. Signatures are not
 * checked here (SigV4FuzzTest covers them) so every input reaches the parser. The answer is always 200 or an AWS
 * error with status 400 and a JSON body; never a 500, a dropped connection or a hang.
 */
class EmulatorRequestFuzzTest {

    private static final List<String> OPERATIONS = List.of("CreateSecret", "GetSecretValue", "DescribeSecret",
            "BatchGetSecretValue", "PutSecretValue", "UpdateSecret", "UpdateSecretVersionStage", "ListSecrets",
            "ListSecretVersionIds", "DeleteSecret", "RestoreSecret", "RotateSecret", "TagResource", "UntagResource",
            "GetRandomPassword");
    private static final List<String> CONTENT_TYPES = List.of("application/x-amz-json-1.1", "application/json",
            "text/plain", "");
    private static SecretsManagerEmulator emulator;
    private static int requests;

    @BeforeAll
    static void emulator() {
        emulator = SecretsManagerEmulator.builder().verifySignatures(false).start();
        emulator.client().createSecret(r -> r.name("fuzz/existing").secretString("{\"a\":1}"));
    }

    @AfterAll
    static void close() {
        emulator.close();
    }

    @FuzzTest(maxDuration = "20s")
    void anyRequest(FuzzedDataProvider data) {
        allowOnlyTheEmulator();
        if (++requests % 5_000 == 0) {
            emulator.reset(); // bound the store: fuzzed CreateSecret calls succeed too
        }
        String operation = data.consumeBoolean() ? data.pickValue(OPERATIONS) : data.consumeString(40);
        String contentType = data.consumeBoolean() ? data.pickValue(CONTENT_TYPES) : data.consumeString(40);
        byte[] body = data.consumeRemainingAsBytes();
        Map<String, String> headers = Map.of("Content-Type", contentType, "X-Amz-Target", "secretsmanager." + operation);
        RawHttp.Response response = RawHttp.send(emulator.endpoint(), "POST", headers, body);
        assertThat(response.status).as("%s %s", operation, response).isIn(200, 400);
        if (response.status == 400) {
            assertThat(response.errorCode()).as(response.toString()).isNotBlank();
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
