package dev.smkit.emulator.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tag list parsing and writing: keys 1-128 characters, values 0-256, keys case-sensitive, last one wins. */
final class Tags {
    private Tags() {
    }

    static Map<String, String> parse(List<Params> tagList) {
        if (tagList == null) {
            return Collections.emptyMap();
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (Params tag : tagList) {
            String key = tag.requiredString("Key", 1, 128);
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
