package com.amazonaws.secretsmanager.sql.internal;

import java.sql.SQLException;

/**
 * What a failed login means for the retry loop: the credentials were wrong (a newer secret version may fix it), the
 * server refused the login for a reason no password can fix, or something else happened (not a login problem).
 */
public final class LoginFailure {

    /** The three answers. */
    public enum Kind {
        /** The user name or password was rejected: check Secrets Manager for a newer version and retry. */
        WRONG_CREDENTIALS,
        /** The server refused the login for a reason a new password cannot fix: fail at once, no API call. */
        REFUSED,
        /** Not a login decision (network, timeout, protocol...): the real driver's exception goes up unchanged. */
        OTHER
    }

    /** Why a login was refused, in words an operator can act on. */
    public enum Refusal {
        NOT_ALLOWED("the server's access rules do not let this user connect from this host, over this transport or "
                + "to this database (for example pg_hba.conf, host grants, database grants, CONNECT privilege)"),
        NO_SUCH_DATABASE("the database or service named in the URL does not exist or cannot be opened"),
        TLS_REQUIRED("the server requires an encrypted (TLS) connection"),
        ACCOUNT_LOCKED("the database account is locked or disabled");

        private final String description;

        Refusal(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    static final LoginFailure OTHER = new LoginFailure(Kind.OTHER, null, null);

    private final Kind kind;
    private final SQLException evidence;
    private final Refusal refusal;

    private LoginFailure(Kind kind, SQLException evidence, Refusal refusal) {
        this.kind = kind;
        this.evidence = evidence;
        this.refusal = refusal;
    }

    static LoginFailure wrongCredentials(SQLException evidence) {
        return new LoginFailure(Kind.WRONG_CREDENTIALS, evidence, null);
    }

    /**
     * The verdict of an application's {@code isExceptionDueToAuthenticationError} hook: wrong credentials (with the
     * first SQLException of the cause chain as evidence) or other.
     */
    public static LoginFailure ofHook(boolean dueToAuthentication, Throwable failure) {
        if (!dueToAuthentication) {
            return OTHER;
        }
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(
                new java.util.IdentityHashMap<Throwable, Boolean>());
        for (Throwable t = failure; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof SQLException) {
                return wrongCredentials((SQLException) t);
            }
        }
        return wrongCredentials(new SQLException("Authentication failed", "28000", failure));
    }

    static LoginFailure refused(SQLException evidence, Refusal refusal) {
        return new LoginFailure(Kind.REFUSED, evidence, refusal);
    }

    public Kind kind() {
        return kind;
    }

    /** The exception in the failure's cause or next-exception chain that decided; null for {@link Kind#OTHER}. */
    public SQLException evidence() {
        return evidence;
    }

    /** For {@link Kind#REFUSED}: why. */
    public Refusal refusal() {
        return refusal;
    }

    @Override
    public String toString() {
        return "LoginFailure{" + kind + (refusal != null ? ", " + refusal : "")
                + (evidence != null ? ", SQLState " + evidence.getSQLState() + ", vendor code " + evidence.getErrorCode()
                : "") + '}';
    }
}
