package dev.smkit.spring.boot.config.internal;

import java.util.Objects;

/**
 * One secret of an {@code smkit:} location and how its value becomes properties: every property name starts with
 * {@code prefix}, and a value that is not a JSON object is put under {@code prefix + plainKey}. Holds no value, so it
 * is safe to print.
 */
public final class ImportedSecret {
    private final String secretId;
    private final String prefix;
    private final String plainKey;

    ImportedSecret(String secretId, String prefix, String plainKey) {
        this.secretId = requireText(secretId, "secret ID");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.plainKey = requireText(plainKey, "plain key");
    }

    private static String requireText(String text, String what) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return text;
    }

    public String secretId() {
        return secretId;
    }

    String prefix() {
        return prefix;
    }

    String plainKey() {
        return plainKey;
    }

    /** The property source's name: {@code smkit:<id>}, plus what else tells two imports of one secret apart. */
    String propertySourceName() {
        StringBuilder name = new StringBuilder(SmkitConfigDataLocationResolver.PREFIX).append(secretId);
        char separator = '?';
        if (!prefix.isEmpty()) {
            name.append(separator).append("prefix=").append(prefix);
            separator = '&';
        }
        if (!plainKey.equals(secretId)) {
            name.append(separator).append("key=").append(plainKey);
        }
        return name.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ImportedSecret that && secretId.equals(that.secretId) && prefix.equals(that.prefix)
                && plainKey.equals(that.plainKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(secretId, prefix, plainKey);
    }

    @Override
    public String toString() {
        return propertySourceName();
    }
}
