package com.amazonaws.secretsmanager.sql.internal;

import java.util.regex.Pattern;

/** The three kinds of URL a wrapper driver sees, told apart without touching the network. */
public final class JdbcUrl {

    public enum Kind {
        /** {@code jdbc-secretsmanager:<subprotocol>:...}: swap the prefix for {@code jdbc:}. */
        WRAPPED,
        /** A secret name or ARN: the real URL comes from the secret's host, port and dbname. */
        SECRET_ID,
        /** Empty or whitespace: nobody's URL, but worth a clear error. */
        BLANK,
        /** {@code jdbc:...} or anything else that cannot be a secret ID: another driver's business. */
        FOREIGN
    }

    public static final String SCHEME = "jdbc-secretsmanager:";

    // Secret names allow letters, digits and /_+=.@- ; ARNs add colons. Anything else (spaces, '?', ';') is not ours.
    private static final Pattern SECRET_NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final Pattern SECRET_ARN = Pattern.compile("arn:aws[a-z-]*:secretsmanager:([a-z0-9-]+):\\d{12}:secret:[A-Za-z0-9/_+=.@-]{1,512}");

    private final Kind kind;
    private final String text;

    private JdbcUrl(Kind kind, String text) {
        this.kind = kind;
        this.text = text;
    }

    /** @param url not null */
    public static JdbcUrl parse(String url) {
        if (url.startsWith(SCHEME)) {
            return new JdbcUrl(Kind.WRAPPED, url);
        }
        String trimmed = url.trim();
        if (trimmed.isEmpty()) {
            return new JdbcUrl(Kind.BLANK, url);
        }
        if (trimmed.startsWith("jdbc:")) {
            return new JdbcUrl(Kind.FOREIGN, url);
        }
        if (SECRET_NAME.matcher(trimmed).matches() || SECRET_ARN.matcher(trimmed).matches()) {
            return new JdbcUrl(Kind.SECRET_ID, trimmed);
        }
        return new JdbcUrl(Kind.FOREIGN, url);
    }

    public Kind kind() {
        return kind;
    }

    /** For {@link Kind#SECRET_ID}: the secret ID. */
    public String secretId() {
        return text;
    }

    /** For {@link Kind#WRAPPED}: whether the subprotocol after the scheme is {@code subprotocol} (e.g. mysql, mysql+srv). */
    public boolean hasSubprotocol(String subprotocol) {
        if (!text.regionMatches(SCHEME.length(), subprotocol, 0, subprotocol.length())) {
            return false;
        }
        int next = SCHEME.length() + subprotocol.length();
        return next < text.length() && (text.charAt(next) == ':' || text.charAt(next) == '+');
    }

    /** For {@link Kind#WRAPPED}: the URL the real driver understands. */
    public String realUrl() {
        return "jdbc:" + text.substring(SCHEME.length());
    }

    /** The region in a secret ARN, or null for a name. */
    public static String regionOfArn(String secretId) {
        java.util.regex.Matcher arn = SECRET_ARN.matcher(secretId);
        return arn.matches() ? arn.group(1) : null;
    }
}
