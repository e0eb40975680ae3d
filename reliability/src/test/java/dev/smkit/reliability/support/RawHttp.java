package dev.smkit.reliability.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * HTTP/1.1 over a plain socket, so a test controls every header and byte (the JDK client refuses some). Requests can
 * be signed with the SDK's own SigV4 signer and then tampered with.
 */
public final class RawHttp {

    private RawHttp() {
    }

    /** The headers of an AWS JSON 1.1 request for {@code operation}, before signing. */
    public static Map<String, String> jsonHeaders(String operation) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/x-amz-json-1.1");
        headers.put("X-Amz-Target", "secretsmanager." + operation);
        return headers;
    }

    /** {@code headers} plus the SigV4 headers the SDK's signer adds, signed with {@code clock}. */
    public static Map<String, String> signedHeaders(URI endpoint, Map<String, String> headers, byte[] body,
                                                    String accessKey, String secretKey, String region, Clock clock) {
        SdkHttpRequest.Builder builder = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint);
        headers.forEach(builder::putHeader);
        SdkHttpRequest request = builder.build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKey, secretKey))
                .request(request)
                .payload(() -> new java.io.ByteArrayInputStream(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "secretsmanager")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, clock));
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> header : signed.request().headers().entrySet()) {
            result.put(header.getKey(), String.join(",", header.getValue()));
        }
        return result;
    }

    /** Sends one request (Connection: close) and reads the whole response. */
    public static Response send(URI endpoint, String method, Map<String, String> headers, byte[] body) {
        try (Socket socket = new Socket(endpoint.getHost(), endpoint.getPort())) {
            socket.setSoTimeout(10_000);
            StringBuilder head = new StringBuilder(method).append(" / HTTP/1.1\r\n");
            head.append("Host: ").append(endpoint.getHost()).append(':').append(endpoint.getPort()).append("\r\n");
            for (Map.Entry<String, String> header : headers.entrySet()) {
                if (!header.getKey().equalsIgnoreCase("Host")) {
                    head.append(header.getKey()).append(": ").append(oneLine(header.getValue())).append("\r\n");
                }
            }
            head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return Response.parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String oneLine(String value) {
        return value.replace('\r', ' ').replace('\n', ' ');
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            bytes.write(buffer, 0, n);
        }
        return bytes.toByteArray();
    }

    /** Status, the AWS error code ({@code __type} without namespace) and message of a response. */
    public static final class Response {
        public final int status;
        public final String body;

        private Response(int status, String body) {
            this.status = status;
            this.body = body;
        }

        static Response parse(byte[] raw) {
            String text = new String(raw, StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String statusLine = text.substring(0, text.indexOf("\r\n"));
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            return new Response(status, end < 0 ? "" : text.substring(end + 4));
        }

        /** The error code, or null when the body is not an AWS error. */
        public String errorCode() {
            JsonNode json = json();
            if (json == null || json.field("__type").isEmpty()) {
                return null;
            }
            String type = json.field("__type").get().asString();
            return type.substring(type.indexOf('#') + 1);
        }

        public String message() {
            JsonNode json = json();
            if (json == null) {
                return null;
            }
            return json.field("message").or(() -> json.field("Message")).map(JsonNode::asString).orElse(null);
        }

        private JsonNode json() {
            try {
                JsonNode node = JsonNodeParser.create().parse(body);
                return node.isObject() ? node : null;
            } catch (RuntimeException e) {
                return null;
            }
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
