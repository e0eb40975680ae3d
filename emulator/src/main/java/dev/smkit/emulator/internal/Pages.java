package dev.smkit.emulator.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Opaque NextToken values: an offset into a listing ordered the same way on every page. */
final class Pages {
    private static final String PREFIX = "smkit-offset:";

    private Pages() {
    }

    static int offset(String nextToken) {
        if (nextToken == null) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(nextToken), StandardCharsets.UTF_8);
            if (decoded.startsWith(PREFIX)) {
                int offset = Integer.parseInt(decoded.substring(PREFIX.length()));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the AWS error below
        }
        throw ApiException.of(400, "InvalidNextTokenException", "The NextToken value is invalid.");
    }

    /** The page of {@code all} starting at {@code offset}; {@link #nextToken} tells whether more follow. */
    static <T> List<T> page(List<T> all, int offset, int size) {
        int from = Math.min(offset, all.size());
        return all.subList(from, Math.min(all.size(), from + size));
    }

    static String nextToken(int total, int offset, int size) {
        long next = (long) offset + size;
        if (next >= total) {
            return null;
        }
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + next).getBytes(StandardCharsets.UTF_8));
    }
}
