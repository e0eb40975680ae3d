package dev.smkit.emulator.internal;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 on JSON 1.1 requests the way AWS's front end answers: unknown key →
 * UnrecognizedClientException, wrong key/scope/time → InvalidSignatureException, malformed header →
 * IncompleteSignatureException; all HTTP 400.
 */
public final class SigV4Verifier {
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final String SERVICE = "secretsmanager";
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern SCOPE_DATE = Pattern.compile("\\d{8}");

    private final Map<String, String> secretKeysByAccessKey;
    private final Clock clock;

    public SigV4Verifier(Map<String, String> secretKeysByAccessKey, Clock clock) {
        this.secretKeysByAccessKey = Map.copyOf(secretKeysByAccessKey);
        this.clock = clock;
    }

    void verify(String method, String rawPath, String rawQuery, Headers headers, byte[] body) {
        String authorization = headers.getFirst("Authorization");
        if (authorization == null) {
            throw ApiException.auth("MissingAuthenticationTokenException", "Missing Authentication Token");
        }
        if (!authorization.startsWith(ALGORITHM + " ")) {
            throw incomplete("Authorization header requires the " + ALGORITHM + " algorithm.");
        }
        Map<String, String> parts = parseParts(authorization.substring(ALGORITHM.length() + 1));
        String credential = requirePart(parts, "Credential");
        String signedHeaders = requirePart(parts, "SignedHeaders");
        String signature = requirePart(parts, "Signature");
        if (!Arrays.asList(signedHeaders.split(";")).contains("host")) {
            throw incomplete("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        String[] scope = credential.split("/", -1);
        if (scope.length != 5 || scope[0].isEmpty()) {
            throw incomplete("Credential must have the form <access key>/<date>/<region>/<service>/aws4_request.");
        }
        String accessKey = scope[0];
        String scopeDate = scope[1];
        String region = scope[2];
        if (!scope[4].equals("aws4_request")) {
            throw invalidSignature("Credential should be scoped with a valid terminator: 'aws4_request', not '"
                    + scope[4] + "'. ");
        }
        if (!scope[3].equals(SERVICE)) {
            throw invalidSignature("Credential should be scoped to correct service: '" + SERVICE + "'. ");
        }
        if (!REGION.matcher(region).matches()) {
            throw invalidSignature("Credential should be scoped to a valid region, not '" + region + "'. ");
        }
        String secretKey = secretKeysByAccessKey.get(accessKey);
        if (secretKey == null) {
            throw ApiException.auth("UnrecognizedClientException", "The security token included in the request is invalid.");
        }

        String amzDate = headers.getFirst("X-Amz-Date");
        if (amzDate == null) {
            throw incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        Instant requestTime;
        try {
            requestTime = Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            throw incomplete("Date must be in ISO-8601 'basic format'. Got '" + amzDate + "'.");
        }
        if (!SCOPE_DATE.matcher(scopeDate).matches() || !amzDate.startsWith(scopeDate)) {
            throw invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '"
                    + scopeDate + "' != '" + amzDate.substring(0, 8) + "', from '" + amzDate + "'.");
        }
        checkSkew(amzDate, requestTime);

        String payloadHash = headers.getFirst("X-Amz-Content-Sha256");
        String bodyHash = hex(sha256(body));
        if (payloadHash == null) {
            payloadHash = bodyHash;
        } else if (!payloadHash.equals("UNSIGNED-PAYLOAD") && !payloadHash.equals(bodyHash)) {
            throw invalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed.");
        }

        String canonicalRequest = method + "\n" + canonicalUri(rawPath) + "\n" + canonicalQuery(rawQuery) + "\n"
                + canonicalHeaders(signedHeaders, headers) + "\n" + signedHeaders + "\n" + payloadHash;
        String scopeString = scopeDate + "/" + region + "/" + SERVICE + "/aws4_request";
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + scopeString + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), scopeDate);
        key = hmac(key, region);
        key = hmac(key, SERVICE);
        key = hmac(key, "aws4_request");
        byte[] expected = hex(hmac(key, stringToSign)).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            throw invalidSignature("The request signature we calculated does not match the signature you provided. "
                    + "Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
        }
    }

    private void checkSkew(String amzDate, Instant requestTime) {
        Instant now = clock.instant();
        Instant earliest = now.minus(MAX_SKEW);
        Instant latest = now.plus(MAX_SKEW);
        if (requestTime.isBefore(earliest)) {
            throw invalidSignature("Signature expired: " + amzDate + " is now earlier than " + AMZ_DATE.format(earliest)
                    + " (" + AMZ_DATE.format(now) + " - 5 min.)");
        }
        if (requestTime.isAfter(latest)) {
            throw invalidSignature("Signature not yet current: " + amzDate + " is still later than "
                    + AMZ_DATE.format(latest) + " (" + AMZ_DATE.format(now) + " + 5 min.)");
        }
    }

    private static Map<String, String> parseParts(String text) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            String trimmed = part.trim();
            int equals = trimmed.indexOf('=');
            if (equals <= 0) {
                throw incomplete("'" + trimmed + "' not a valid key=value pair (missing equal-sign) in Authorization header.");
            }
            parts.put(trimmed.substring(0, equals), trimmed.substring(equals + 1));
        }
        return parts;
    }

    private static String requirePart(Map<String, String> parts, String name) {
        String value = parts.get(name);
        if (value == null || value.isEmpty()) {
            throw incomplete("Authorization header requires '" + name + "' parameter.");
        }
        return value;
    }

    private static String canonicalHeaders(String signedHeaders, Headers headers) {
        StringBuilder result = new StringBuilder();
        for (String name : signedHeaders.split(";")) {
            List<String> values = headers.get(name);
            if (values == null) {
                throw invalidSignature("The request signature we calculated does not match the signature you provided. "
                        + "Signed header '" + name + "' is missing from the request.");
            }
            StringBuilder joined = new StringBuilder();
            for (String value : values) {
                if (joined.length() > 0) {
                    joined.append(',');
                }
                joined.append(WHITESPACE.matcher(value.trim()).replaceAll(" "));
            }
            result.append(name).append(':').append(joined).append('\n');
        }
        return result.toString();
    }

    /** Path segments are URI-encoded again, as the SDK signs them (double encoding). */
    private static String canonicalUri(String rawPath) {
        if (rawPath == null || rawPath.isEmpty()) {
            return "/";
        }
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < rawPath.length(); i++) {
            char c = rawPath.charAt(i);
            if (c == '/' || isUnreserved(c)) {
                result.append(c);
            } else {
                for (byte b : String.valueOf(c).getBytes(StandardCharsets.UTF_8)) {
                    result.append('%').append(String.format("%02X", b & 0xff));
                }
            }
        }
        return result.toString();
    }

    /**
     * RFC 3986 canonical query: each name and value percent-decoded, then encoded again (unreserved characters as they
     * are, everything else as %XX upper case, so a space is %20 and never '+'), sorted by name, then by value.
     */
    static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new java.util.ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            pairs.add(new String[] {encode(decode(name)), encode(decode(value))});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder result = new StringBuilder();
        for (String[] pair : pairs) {
            if (result.length() > 0) {
                result.append('&');
            }
            result.append(pair[0]).append('=').append(pair[1]);
        }
        return result.toString();
    }

    /** Percent-decoding only ('+' is a plus sign, not a space); malformed escapes are kept as they are. */
    private static String decode(String text) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        byte[] raw = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] == '%' && i + 2 < raw.length
                    && Character.digit(raw[i + 1], 16) >= 0 && Character.digit(raw[i + 2], 16) >= 0) {
                bytes.write(Character.digit(raw[i + 1], 16) * 16 + Character.digit(raw[i + 2], 16));
                i += 2;
            } else {
                bytes.write(raw[i]);
            }
        }
        return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
    }

    private static String encode(String text) {
        StringBuilder result = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && isUnreserved(c)) {
                result.append(c);
            } else {
                result.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return result.toString();
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                || c == '-' || c == '_' || c == '.' || c == '~';
    }

    private static ApiException incomplete(String message) {
        return ApiException.auth("IncompleteSignatureException", message);
    }

    private static ApiException invalidSignature(String message) {
        return ApiException.auth("InvalidSignatureException", message);
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder result = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            result.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return result.toString();
    }
}
