package dev.smkit.emulator.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import software.amazon.awssdk.protocols.jsoncore.JsonWriter;

/** Compact JSON writer for responses: null and empty members are left out, as AWS does. */
public final class JsonOut {
    private final JsonWriter writer = JsonWriter.create();

    private JsonOut() {
        writer.writeStartObject();
    }

    public static JsonOut object() {
        return new JsonOut();
    }

    public static byte[] empty() {
        return object().toBytes();
    }

    public JsonOut field(String name, String value) {
        if (value != null) {
            writer.writeFieldName(name).writeValue(value);
        }
        return this;
    }

    public JsonOut field(String name, long value) {
        writer.writeFieldName(name).writeValue(value);
        return this;
    }

    public JsonOut field(String name, boolean value) {
        writer.writeFieldName(name).writeValue(value);
        return this;
    }

    /** Timestamps are epoch seconds with a millisecond fraction: the SDK rejects ISO-8601 strings. */
    public JsonOut field(String name, Instant value) {
        if (value != null) {
            writer.writeFieldName(name).writeNumber(BigDecimal.valueOf(value.toEpochMilli(), 3).toPlainString());
        }
        return this;
    }

    public JsonOut binary(String name, byte[] value) {
        if (value != null) {
            writer.writeFieldName(name).writeValue(Base64.getEncoder().encodeToString(value));
        }
        return this;
    }

    public JsonOut strings(String name, Collection<String> values) {
        if (values != null && !values.isEmpty()) {
            writer.writeFieldName(name).writeStartArray();
            for (String value : values) {
                writer.writeValue(value);
            }
            writer.writeEndArray();
        }
        return this;
    }

    public JsonOut beginObject(String name) {
        writer.writeFieldName(name).writeStartObject();
        return this;
    }

    /** Starts an object element inside an array. */
    public JsonOut beginObject() {
        writer.writeStartObject();
        return this;
    }

    public JsonOut endObject() {
        writer.writeEndObject();
        return this;
    }

    public JsonOut beginArray(String name) {
        writer.writeFieldName(name).writeStartArray();
        return this;
    }

    public JsonOut endArray() {
        writer.writeEndArray();
        return this;
    }

    /** Closes the object and returns it as a string. */
    @Override
    public String toString() {
        return new String(toBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }

    public byte[] toBytes() {
        writer.writeEndObject();
        return writer.getBytes();
    }
}
