package com.amazonaws.secretsmanager.sql.internal;

import com.amazonaws.secretsmanager.caching.SecretVersion;
import java.sql.SQLException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.protocols.jsoncore.JsonNodeParser;

/**
 * The top-level scalar fields of one secret version's JSON: the one parser behind {@link dev.smkit.jdbc.DatabaseSecret}
 * and the drivers. Versions never change, so each is parsed once. Error messages name the secret, the version and the
 * key, never a value; toString shows only the keys.
 */
public final class SecretFields {

    private static final int MEMO_LIMIT = 512;
    private static final ConcurrentMap<String, SecretFields> MEMO = new ConcurrentHashMap<String, SecretFields>();
    /**
     * A host name (letters, digits, hyphens, dots, underscores; an optional trailing dot) or IPv4 address, optionally
     * followed by a SQL Server instance name ({@code host\INSTANCE}: a letter or underscore, then letters, digits,
     * {@code _} or {@code $}, at most 16).
     */
    private static final Pattern HOST = Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9._-]{0,252}[A-Za-z0-9])?\\.?(?:\\\\[A-Za-z_][A-Za-z0-9_$]{0,15})?");
    /** An IPv6 literal (at least two colons), bracketed or not (brackets balanced), optionally with a zone ID. */
    private static final Pattern IPV6 = Pattern.compile(
            "(?:\\[[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(?:%[A-Za-z0-9._-]+)?]"
                    + "|[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*(?:%[A-Za-z0-9._-]+)?)");
    private static final Pattern DBNAME = Pattern.compile("[^/?&;#=@:\\\\\"'\\s\\p{Cntrl}]{1,255}");
    private static final JsonNodeParser PARSER = JsonNodeParser.create();

    private final String secretId;
    private final String versionId;
    private final Map<String, String> fields;

    private SecretFields(String secretId, String versionId, Map<String, String> fields) {
        this.secretId = secretId;
        this.versionId = versionId;
        this.fields = fields;
    }

    /** The parsed fields of {@code version}, memoized by version. */
    public static SecretFields of(SecretVersion version) throws SQLException {
        String memoKey = (version.getArn() != null ? version.getArn() : version.getSecretId()) + '\n'
                + version.getVersionId();
        SecretFields parsed = MEMO.get(memoKey);
        if (parsed == null) {
            parsed = parse(version);
            if (MEMO.size() >= MEMO_LIMIT) {
                MEMO.clear(); // old versions are rarely needed again; re-parsing one is cheap
            }
            MEMO.put(memoKey, parsed);
        }
        return parsed;
    }

    private static SecretFields parse(SecretVersion version) throws SQLException {
        String secretId = version.getSecretId();
        String text = version.getSecretString();
        if (text == null) {
            throw new SQLException("Secret '" + secretId + "' (version " + version.getVersionId() + ") has no "
                    + "SecretString, only SecretBinary; database credentials must be a JSON SecretString", "28000");
        }
        JsonNode root;
        try {
            root = PARSER.parse(text);
        } catch (RuntimeException e) {
            root = null; // no cause below: JSON parser messages quote the offending text, which is secret
        }
        if (root == null) { // also what the parser returns for blank text
            throw new SQLException("Secret '" + secretId + "' (version " + version.getVersionId()
                    + ") is not valid JSON; expected an object with username, password, host, port, dbname", "28000");
        }
        if (!root.isObject()) {
            throw new SQLException("Secret '" + secretId + "' (version " + version.getVersionId()
                    + ") is JSON but not an object; expected {\"username\": ..., \"password\": ...}", "28000");
        }
        Map<String, String> fields = new HashMap<String, String>();
        for (Map.Entry<String, JsonNode> field : root.asObject().entrySet()) {
            JsonNode value = field.getValue();
            if (value.isString()) {
                fields.put(field.getKey(), value.asString());
            } else if (value.isNumber()) {
                fields.put(field.getKey(), value.asNumber());
            } else if (value.isBoolean()) {
                fields.put(field.getKey(), String.valueOf(value.asBoolean()));
            }
        }
        return new SecretFields(secretId, version.getVersionId(), Collections.unmodifiableMap(fields));
    }

    public String secretId() {
        return secretId;
    }

    /** The names of the scalar keys present. */
    public Set<String> keys() {
        return fields.keySet();
    }

    public String versionId() {
        return versionId;
    }

    /** The value of {@code key}, or null when absent, null or blank. */
    public String optional(String key) {
        String value = fields.get(key);
        return value == null || value.trim().isEmpty() ? null : value;
    }

    /** @throws SQLException naming the key and the secret when the key is absent, null or blank */
    public String required(String key) throws SQLException {
        String value = optional(key);
        if (value == null) {
            throw new SQLException("Secret '" + secretId + "' (version " + versionId + ") has no \"" + key
                    + "\" key (or it is empty)", "28000");
        }
        return value;
    }

    /**
     * The {@code host} key, checked to be a host name, an IPv4 address or an IPv6 literal: it is pasted into a JDBC URL,
     * so a value such as {@code db?socketFactory=...} must not be able to add driver properties.
     */
    public String host() throws SQLException {
        return checkedHost(required("host"));
    }

    /** As {@link #host()}, or null when the key is absent. */
    public String optionalHost() throws SQLException {
        String host = optional("host");
        return host == null ? null : checkedHost(host);
    }

    /** Whether {@code host} is a host name, IPv4 address, IPv6 literal or {@code host\INSTANCE} (see {@link #host()}). */
    public static boolean isHost(String host) {
        return host != null && (HOST.matcher(host).matches() || IPV6.matcher(host).matches());
    }

    /** Whether {@code dbname} holds no character that would change a JDBC URL's structure (see {@link #dbname()}). */
    public static boolean isDbname(String dbname) {
        return dbname != null && DBNAME.matcher(dbname).matches();
    }

    private String checkedHost(String value) throws SQLException {
        String host = value.trim();
        if (!HOST.matcher(host).matches() && !IPV6.matcher(host).matches()) {
            throw new SQLException("Secret '" + secretId + "' (version " + versionId + ") has a \"host\" key that is "
                    + "not a host name or IP address", "28000");
        }
        return host;
    }

    /** The optional {@code dbname} key, checked to hold no character that would change the JDBC URL's structure. */
    public String dbname() throws SQLException {
        String dbname = optional("dbname");
        if (dbname != null && !DBNAME.matcher(dbname).matches()) {
            throw new SQLException("Secret '" + secretId + "' (version " + versionId + ") has a \"dbname\" key with "
                    + "a character a JDBC URL cannot carry there (one of / ? & ; # = @ : \\ quotes, spaces)", "28000");
        }
        return dbname;
    }

    /** The {@code port} key as a number, or null when absent. */
    public Integer port() throws SQLException {
        String port = optional("port");
        if (port == null) {
            return null;
        }
        try {
            int number = Integer.parseInt(port.trim());
            if (number > 0 && number < 65536) {
                return number;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new SQLException("Secret '" + secretId + "' (version " + versionId + ") has a \"port\" key that is "
                + "not a TCP port number", "28000");
    }

    @Override
    public String toString() {
        return "SecretFields{secretId=" + secretId + ", versionId=" + versionId + ", keys=" + fields.keySet() + '}';
    }
}
