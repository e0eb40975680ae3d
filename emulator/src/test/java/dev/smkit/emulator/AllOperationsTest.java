package dev.smkit.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.SecretsManagerRequest;

/** The SDK's service model is the source of truth for the operation list. */
class AllOperationsTest {

    /** Every operation of the model, read from the generated client: one method per XxxRequest. */
    static Set<String> modelOperations() {
        Set<String> operations = new TreeSet<>();
        for (Method method : SecretsManagerClient.class.getMethods()) {
            Class<?>[] parameters = method.getParameterTypes();
            if (parameters.length == 1 && SecretsManagerRequest.class.isAssignableFrom(parameters[0])
                    && parameters[0] != SecretsManagerRequest.class) {
                String request = parameters[0].getSimpleName();
                operations.add(request.substring(0, request.length() - "Request".length()));
            }
        }
        return operations;
    }

    @Test
    void everyOperationOfTheModelIsImplemented() {
        Set<String> model = modelOperations();
        assertThat(model).hasSizeGreaterThanOrEqualTo(23);
        // Fails when an SDK upgrade brings an operation the emulator does not implement.
        assertThat(SecretsManagerEmulator.supportedOperations()).containsExactlyInAnyOrderElementsOf(model);
    }

    @Test
    void noOperationAnswersUnknownOperation() {
        try (SecretsManagerEmulator emulator = SecretsManagerEmulator.builder().verifySignatures(false).start()) {
            for (String operation : modelOperations()) {
                var response = RawHttp.json(emulator.endpoint(), operation, "{}");
                assertThat(response.body()).as(operation).doesNotContain("UnknownOperationException");
                assertThat(response.statusCode()).as(operation).isIn(200, 400);
            }
            assertThat(RawHttp.json(emulator.endpoint(), "GetSecretValues", "{}").body())
                    .contains("UnknownOperationException");
            assertThat(emulator.callCounts().keySet()).isSubsetOf(modelOperations());
        }
    }
}
