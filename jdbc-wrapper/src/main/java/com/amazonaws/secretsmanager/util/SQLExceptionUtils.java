package com.amazonaws.secretsmanager.util;

import java.sql.SQLException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** Helpers for exceptions raised by real JDBC drivers. */
public class SQLExceptionUtils {

    private SQLExceptionUtils() {
    }

    /**
     * Whether {@code t} or any exception in its cause chain is an {@link SQLException} with vendor code {@code code}.
     * Null-safe, and stops at a cause that was already visited (a cycle).
     */
    public static boolean unwrapAndCheckForCode(Throwable t, int code) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<Throwable, Boolean>());
        for (Throwable current = t; current != null && seen.add(current); current = current.getCause()) {
            if (current instanceof SQLException && ((SQLException) current).getErrorCode() == code) {
                return true;
            }
        }
        return false;
    }
}
