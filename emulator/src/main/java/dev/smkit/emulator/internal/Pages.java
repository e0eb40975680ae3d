package dev.smkit.emulator.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Opaque NextToken values. A token is a cursor: the operation it belongs to and the sort key of the last item returned,
 * so the next page starts after that item whatever was created or deleted in between (an offset would shift).
 */
final class Pages {
    private static final String PREFIX = "smkit-cursor";
    private static final char SEPARATOR = '\u0000';

    private Pages() {
    }

    /** The key fields of a cursor token issued for {@code kind}, or null when there is no token. */
    static String[] cursor(String nextToken, String kind) {
        if (nextToken == null) {
            return null;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8);
            String[] parts = decoded.split(String.valueOf(SEPARATOR), -1);
            if (parts.length >= 2 && parts[0].equals(PREFIX) && parts[1].equals(kind)) {
                return Arrays.copyOfRange(parts, 2, parts.length);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the AWS error below
        }
        throw invalid();
    }

    static ApiException invalid() {
        return ApiException.of(400, "InvalidNextTokenException", "The NextToken value is invalid.");
    }

    static String token(String kind, String... key) {
        List<String> parts = new ArrayList<>();
        parts.add(PREFIX);
        parts.add(kind);
        parts.addAll(Arrays.asList(key));
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(String.valueOf(SEPARATOR), parts).getBytes(StandardCharsets.UTF_8));
    }

    static long number(String[] cursor, int index) {
        try {
            return Long.parseLong(cursor[index]);
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw invalid();
        }
    }
}
