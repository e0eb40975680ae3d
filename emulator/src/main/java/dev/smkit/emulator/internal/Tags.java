package dev.smkit.emulator.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tag list parsing and writing: keys 1-128 characters, values 0-256, keys case-sensitive, last one wins. */
final class Tags {
    /** Tags per secret (a quota of the secret, not of one request). */
    static final int MAX_TAGS = 50;

    private Tags() {
    }

    static void checkQuota(int tagsOnSecret) {
        if (tagsOnSecret > MAX_TAGS) {
            throw ApiException.invalidParameter("A secret can have at most " + MAX_TAGS + " tags; this request would leave "
                    + tagsOnSecret + ".");
        }
    }

    static Map<String, String> parse(List<Params> tagList) {
        if (tagList == null) {
            return Collections.emptyMap();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Params tag : tagList) {
            String key = tag.requiredString("Key", 1, 128);
            if (key.regionMatches(true, 0, "aws:", 0, 4)) {
                throw ApiException.invalidParameter("Tag keys starting with aws: are reserved for AWS use.");
            }
            String value = tag.string("Value", 0, 256);
            tags.put(key, value == null ? "" : value);
        }
        return tags;
    }

    static void write(JsonOut out, Map<String, String> tags) {
        if (tags.isEmpty()) {
            return;
        }
        out.beginArray("Tags");
        for (Map.Entry<String, String> tag : tags.entrySet()) {
            out.beginObject().field("Key", tag.getKey()).field("Value", tag.getValue()).endObject();
        }
        out.endArray();
    }
}
