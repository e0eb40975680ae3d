package dev.smkit.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.smkit.emulator.internal.ApiException;
import dev.smkit.emulator.internal.SecretReads;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The Secrets Manager Agent / Lambda extension protocol on its own port: {@code GET /secretsmanager/get?secretId=...}
 * and {@code GET /v1/<secretId>}, with {@code versionId}, {@code versionStage} and {@code refreshNow}; {@code GET /ping}.
 * Every request but /ping needs the SSRF token in {@code X-Aws-Parameters-Secrets-Token} (or {@code X-Vault-Token}).
 * Values come from the emulator's default region; there is no cache, so every read is fresh (refreshNow is accepted).
 * Reads are not API calls: they are not counted and not subject to injected faults.
 */
final class AgentApi implements HttpHandler {
    private static final String PATH_PREFIX = "/v1/";

    private final SecretsManagerEmulator emulator;

    AgentApi(SecretsManagerEmulator emulator) {
        this.emulator = emulator;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            answer(exchange);
        } catch (RuntimeException e) {
            send(exchange, 500, "{\"__type\":\"InternalFailure\",\"message\":\"\"}", true);
        } finally {
            exchange.close();
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (!path.equals("/ping")) {
            if (exchange.getRequestHeaders().containsKey("X-Forwarded-For")) {
                send(exchange, 400, "Forwarded", false);
                return;
            }
            String token = exchange.getRequestHeaders().getFirst("X-Aws-Parameters-Secrets-Token");
            String vault = exchange.getRequestHeaders().getFirst("X-Vault-Token");
            if (!emulator.agentToken().equals(token) && !emulator.agentToken().equals(vault)) {
                send(exchange, 403, "Bad Token", false);
                return;
            }
        }
        if (!exchange.getRequestMethod().equals("GET")) {
            send(exchange, 405, "Not allowed", false);
            return;
        }
        String secretId = null;
        boolean queryStyle;
        if (path.equals("/ping")) {
            send(exchange, 200, "healthy", false);
            return;
        } else if (path.equals("/secretsmanager/get")) {
            queryStyle = true;
        } else if (path.startsWith(PATH_PREFIX)) {
            queryStyle = false;
            secretId = decode(path.substring(PATH_PREFIX.length()));
            if (secretId.isEmpty()) {
                send(exchange, 400, "missing secret ID", false);
                return;
            }
        } else {
            send(exchange, 404, "Not found", false);
            return;
        }
        String versionId = null;
        String versionStage = null;
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = decode(equals < 0 ? "" : pair.substring(equals + 1));
                switch (name) {
                    case "secretId":
                        if (!queryStyle) {
                            send(exchange, 400, "unknown parameter: " + name, false);
                            return;
                        }
                        secretId = value;
                        break;
                    case "versionId":
                        versionId = value;
                        break;
                    case "versionStage":
                        versionStage = value;
                        break;
                    case "refreshNow":
                        String flag = value.toLowerCase(java.util.Locale.ROOT);
                        if (!flag.equals("true") && !flag.equals("false") && !flag.equals("1") && !flag.equals("0")) {
                            send(exchange, 400, "invalid refreshNow value", false);
                            return;
                        }
                        break; // no cache here: every read is fresh
                    default:
                        send(exchange, 400, "unknown parameter: " + name, false);
                        return;
                }
            }
        }
        if (secretId == null || secretId.isEmpty()) {
            send(exchange, 400, "missing parameter secretId", false);
            return;
        }
        try {
            byte[] body = SecretReads.agentValue(emulator.store(), secretId, versionId, versionStage);
            send(exchange, 200, new String(body, StandardCharsets.UTF_8), true);
        } catch (ApiException e) {
            // As the Agent relays a Secrets Manager error: the service's status, its code and message.
            String body = dev.smkit.emulator.internal.JsonOut.object().field("__type", e.code())
                    .field("message", e.getMessage()).toString();
            send(exchange, e.httpStatus(), body, true);
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, String body, boolean json) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", json ? "application/json" : "text/plain");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
