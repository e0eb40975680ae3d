package dev.smkit.emulator.internal;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.smkit.emulator.InjectedError;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP front: counts the call, applies faults, checks framing and SigV4, dispatches, and writes an AWS JSON 1.1 answer.
 * Bad input always gets an AWS-shaped 400, never a 500.
 */
public final class RequestHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);
    private static final String TARGET_PREFIX = "secretsmanager.";
    private static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    /** A 65,536-byte SecretBinary is ~87 KiB of base64; anything far beyond that is not a Secrets Manager request. */
    static final int MAX_BODY_BYTES = 256 * 1024;
    private static final long MAX_DRAINED_BYTES = 16L * 1024 * 1024;

    private final Regions regions;
    private final RotationRegistry registry;
    private final Map<String, Operations> operationsByRegion = new ConcurrentHashMap<>();
    private final RotationRunner rotations;
    private final FaultPlan faults;
    private final SigV4Verifier verifier;
    private final Map<String, LongAdder> callCounts = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> regionCallCounts = new ConcurrentHashMap<>();
    private final RequestValidator validator = new RequestValidator(ServiceModel.get());

    public RequestHandler(Regions regions, RotationRegistry registry, RotationRunner rotations, FaultPlan faults,
            SigV4Verifier verifier) {
        this.regions = regions;
        this.registry = registry;
        this.rotations = rotations;
        this.faults = faults;
        this.verifier = verifier;
    }

    /** The operation names the emulator implements (every operation of the Secrets Manager API). */
    public static java.util.Set<String> operationNames() {
        return Operations.NAMES;
    }

    /**
     * The region a request is for: the region of its SigV4 credential scope, as each regional endpoint of AWS serves
     * its own region; without a usable scope (only when signatures are not verified), the default region.
     */
    static String regionOf(com.sun.net.httpserver.Headers headers, String defaultRegion) {
        String authorization = headers.getFirst("Authorization");
        if (authorization != null) {
            int at = authorization.indexOf("Credential=");
            if (at >= 0) {
                int end = authorization.indexOf(',', at);
                String[] scope = authorization.substring(at + "Credential=".length(),
                        end < 0 ? authorization.length() : end).trim().split("/", -1);
                if (scope.length == 5 && Regions.REGION.matcher(scope[2]).matches()) {
                    return scope[2];
                }
            }
        }
        return defaultRegion;
    }

    public Map<String, LongAdder> callCounts() {
        return callCounts;
    }

    /** The same requests per region: "region operation" to count. */
    public Map<String, LongAdder> regionCallCounts() {
        return regionCallCounts;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        String operation = target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : null;
        String region = regionOf(exchange.getRequestHeaders(), regions.defaultRegion());
        try {
            if (operation != null && Operations.NAMES.contains(operation)) {
                // Only real operations: a made-up name must not grow the table.
                callCounts.computeIfAbsent(operation, op -> new LongAdder()).increment();
                if (Regions.REGION.matcher(region).matches()) {
                    regionCallCounts.computeIfAbsent(region + ' ' + operation, key -> new LongAdder()).increment();
                }
            }
            String faultKey = operation == null ? "" : operation;
            faults.awaitResumed();
            if (faults.takeReset(region, faultKey)) {
                LOG.debug("{} in {} -> injected connection reset", operation, region);
                return; // closing an exchange that sent no headers drops the TCP connection
            }
            Duration delay = faults.latencyFor(region, faultKey);
            if (!delay.isZero()) {
                Thread.sleep(delay.toMillis());
            }
            InjectedError injected = faults.takeError(region, faultKey);
            if (injected != null) {
                send(exchange, operation, injected.httpStatus(),
                        errorBody(injected.code(), injected.message(), false));
                return;
            }
            byte[] response = process(exchange, operation, target, region);
            send(exchange, operation, 200, response);
        } catch (ApiException e) {
            send(exchange, operation, e.httpStatus(), errorBody(e.code(), e.getMessage(), e.lowercaseMessageKey()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // shutting down: drop the connection
        } catch (RuntimeException e) {
            // Only the exception class: a message could in theory carry input.
            LOG.error("Unexpected {} while handling {}", e.getClass().getName(), operation);
            send(exchange, operation, 500, errorBody("InternalServiceError", "An error occurred on the server side.", false));
        } finally {
            exchange.close();
        }
    }

    private byte[] process(HttpExchange exchange, String operation, String target, String region) throws IOException {
        if (!exchange.getRequestMethod().equals("POST")) {
            throw ApiException.of(400, "UnknownOperationException",
                    "Secrets Manager accepts only POST requests, not " + exchange.getRequestMethod() + ".");
        }
        byte[] body = readBody(exchange);
        if (target == null) {
            throw ApiException.of(400, "UnknownOperationException", "The request has no X-Amz-Target header.");
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType == null || !contentType.trim().toLowerCase(java.util.Locale.ROOT).startsWith(CONTENT_TYPE)) {
            throw ApiException.serialization("Content-Type must be " + CONTENT_TYPE + ".");
        }
        if (verifier != null) {
            verifier.verify(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
        }
        Operations.Operation handler = operation == null || !Operations.NAMES.contains(operation) ? null
                : operationsByRegion.computeIfAbsent(region,
                        r -> new Operations(regions.store(r), registry, rotations)).get(operation);
        if (handler == null) {
            throw ApiException.of(400, "UnknownOperationException", "Unknown operation in X-Amz-Target: "
                    + (target.length() > 100 ? target.substring(0, 100) + "..." : target));
        }
        Params params = Params.parse(body);
        validator.validate(operation, params);
        startDueRotations(operation);
        return handler.handle(params);
    }

    /** Every accepted request first lets scheduled rotations start whose time the emulator clock has reached. */
    private void startDueRotations(String operation) {
        try {
            rotations.runDueIfNeeded();
        } catch (RuntimeException e) {
            LOG.error("Unexpected {} while starting scheduled rotations before {}", e.getClass().getName(), operation);
        }
    }

    /**
     * Reads the body, keeping at most {@link #MAX_BODY_BYTES}. An oversized body is still drained (up to
     * {@link #MAX_DRAINED_BYTES}) so that the client, still sending, can read the 400 instead of a broken connection.
     */
    private static byte[] readBody(HttpExchange exchange) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        try (InputStream in = exchange.getRequestBody()) {
            int read;
            while (total <= MAX_DRAINED_BYTES && (read = in.read(buffer)) >= 0) {
                total += read;
                if (total <= MAX_BODY_BYTES) {
                    body.write(buffer, 0, read);
                }
            }
        }
        if (total > MAX_BODY_BYTES) {
            throw ApiException.validation("The request body is larger than the limit of " + MAX_BODY_BYTES + " bytes.");
        }
        return body.toByteArray();
    }

    private static byte[] errorBody(String code, String message, boolean lowercaseMessageKey) {
        return JsonOut.object().field("__type", code).field(lowercaseMessageKey ? "message" : "Message", message).toBytes();
    }

    private static void send(HttpExchange exchange, String operation, int status, byte[] body) throws IOException {
        // Logged before answering, so a client that has its answer also finds the request in the log.
        LOG.debug("{} -> {}", operation, status);
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
