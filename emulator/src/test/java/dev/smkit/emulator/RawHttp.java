package dev.smkit.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Hand-made HTTP requests for what the SDK never sends (bad framing, malformed auth). */
final class RawHttp {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RawHttp() {
    }

    static HttpResponse<String> post(URI endpoint, Map<String, String> headers, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> json(URI endpoint, String operation, String body) {
        return post(endpoint, Map.of("X-Amz-Target", "secretsmanager." + operation,
                "Content-Type", "application/x-amz-json-1.1"), body);
    }
}
