package dev.smkit.emulator.internal;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** GetRandomPassword's character rules. */
public final class PasswordGenerator {
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String DIGITS = "0123456789";
    static final String PUNCTUATION = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~";
    /** For RotationContext.randomPassword(): punctuation safe inside JSON, shell and connection strings. */
    static final String SAFE_PUNCTUATION = "!#$%&()*+,-.:;<=>?@[]^_{|}~";

    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordGenerator() {
    }

    /** Builds a password of {@code length} characters drawn from {@code classes}, one of each class first if required. */
    static String generate(int length, List<String> classes, boolean eachClass) {
        return generate(length, classes, "", eachClass);
    }

    /** {@code extra}: characters that may appear but are not a required class (the space of IncludeSpace). */
    static String generate(int length, List<String> classes, String extra, boolean eachClass) {
        StringBuilder all = new StringBuilder();
        for (String chars : classes) {
            all.append(chars);
        }
        all.append(extra);
        List<Character> password = new ArrayList<>(length);
        if (eachClass) {
            for (String chars : classes) {
                password.add(chars.charAt(RANDOM.nextInt(chars.length())));
            }
        }
        while (password.size() < length) {
            password.add(all.charAt(RANDOM.nextInt(all.length())));
        }
        java.util.Collections.shuffle(password, RANDOM);
        StringBuilder result = new StringBuilder(length);
        for (char c : password) {
            result.append(c);
        }
        return result.toString();
    }

    public static String rotationPassword() {
        return generate(32, List.of(LOWER, UPPER, DIGITS, SAFE_PUNCTUATION), true);
    }

    static byte[] getRandomPassword(Params params) {
        Long requested = params.longValue("PasswordLength", 1, 4096);
        int length = requested == null ? 32 : requested.intValue();
        String exclude = params.string("ExcludeCharacters", 0, 4096);
        List<String> classes = new ArrayList<>();
        addClass(classes, params, "ExcludeLowercase", LOWER, exclude);
        addClass(classes, params, "ExcludeUppercase", UPPER, exclude);
        addClass(classes, params, "ExcludeNumbers", DIGITS, exclude);
        addClass(classes, params, "ExcludePunctuation", PUNCTUATION, exclude);
        // The space is allowed, never required: RequireEachIncludedType covers the four character types only.
        String extra = params.bool("IncludeSpace", false) && (exclude == null || exclude.indexOf(' ') < 0) ? " " : "";
        boolean eachClass = params.bool("RequireEachIncludedType", true);
        if (classes.isEmpty() && extra.isEmpty()) {
            throw ApiException.invalidParameter("The password can't be generated: every character type is excluded.");
        }
        if (eachClass && length < classes.size()) {
            throw ApiException.invalidParameter("PasswordLength " + length
                    + " is too short to include each of the " + classes.size() + " required character types.");
        }
        return JsonOut.object().field("RandomPassword", generate(length, classes, extra, eachClass)).toBytes();
    }

    private static void addClass(List<String> classes, Params params, String flag, String chars, String exclude) {
        if (params.bool(flag, false)) {
            return;
        }
        StringBuilder kept = new StringBuilder();
        for (char c : chars.toCharArray()) {
            if (exclude == null || exclude.indexOf(c) < 0) {
                kept.append(c);
            }
        }
        if (kept.length() > 0) {
            classes.add(kept.toString());
        }
    }
}
