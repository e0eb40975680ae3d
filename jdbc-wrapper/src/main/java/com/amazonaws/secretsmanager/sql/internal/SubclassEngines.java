package com.amazonaws.secretsmanager.sql.internal;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subprotocols of application subclasses of {@code AWSSecretsManagerDriver} (an H2 or Snowflake wrapper, say)
 * registered with DriverManager. The table's wrappers leave a secret whose {@code engine} names one of them to that
 * subclass (connect returns null, acceptsURL false) instead of failing on an engine they do not know.
 */
public final class SubclassEngines {

    private static final Set<String> REGISTERED = ConcurrentHashMap.newKeySet();

    private SubclassEngines() {
    }

    public static void registered(String subprotocol) {
        if (subprotocol != null && !subprotocol.trim().isEmpty()) {
            REGISTERED.add(subprotocol.trim().toLowerCase(Locale.ROOT));
        }
    }

    public static boolean isRegistered(String secretEngine) {
        return REGISTERED.contains(secretEngine.trim().toLowerCase(Locale.ROOT));
    }
}
