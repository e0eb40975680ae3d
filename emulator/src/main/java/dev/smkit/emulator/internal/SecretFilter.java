package dev.smkit.emulator.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One ListSecrets / BatchGetSecretValue filter. Values of one filter are ORed; a value starting with {@code !} excludes, and
 * all exclusions of a filter must hold. Filters are ANDed by the caller.
 */
final class SecretFilter {
    private static final List<String> KEYS =
            Arrays.asList("description", "name", "tag-key", "tag-value", "primary-region", "owning-service", "all");
    private static final Pattern VALUE = Pattern.compile("!?[a-zA-Z0-9 :_@/+=.\\-!]*");
    /** Word breaks for description and all: separators and lower-to-upper case changes. */
    private static final Pattern WORD_BREAK = Pattern.compile("[\\s/_+=.@\\-]+|(?<=[a-z0-9])(?=[A-Z])");

    private final String key;
    private final List<String> included = new ArrayList<>();
    private final List<String> excluded = new ArrayList<>();

    private SecretFilter(String key, List<String> values) {
        this.key = key;
        for (String value : values) {
            if (value.startsWith("!")) {
                excluded.add(value.substring(1));
            } else {
                included.add(value);
            }
        }
    }

    static List<SecretFilter> parse(List<Params> filters) {
        List<SecretFilter> result = new ArrayList<>();
        if (filters == null) {
            return result;
        }
        for (Params filter : filters) {
            String key = filter.string("Key");
            if (key == null || !KEYS.contains(key)) {
                throw ApiException.constraint("Filters.member.key", "Member must satisfy enum value set: " + KEYS);
            }
            List<String> values = filter.strings("Values", 1, 10, 0, 512);
            if (values == null) {
                throw Params.missing("Filters.member.values");
            }
            for (String value : values) {
                if (!VALUE.matcher(value).matches()) {
                    throw ApiException.constraint("Filters.member.values",
                            "Member must satisfy regular expression pattern: ^\\!?[a-zA-Z0-9 :_@\\/\\+\\=\\.\\-\\!]*$");
                }
            }
            result.add(new SecretFilter(key, values));
        }
        return result;
    }

    static boolean matchesAll(List<SecretFilter> filters, Secret secret) {
        for (SecretFilter filter : filters) {
            if (!filter.matches(secret)) {
                return false;
            }
        }
        return true;
    }

    boolean matches(Secret secret) {
        for (String value : excluded) {
            if (matchesValue(secret, value)) {
                return false;
            }
        }
        if (included.isEmpty()) {
            return true;
        }
        for (String value : included) {
            if (matchesValue(secret, value)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesValue(Secret secret, String value) {
        switch (key) {
            case "name":
                return secret.name.startsWith(value);
            case "tag-key":
                return anyStartsWith(secret.tags.keySet(), value);
            case "tag-value":
                return anyStartsWith(secret.tags.values(), value);
            case "description":
                return secret.description != null && wordsMatch(value, words(secret.description));
            case "all":
                return wordsMatch(value, allWords(secret));
            case "primary-region":
                String primaryRegion = secret.primaryRegion();
                return primaryRegion != null && primaryRegion.startsWith(value);
            default: // owning-service: no managed secrets here
                return false;
        }
    }

    private static boolean anyStartsWith(Iterable<String> candidates, String prefix) {
        for (String candidate : candidates) {
            if (candidate.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Every word of the filter value must start some word of the attribute(s), ignoring case. A value without words
     * (empty, or only separators such as "/" or "- _") looks for nothing and matches nothing.
     */
    private static boolean wordsMatch(String value, List<String> attributeWords) {
        List<String> wanted = words(value);
        if (wanted.isEmpty()) {
            return false;
        }
        for (String word : wanted) {
            if (!anyStartsWith(attributeWords, word)) {
                return false;
            }
        }
        return true;
    }

    private static List<String> allWords(Secret secret) {
        List<String> words = new ArrayList<>(words(secret.name));
        if (secret.description != null) {
            words.addAll(words(secret.description));
        }
        for (Map.Entry<String, String> tag : secret.tags.entrySet()) {
            words.addAll(words(tag.getKey()));
            words.addAll(words(tag.getValue()));
        }
        return words;
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String word : WORD_BREAK.split(text)) {
            if (!word.isEmpty()) {
                words.add(word.toLowerCase(Locale.ROOT));
            }
        }
        return words;
    }
}
