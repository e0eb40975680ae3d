package com.amazonaws.secretsmanager.sql.internal;

import com.amazonaws.secretsmanager.sql.internal.LoginFailure.Refusal;
import java.lang.reflect.Method;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One engine's reading of login failures: which vendor codes and SQLStates mean "wrong credentials" (retry with a
 * newer secret version) and which mean "refused for a reason a password cannot fix" (fail at once). Built once per
 * engine row, then read-only.
 *
 * <p>For each exception in the failure's cause and next-exception chains (breadth first, null-safe, cycle-safe), the
 * engine's special judges speak first (message text, reason codes, server states), then the refused codes and states,
 * then the wrong-credential codes and states. The first exception with a verdict decides.
 */
final class LoginFailureRules {

    /** A judgment codes alone cannot make; returns null when it has no opinion. */
    interface Judge {
        LoginFailure judge(SQLException e);
    }

    private final Set<Integer> wrongCodes = new HashSet<Integer>();
    private final Set<String> wrongStates = new HashSet<String>();
    private final Map<Integer, Refusal> refusedCodes = new HashMap<Integer, Refusal>();
    private final Map<String, Refusal> refusedStates = new HashMap<String, Refusal>();
    private final List<Judge> judges = new ArrayList<Judge>();
    private Pattern codesInMessage;

    static LoginFailureRules rules() {
        return new LoginFailureRules();
    }

    LoginFailureRules wrongCredentialsOnCodes(Integer... codes) {
        Collections.addAll(wrongCodes, codes);
        return this;
    }

    LoginFailureRules wrongCredentialsOnStates(String... states) {
        Collections.addAll(wrongStates, states);
        return this;
    }

    LoginFailureRules refusedOnCodes(Refusal refusal, Integer... codes) {
        for (Integer code : codes) {
            refusedCodes.put(code, refusal);
        }
        return this;
    }

    LoginFailureRules refusedOnStates(Refusal refusal, String... states) {
        for (String state : states) {
            refusedStates.put(state, refusal);
        }
        return this;
    }

    LoginFailureRules judgedFirstBy(Judge judge) {
        judges.add(judge);
        return this;
    }

    /** Vendor codes may also appear in the message (group 1), e.g. Oracle's {@code ORA-01017} when the code is not set. */
    LoginFailureRules codesAlsoInMessage(Pattern pattern) {
        this.codesInMessage = pattern;
        return this;
    }

    /** What {@code failure} means; never null. */
    LoginFailure classify(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<Throwable, Boolean>());
        ArrayDeque<Throwable> pending = new ArrayDeque<Throwable>();
        if (failure != null) {
            pending.add(failure);
        }
        while (!pending.isEmpty()) {
            Throwable current = pending.poll();
            if (!seen.add(current)) {
                continue;
            }
            if (current instanceof SQLException) {
                SQLException sql = (SQLException) current;
                LoginFailure verdict = judge(sql);
                if (verdict != null) {
                    return verdict;
                }
                if (sql.getNextException() != null) {
                    pending.add(sql.getNextException());
                }
            }
            if (current.getCause() != null) {
                pending.add(current.getCause());
            }
        }
        return LoginFailure.OTHER;
    }

    private LoginFailure judge(SQLException e) {
        for (Judge judge : judges) {
            LoginFailure verdict = judge.judge(e);
            if (verdict != null) {
                return verdict;
            }
        }
        LoginFailure byCode = byCode(e, e.getErrorCode());
        if (byCode != null) {
            return byCode;
        }
        String state = e.getSQLState();
        if (state != null && refusedStates.containsKey(state)) {
            return LoginFailure.refused(e, refusedStates.get(state));
        }
        if (state != null && wrongStates.contains(state)) {
            return LoginFailure.wrongCredentials(e);
        }
        if (codesInMessage != null && e.getMessage() != null) {
            Matcher code = codesInMessage.matcher(e.getMessage());
            while (code.find()) {
                LoginFailure verdict = byCode(e, Integer.parseInt(code.group(1)));
                if (verdict != null) {
                    return verdict;
                }
            }
        }
        return null;
    }

    private LoginFailure byCode(SQLException e, int code) {
        if (refusedCodes.containsKey(code)) {
            return LoginFailure.refused(e, refusedCodes.get(code));
        }
        return wrongCodes.contains(code) ? LoginFailure.wrongCredentials(e) : null;
    }

    // ---- engine-specific judges --------------------------------------------------------------------------------

    /**
     * PostgreSQL and Redshift answer 28000 both for "role does not exist" (retry: an alternating-users rotation may be
     * creating it) and for host-based rules that reject the connection ("no pg_hba.conf entry ...", "pg_hba.conf
     * rejects connection ..."; the file name stays in translated messages too) or a role without LOGIN.
     */
    static Judge postgresHostRules() {
        return e -> {
            String message = e.getMessage();
            if (!"28000".equals(e.getSQLState()) || message == null) {
                return null;
            }
            if (message.contains("pg_hba.conf")) {
                return LoginFailure.refused(e, Refusal.NOT_ALLOWED);
            }
            if (message.contains("is not permitted to log in")) {
                return LoginFailure.refused(e, Refusal.ACCOUNT_LOCKED);
            }
            return null;
        };
    }

    private static final Pattern DB2_REASON = Pattern.compile("(?i)reason(?:\\s+code)?\\s*[:=]?\\s*\"?(\\d+)\"?");
    private static final Map<Integer, Refusal> DB2_REFUSED_REASONS = new HashMap<Integer, Refusal>();
    private static final Set<Integer> DB2_WRONG_REASONS = new HashSet<Integer>();

    static {
        // SQL30082N reason codes: 1 PASSWORD EXPIRED (a rotation sets a new one), 2 PASSWORD INVALID,
        // 24 USERNAME AND/OR PASSWORD INVALID; 7 USERID REVOKED, 19 USERID DISABLED or RESTRICTED.
        Collections.addAll(DB2_WRONG_REASONS, 1, 2, 24);
        DB2_REFUSED_REASONS.put(7, Refusal.ACCOUNT_LOCKED);
        DB2_REFUSED_REASONS.put(19, Refusal.ACCOUNT_LOCKED);
    }

    /**
     * Db2's SQL30082N (SQLCODE -30082, SQLSTATE 08001) is "security processing failed" for many reasons, named in the
     * message; only some are about the password. Other reasons (protocol, unsupported mechanism...) have no verdict.
     */
    static Judge db2SecurityReason() {
        return e -> {
            if (e.getErrorCode() != -30082 || e.getMessage() == null) {
                return null;
            }
            Matcher reason = DB2_REASON.matcher(e.getMessage());
            while (reason.find()) {
                int code = Integer.parseInt(reason.group(1));
                if (DB2_REFUSED_REASONS.containsKey(code)) {
                    return LoginFailure.refused(e, DB2_REFUSED_REASONS.get(code));
                }
                if (DB2_WRONG_REASONS.contains(code)) {
                    return LoginFailure.wrongCredentials(e);
                }
            }
            return null;
        };
    }

    /** JCC's -4214 (SQLSTATE 28000) names its reason in English; revoked or disabled user IDs are not password problems. */
    static Judge db2AuthorizationReason() {
        return e -> {
            if (e.getErrorCode() != -4214 || e.getMessage() == null) {
                return null;
            }
            String message = e.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("revoked") || message.contains("disabled") || message.contains("locked")) {
                return LoginFailure.refused(e, Refusal.ACCOUNT_LOCKED);
            }
            return LoginFailure.wrongCredentials(e);
        };
    }

    private static final Map<Integer, Refusal> SQLSERVER_REFUSED_STATES = new HashMap<Integer, Refusal>();

    static {
        // Error 18456's state: 7 login disabled; 11, 12 valid login without server access; 58 SQL logins not allowed
        // (Windows authentication only); 16, 27, 38, 40 the initial or default database cannot be opened. States 1
        // (what on-premises servers send every client), 2, 5, 8, 9 and 18 stay "wrong credentials".
        SQLSERVER_REFUSED_STATES.put(7, Refusal.ACCOUNT_LOCKED);
        SQLSERVER_REFUSED_STATES.put(11, Refusal.NOT_ALLOWED);
        SQLSERVER_REFUSED_STATES.put(12, Refusal.NOT_ALLOWED);
        SQLSERVER_REFUSED_STATES.put(58, Refusal.NOT_ALLOWED);
        SQLSERVER_REFUSED_STATES.put(16, Refusal.NO_SUCH_DATABASE);
        SQLSERVER_REFUSED_STATES.put(27, Refusal.NO_SUCH_DATABASE);
        SQLSERVER_REFUSED_STATES.put(38, Refusal.NO_SUCH_DATABASE);
        SQLSERVER_REFUSED_STATES.put(40, Refusal.NO_SUCH_DATABASE);
    }

    /**
     * SQL Server's 18456 "Login failed" carries the reason in the server's error state, which mssql-jdbc exposes as
     * {@code SQLServerException.getSQLServerError().getErrorState()} (read reflectively: the driver is optional).
     */
    static Judge sqlServerLoginState() {
        return e -> {
            if (e.getErrorCode() != 18456) {
                return null;
            }
            Integer state = sqlServerErrorState(e);
            Refusal refusal = state == null ? null : SQLSERVER_REFUSED_STATES.get(state);
            return refusal != null ? LoginFailure.refused(e, refusal) : LoginFailure.wrongCredentials(e);
        };
    }

    private static Integer sqlServerErrorState(SQLException e) {
        try {
            Method getError = e.getClass().getMethod("getSQLServerError");
            Object error = getError.invoke(e);
            if (error == null) {
                return null;
            }
            Object state = error.getClass().getMethod("getErrorState").invoke(error);
            return state instanceof Integer ? (Integer) state : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError notSqlServers) {
            return null;
        }
    }
}
