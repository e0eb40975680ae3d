package dev.smkit.samples.cache;

import com.amazonaws.secretsmanager.caching.SecretCache;
import dev.smkit.emulator.SecretsManagerEmulator;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * The user guide's Lambda handler, without the Lambda dependency: the cache lives in a field, outside
 * {@link #handleRequest}, so every invocation of a warm function instance reuses it and only the first one calls
 * Secrets Manager. A real Lambda handler would implement {@code RequestHandler<String, String>} with exactly this
 * body.
 */
public class SecretHandler {

    // Built once per function instance (container), not per request.
    private final SecretCache cache;

    /** As deployed: default region, credentials and endpoint chains. */
    public SecretHandler() {
        this(new SecretCache());
    }

    /** With a cache built elsewhere (here: aimed at the emulator). */
    public SecretHandler(SecretCache cache) {
        this.cache = cache;
    }

    /**
     * Reads the secret {@code secretId}, a JSON object with {@code endpoint} and {@code apiKey}, and returns the
     * endpoint it would call. The API key is used, never returned or logged.
     */
    public String handleRequest(String secretId, Object context) {
        String secret = cache.getSecretString(secretId);
        if (secret == null) {
            throw new IllegalStateException("secret " + secretId + " has no string value");
        }
        JsonNode json = JsonNodeParser.create().parse(secret);
        JsonNode endpoint = json.field("endpoint").orElseThrow(
                () -> new IllegalStateException("secret " + secretId + " has no JSON key 'endpoint'"));
        json.field("apiKey").orElseThrow(
                () -> new IllegalStateException("secret " + secretId + " has no JSON key 'apiKey'"));
        return "calling " + endpoint.asString();
    }

    /** Three invocations of a warm handler against the emulator: one DescribeSecret and one GetSecretValue in all. */
    public static void main(String[] args) {
        try (SecretsManagerEmulator emulator = SecretsManagerEmulator.start();
             SecretCache cache = new SecretCache(emulator.client())) {
            emulator.client().createSecret(r -> r.name("lambda/partner-api")
                    .secretString("{\"endpoint\":\"https://partner.example.com\",\"apiKey\":\"k-123456\"}"));
            SecretHandler handler = new SecretHandler(cache);
            for (int invocation = 1; invocation <= 3; invocation++) {
                System.out.println("invocation " + invocation + ": " + handler.handleRequest("lambda/partner-api", null));
            }
            System.out.println("Secrets Manager calls: " + emulator.callCounts());
        }
    }
}
