package dev.smkit.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.smkit.emulator.internal.FaultPlan;
import dev.smkit.emulator.internal.JsonOut;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * The control API under {@code /_smkit/} on the emulator's port, for test suites in any language (no SigV4; the
 * server listens on 127.0.0.1 only). AWS's own requests are {@code POST /} and never reach it. Routes:
 *
 * <pre>
 * GET    /_smkit/health                 {"status":"ok","defaultRegion":...,"operations":[...]}
 * POST   /_smkit/reset                  reset() : store, counters, faults, rotations
 * GET    /_smkit/calls[?region=r]       {"GetSecretValue": 3, ...} (of one region with ?region)
 * DELETE /_smkit/calls                  resetCallCounts()
 * POST   /_smkit/faults                 {"type": "error"|"latency"|"reset"|"unreachable"|"failing"|"holdReplication",
 *                                        "region"?, "operation"?,
 *                                        "times"?, "status"?, "code"?, "message"?, "millis"?}
 * DELETE /_smkit/faults[?region=r]      clear every fault, or one region's
 * POST   /_smkit/faults/pause | resume
 * POST   /_smkit/rotations              {"secretId", "promoteAfterSeconds"?, "pendingValue"?, "failStep"?}
 * POST   /_smkit/rotations/await        {"secretId", "versionId"?, "timeoutSeconds"?} : the outcome, or 408 on timeout
 * POST   /_smkit/rotations/run-due      {"started": n}
 * </pre>
 *
 * Errors are {@code {"error": "..."}} with 400 (bad request), 404 (unknown route or nothing to wait for) or 405.
 */
final class ControlApi implements HttpHandler {
    static final String PREFIX = "/_smkit/";
    private static final JsonNodeParser PARSER = JsonNodeParser.builder().removeErrorLocations(true).build();

    private final SecretsManagerEmulator emulator;

    ControlApi(SecretsManagerEmulator emulator) {
        this.emulator = emulator;
    }

    /** A control request that cannot be served; the message is for the caller. */
    private static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        Refused(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            String route = exchange.getRequestURI().getPath().substring(PREFIX.length());
            String method = exchange.getRequestMethod();
            Map<String, JsonNode> body = body(exchange);
            send(exchange, 200, route(route, method, body, exchange.getRequestURI().getRawQuery()));
        } catch (Refused e) {
            send(exchange, e.status, JsonOut.object().field("error", e.getMessage()).toString());
        } catch (IllegalArgumentException | IllegalStateException e) {
            send(exchange, 400, JsonOut.object().field("error", e.getMessage()).toString());
        } catch (RotationTimeoutException e) {
            send(exchange, 408, JsonOut.object().field("error", e.getMessage()).toString());
        } catch (RuntimeException e) {
            send(exchange, 500, JsonOut.object().field("error", e.getClass().getName()).toString());
        } finally {
            exchange.close();
        }
    }

    private String route(String route, String method, Map<String, JsonNode> body, String query) {
        switch (route) {
            case "health":
                expect(method, "GET");
                JsonOut health = JsonOut.object().field("status", "ok").field("defaultRegion", emulator.region())
                        .strings("operations", SecretsManagerEmulator.supportedOperations());
                if (emulator.agentEndpoint() != null) {
                    health.field("agentEndpoint", emulator.agentEndpoint().toString());
                }
                return health.toString();
            case "reset":
                expect(method, "POST");
                emulator.reset();
                return "{}";
            case "calls":
                if (method.equals("DELETE")) {
                    emulator.resetCallCounts();
                    return "{}";
                }
                expect(method, "GET");
                JsonOut calls = JsonOut.object();
                String callRegion = queryParam(query, "region");
                (callRegion == null ? emulator.callCounts() : emulator.callCounts(callRegion)).forEach(calls::field);
                return calls.toString();
            case "faults":
                if (method.equals("DELETE")) {
                    String region = queryParam(query, "region");
                    if (region == null) {
                        emulator.faults().clear();
                    } else {
                        emulator.faults().region(region).clear();
                    }
                    return "{}";
                }
                expect(method, "POST");
                addFault(body);
                return "{}";
            case "faults/pause":
                expect(method, "POST");
                emulator.faults().pause();
                return "{}";
            case "faults/resume":
                expect(method, "POST");
                emulator.faults().resume();
                return "{}";
            case "rotations":
                expect(method, "POST");
                registerRotation(body);
                return "{}";
            case "rotations/await":
                expect(method, "POST");
                return awaitRotation(body);
            case "rotations/run-due":
                expect(method, "POST");
                return JsonOut.object().field("started", emulator.runDueRotations()).toString();
            default:
                throw new Refused(404, "Unknown control route " + PREFIX + route);
        }
    }

    private static void expect(String method, String expected) {
        if (!method.equals(expected)) {
            throw new Refused(405, "Use " + expected + ", not " + method);
        }
    }

    private void addFault(Map<String, JsonNode> body) {
        String type = requiredText(body, "type");
        String region = text(body, "region");
        String operation = text(body, "operation") == null ? FaultPlan.ANY : text(body, "operation");
        int times = (int) number(body, "times", 1);
        RegionFaults regional = region == null ? null : emulator.faults().region(region);
        Faults faults = emulator.faults();
        switch (type) {
            case "error": {
                InjectedError error = error(body);
                if (regional != null) {
                    regional.failNext(operation, times, error);
                } else {
                    faults.failNext(operation, times, error);
                }
                break;
            }
            case "latency": {
                Duration delay = Duration.ofMillis(number(body, "millis", -1));
                if (regional != null) {
                    regional.latency(operation, delay);
                } else {
                    faults.latency(operation, delay);
                }
                break;
            }
            case "reset":
                if (regional != null) {
                    regional.resetConnectionNext(operation, times);
                } else {
                    faults.resetConnectionNext(operation, times);
                }
                break;
            case "unreachable":
                requireRegion(regional, type).unreachable();
                break;
            case "failing":
                requireRegion(regional, type).failing(error(body));
                break;
            case "holdReplication":
                requireRegion(regional, type).holdReplication();
                break;
            default:
                throw new IllegalArgumentException("type must be error, latency, reset, unreachable, failing or "
                        + "holdReplication, got " + type);
        }
    }

    private static RegionFaults requireRegion(RegionFaults regional, String type) {
        if (regional == null) {
            throw new IllegalArgumentException("A fault of type " + type + " needs a region");
        }
        return regional;
    }

    private static InjectedError error(Map<String, JsonNode> body) {
        String code = text(body, "code");
        if (code == null) {
            return InjectedError.internalServiceError();
        }
        if (code.equals("ThrottlingException") && !body.containsKey("status")) {
            return InjectedError.throttling();
        }
        int status = (int) number(body, "status", code.equals("InternalServiceError") ? 500 : 400);
        String message = text(body, "message");
        return InjectedError.of(status, code, message == null ? "Injected by the smkit emulator." : message);
    }

    private void registerRotation(Map<String, JsonNode> body) {
        String secretId = requiredText(body, "secretId");
        long seconds = number(body, "promoteAfterSeconds", 0);
        if (seconds < 0 || seconds > 86_400) {
            throw new IllegalArgumentException("promoteAfterSeconds must be 0-86400, got " + seconds);
        }
        String pendingValue = text(body, "pendingValue");
        String failStep = text(body, "failStep");
        RotationStep failing = failStep == null ? null : RotationStep.fromName(failStep);
        StepDelays delays = StepDelays.none().with(RotationStep.FINISH_SECRET, Duration.ofSeconds(seconds));
        emulator.registerRotation(secretId, new ScriptlessRotation(pendingValue, failing), delays);
    }

    private String awaitRotation(Map<String, JsonNode> body) {
        String secretId = requiredText(body, "secretId");
        String versionId = text(body, "versionId");
        Duration timeout = Duration.ofMillis((long) (numberDouble(body, "timeoutSeconds", 30) * 1000));
        RotationOutcome outcome;
        try {
            outcome = versionId == null ? emulator.awaitRotation(secretId, timeout)
                    : emulator.awaitRotation(secretId, versionId, timeout);
        } catch (IllegalStateException nothing) {
            throw new Refused(404, nothing.getMessage());
        }
        JsonOut out = JsonOut.object().field("secretName", outcome.secretId()).field("versionId", outcome.versionId())
                .field("status", outcome.status().name()).field("scheduled", outcome.scheduled());
        outcome.failure().ifPresent(failure -> out.field("failedStep", failure.step())
                .field("exceptionClass", failure.exceptionClass()));
        return out.toString();
    }

    // ------------------------------------------------------------------------------------------------ plumbing

    private static Map<String, JsonNode> body(HttpExchange exchange) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (InputStream in = exchange.getRequestBody()) {
            byte[] buffer = new byte[4096];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                bytes.write(buffer, 0, read);
                if (bytes.size() > 64 * 1024) {
                    throw new IllegalArgumentException("The control request body is larger than 64 KiB");
                }
            }
        }
        if (bytes.size() == 0) {
            return Map.of();
        }
        JsonNode root;
        try {
            root = PARSER.parse(bytes.toByteArray());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("The body is not valid JSON");
        }
        if (root == null) {
            return Map.of();
        }
        if (!root.isObject()) {
            throw new IllegalArgumentException("The body must be a JSON object");
        }
        return root.asObject();
    }

    private static String text(Map<String, JsonNode> body, String key) {
        JsonNode node = body.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new IllegalArgumentException(key + " must be a string");
        }
        return node.asString();
    }

    private static String requiredText(Map<String, JsonNode> body, String key) {
        String value = text(body, key);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(key + " is required");
        }
        return value;
    }

    private static long number(Map<String, JsonNode> body, String key, long defaultValue) {
        JsonNode node = body.get(key);
        if (node == null || node.isNull()) {
            if (defaultValue < 0) {
                throw new IllegalArgumentException(key + " is required");
            }
            return defaultValue;
        }
        try {
            return Long.parseLong(node.asNumber());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a whole number");
        }
    }

    private static double numberDouble(Map<String, JsonNode> body, String key, double defaultValue) {
        JsonNode node = body.get(key);
        if (node == null || node.isNull()) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(node.asNumber());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(key + " must be a number");
        }
    }

    private static String queryParam(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && pair.substring(0, equals).equals(name)) {
                return java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /**
     * The rotation a control request registers, no Java needed: createSecret stores the pending value (the given one,
     * or the current JSON with a fresh "password", or a fresh password), setSecret and testSecret do nothing, and
     * finishSecret (after the delay) makes it AWSCURRENT. {@code failStep} makes that step throw.
     */
    private static final class ScriptlessRotation implements RotationFunction {
        private final String pendingValue;
        private final RotationStep failStep;

        ScriptlessRotation(String pendingValue, RotationStep failStep) {
            this.pendingValue = pendingValue;
            this.failStep = failStep;
        }

        private void maybeFail(RotationStep step) {
            if (step == failStep) {
                throw new IllegalStateException("failStep " + step + " requested through the control API");
            }
        }

        @Override
        public void createSecret(RotationContext context) {
            maybeFail(RotationStep.CREATE_SECRET);
            if (context.pendingSecretString().isPresent()) {
                return;
            }
            context.putPendingSecretString(pendingValue != null ? pendingValue : freshValue(context));
        }

        private static String freshValue(RotationContext context) {
            String password = context.randomPassword();
            String current;
            try {
                current = context.currentSecretString();
            } catch (RuntimeException noString) {
                return password;
            }
            try {
                JsonNode node = PARSER.parse(current);
                if (node != null && node.isObject() && node.asObject().containsKey("password")) {
                    JsonOut out = JsonOut.object();
                    for (Map.Entry<String, JsonNode> field : node.asObject().entrySet()) {
                        if (field.getKey().equals("password")) {
                            out.field("password", password);
                        } else if (field.getValue().isString()) {
                            out.field(field.getKey(), field.getValue().asString());
                        } else {
                            return password; // only flat string objects are rewritten
                        }
                    }
                    return out.toString();
                }
            } catch (RuntimeException notJson) {
                // a plain string: replaced by the password
            }
            return password;
        }

        @Override
        public void setSecret(RotationContext context) {
            maybeFail(RotationStep.SET_SECRET);
        }

        @Override
        public void testSecret(RotationContext context) {
            maybeFail(RotationStep.TEST_SECRET);
        }

        @Override
        public void finishSecret(RotationContext context) {
            maybeFail(RotationStep.FINISH_SECRET);
            context.finish();
        }
    }
}
