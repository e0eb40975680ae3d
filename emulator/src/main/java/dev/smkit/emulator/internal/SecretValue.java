package dev.smkit.emulator.internal;

import java.util.Arrays;

/** Exactly one of a string or a binary value. Its toString never shows the value. */
public final class SecretValue {
    private final String string;
    private final byte[] binary;

    private SecretValue(String string, byte[] binary) {
        this.string = string;
        this.binary = binary;
    }

    public static SecretValue ofString(String string) {
        return new SecretValue(string, null);
    }

    public static SecretValue ofBinary(byte[] binary) {
        return new SecretValue(null, binary.clone());
    }

    public String string() {
        return string;
    }

    void writeTo(JsonOut out) {
        out.field("SecretString", string).binary("SecretBinary", binary);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof SecretValue)) {
            return false;
        }
        SecretValue that = (SecretValue) other;
        return java.util.Objects.equals(string, that.string) && Arrays.equals(binary, that.binary);
    }

    @Override
    public int hashCode() {
        return string != null ? string.hashCode() : Arrays.hashCode(binary);
    }

    @Override
    public String toString() {
        return string != null ? "SecretValue[string, redacted]" : "SecretValue[binary, redacted]";
    }
}
