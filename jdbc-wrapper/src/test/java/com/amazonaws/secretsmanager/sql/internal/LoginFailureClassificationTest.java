package com.amazonaws.secretsmanager.sql.internal;

import static com.amazonaws.secretsmanager.sql.internal.LoginFailure.Kind.OTHER;
import static com.amazonaws.secretsmanager.sql.internal.LoginFailure.Kind.REFUSED;
import static com.amazonaws.secretsmanager.sql.internal.LoginFailure.Kind.WRONG_CREDENTIALS;
import static com.amazonaws.secretsmanager.sql.internal.LoginFailure.Refusal.ACCOUNT_LOCKED;
import static com.amazonaws.secretsmanager.sql.internal.LoginFailure.Refusal.NOT_ALLOWED;
import static com.amazonaws.secretsmanager.sql.internal.LoginFailure.Refusal.NO_SUCH_DATABASE;
import static com.amazonaws.secretsmanager.sql.internal.LoginFailure.Refusal.TLS_REQUIRED;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.sql.internal.LoginFailure.Kind;
import com.amazonaws.secretsmanager.sql.internal.LoginFailure.Refusal;
import com.microsoft.sqlserver.jdbc.SQLServerError;
import com.microsoft.sqlserver.jdbc.SQLServerException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.util.stream.Stream;
import oracle.jdbc.OracleDatabaseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

/**
 * "Wrong password" (retry with a newer version) versus "refused for a reason no password fixes" (fail at once), per
 * engine, with each vendor's real codes. PostgreSQL uses pgjdbc's own exception type; SQL Server uses mssql-jdbc's
 * {@code SQLServerException} built from a {@code SQLServerError} carrying the real error number and state; Oracle
 * uses ojdbc's {@code OracleDatabaseException} as the cause, as ojdbc chains it; Db2's JCC exceptions have no public
 * constructors, so Db2 cases are the JDBC types JCC extends ({@code SQLInvalidAuthorizationSpecException},
 * {@code SQLNonTransientConnectionException}) with JCC's codes, SQLStates and message formats. MySQL and MariaDB
 * are checked against real servers too (RefusedLoginTest).
 */
class LoginFailureClassificationTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // PostgreSQL: 28P01 is a wrong password; 28000 is a wrong role unless host rules or NOLOGIN refused it
                of(Engine.POSTGRESQL, new PSQLException("FATAL: password authentication failed for user \"app\"",
                        PSQLState.INVALID_PASSWORD), WRONG_CREDENTIALS, null),
                of(Engine.POSTGRESQL, new SQLException("FATAL: role \"app_clone\" does not exist", "28000"),
                        WRONG_CREDENTIALS, null),
                of(Engine.POSTGRESQL, new SQLException("FATAL: no pg_hba.conf entry for host \"10.0.0.7\", user \"app\","
                        + " database \"orders\", no encryption", "28000"), REFUSED, NOT_ALLOWED),
                of(Engine.POSTGRESQL, new SQLException("FATAL: pg_hba.conf rejects connection for host \"10.0.0.7\", "
                        + "user \"app\", database \"orders\", no encryption", "28000"), REFUSED, NOT_ALLOWED),
                of(Engine.POSTGRESQL, new SQLException("FATAL: role \"app\" is not permitted to log in", "28000"),
                        REFUSED, ACCOUNT_LOCKED),
                of(Engine.POSTGRESQL, new SQLException("FATAL: database \"nope\" does not exist", "3D000"),
                        REFUSED, NO_SUCH_DATABASE),
                of(Engine.POSTGRESQL, new PSQLException("Connection to 127.0.0.1:1 refused",
                        PSQLState.CONNECTION_UNABLE_TO_CONNECT), OTHER, null),
                of(Engine.REDSHIFT, new SQLException("FATAL: no pg_hba.conf entry for host", "28000"), REFUSED, NOT_ALLOWED),
                of(Engine.REDSHIFT, new SQLException("[Amazon](500310) Invalid operation: password authentication "
                        + "failed for user \"app\"", "28000"), WRONG_CREDENTIALS, null),

                // MySQL (server error numbers): 1045 wrong; 1044/1130/1129 not allowed; 1049 unknown DB; 3118 locked;
                // 3159 TLS required
                of(Engine.MYSQL, new SQLException("Access denied for user 'app'@'10.0.0.7' (using password: YES)",
                        "28000", 1045), WRONG_CREDENTIALS, null),
                of(Engine.MYSQL, new SQLException("Access denied for user 'app'@'%' to database 'orders'", "42000", 1044),
                        REFUSED, NOT_ALLOWED),
                of(Engine.MYSQL, new SQLException("Host '10.0.0.7' is not allowed to connect to this MySQL server",
                        "HY000", 1130), REFUSED, NOT_ALLOWED),
                of(Engine.MYSQL, new SQLException("Unknown database 'orders'", "42000", 1049), REFUSED, NO_SUCH_DATABASE),
                of(Engine.MYSQL, new SQLException("Access denied for user 'app'@'10.0.0.7'. Account is locked.",
                        "HY000", 3118), REFUSED, ACCOUNT_LOCKED),
                of(Engine.MYSQL, new SQLException("Connections using insecure transport are prohibited while "
                        + "--require_secure_transport=ON.", "HY000", 3159), REFUSED, TLS_REQUIRED),
                of(Engine.MYSQL, new SQLException("Communications link failure", "08S01", 0), OTHER, null),
                of(Engine.MARIADB, new SQLException("(conn=5) Access denied for user 'app'@'localhost' (using password: "
                        + "YES)", "28000", 1045), WRONG_CREDENTIALS, null),
                of(Engine.MARIADB, new SQLException("(conn=6) Access denied, this account is locked", "HY000", 4151),
                        REFUSED, ACCOUNT_LOCKED),
                of(Engine.MARIADB, new SQLException("Connections using insecure transport are prohibited while "
                        + "--require_secure_transport=ON.", "08004", 3159), REFUSED, TLS_REQUIRED),

                // Oracle (ORA numbers as vendor codes; in the message when the code is not set)
                of(Engine.ORACLE, oracle("ORA-01017: invalid credential or not authorized; logon denied", 1017),
                        WRONG_CREDENTIALS, null),
                of(Engine.ORACLE, oracle("ORA-28001: The account has expired. The password must be changed.", 28001),
                        WRONG_CREDENTIALS, null),
                of(Engine.ORACLE, oracle("ORA-28000: The account is locked.", 28000), REFUSED, ACCOUNT_LOCKED),
                of(Engine.ORACLE, oracle("ORA-01045: Login denied. User APP does not have CREATE SESSION privilege.",
                        1045), REFUSED, NOT_ALLOWED),
                of(Engine.ORACLE, new SQLException("Listener refused the connection with the following error:\n"
                        + "ORA-12505, TNS:listener does not currently know of SID given in connect descriptor",
                        "08006", 12505), REFUSED, NO_SUCH_DATABASE),
                of(Engine.ORACLE, new SQLException("IO Error: ORA-12514: Cannot connect to database. Service orders is "
                        + "not registered with the listener", "08006", 17002), REFUSED, NO_SUCH_DATABASE),
                of(Engine.ORACLE, new SQLException("IO Error: The Network Adapter could not establish the connection",
                        "08006", 17002), OTHER, null),

                // SQL Server: 18456 and its state (1 is what on-premises servers send every client)
                of(Engine.SQLSERVER, sqlServer(18456, 1, "Login failed for user 'app'."), WRONG_CREDENTIALS, null),
                of(Engine.SQLSERVER, sqlServer(18456, 8, "Login failed for user 'app'."), WRONG_CREDENTIALS, null),
                of(Engine.SQLSERVER, sqlServer(18456, 7, "Login failed for user 'app'."), REFUSED, ACCOUNT_LOCKED),
                of(Engine.SQLSERVER, sqlServer(18456, 38, "Login failed for user 'app'."), REFUSED, NO_SUCH_DATABASE),
                of(Engine.SQLSERVER, sqlServer(18456, 58, "Login failed for user 'app'."), REFUSED, NOT_ALLOWED),
                of(Engine.SQLSERVER, sqlServer(18486, 1, "Login failed for user 'app' because the account is currently "
                        + "locked out."), REFUSED, ACCOUNT_LOCKED),
                of(Engine.SQLSERVER, sqlServer(18488, 1, "Login failed for user 'app'. Reason: The password of the "
                        + "account must be changed."), WRONG_CREDENTIALS, null),
                of(Engine.SQLSERVER, sqlServer(4060, 1, "Cannot open database \"orders\" requested by the login. The "
                        + "login failed."), REFUSED, NO_SUCH_DATABASE),
                of(Engine.SQLSERVER, new SQLException("Login failed for user 'app'. ClientConnectionId:x", "S0001", 18456),
                        WRONG_CREDENTIALS, null),
                of(Engine.SQLSERVER, new SQLException("The TCP/IP connection to the host has failed", "08S01", 0),
                        OTHER, null),

                // Db2: SQL30082N reason codes, JCC -4214, SQL1403N, SQL1060N, SQL30061N
                of(Engine.DB2, db2Auth("SQL30082N  Security processing failed with reason \"24\" (\"USERNAME AND/OR "
                        + "PASSWORD INVALID\").  SQLSTATE=08001", "08001", -30082), WRONG_CREDENTIALS, null),
                of(Engine.DB2, db2Auth("SQL30082N  Security processing failed with reason \"1\" (\"PASSWORD "
                        + "EXPIRED\").  SQLSTATE=08001", "08001", -30082), WRONG_CREDENTIALS, null),
                of(Engine.DB2, db2Auth("SQL30082N  Security processing failed with reason \"19\" (\"USERID DISABLED "
                        + "or RESTRICTED\").  SQLSTATE=08001", "08001", -30082), REFUSED, ACCOUNT_LOCKED),
                of(Engine.DB2, db2Auth("CONNECTION FAILED FOR SECURITY REASON 7 (USER-ID REVOKED)", "08001", -30082),
                        REFUSED, ACCOUNT_LOCKED),
                of(Engine.DB2, db2Auth("SQL30082N  Security processing failed with reason \"17\" (\"UNSUPPORTED "
                        + "FUNCTION\").  SQLSTATE=08001", "08001", -30082), OTHER, null),
                of(Engine.DB2, db2Auth("[jcc][t4][2013][11249][4.33.31] Connection authorization failure occurred. "
                        + "Reason: User ID or Password invalid. ERRORCODE=-4214, SQLSTATE=28000", "28000", -4214),
                        WRONG_CREDENTIALS, null),
                of(Engine.DB2, db2Auth("[jcc][t4][2013][11249][4.33.31] Connection authorization failure occurred. "
                        + "Reason: User ID revoked. ERRORCODE=-4214, SQLSTATE=28000", "28000", -4214),
                        REFUSED, ACCOUNT_LOCKED),
                of(Engine.DB2, db2Auth("SQL1403N  The username and/or password supplied is incorrect.", "08004", -1403),
                        WRONG_CREDENTIALS, null),
                of(Engine.DB2, db2Connection("SQL1060N  User \"APP\" does not have the CONNECT privilege.", "08004",
                        -1060), REFUSED, NOT_ALLOWED),
                of(Engine.DB2, db2Connection("SQL30061N  The database alias or database name \"ORDERS\" was not found "
                        + "at the remote node.  SQLSTATE=08004", "08004", -30061), REFUSED, NO_SUCH_DATABASE),
                of(Engine.DB2, db2Connection("[jcc][t4][2043][11550][4.33.31] Exception java.net.ConnectException: "
                        + "Error opening socket. ERRORCODE=-4499, SQLSTATE=08001", "08001", -4499), OTHER, null));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("cases")
    void classifiesEachVendorsCodes(Engine engine, SQLException failure, Kind kind, Refusal refusal) {
        assertVerdict(engine.classify(failure), failure, kind, refusal);
        // wherever a pool or framework puts it: wrapped in the cause chain, or in the next-exception chain
        assertVerdict(engine.classify(new RuntimeException("pool", new IllegalStateException("inner", failure))),
                failure, kind, refusal);
        SQLException batch = new SQLException("outer", (String) null);
        batch.setNextException(failure);
        assertVerdict(engine.classify(batch), failure, kind, refusal);
        // findAuthFailure only reports failures a new password may fix
        assertThat((Object) engine.findAuthFailure(failure)).isSameAs(kind == WRONG_CREDENTIALS ? failure : null);
    }

    private static void assertVerdict(LoginFailure verdict, SQLException failure, Kind kind, Refusal refusal) {
        assertThat(verdict.kind()).isEqualTo(kind);
        assertThat(verdict.refusal()).isEqualTo(refusal);
        if (kind != OTHER) {
            assertThat((Object) verdict.evidence()).isSameAs(failure);
        }
    }

    private static Arguments of(Engine engine, SQLException failure, Kind kind, Refusal refusal) {
        return Arguments.of(engine, failure, kind, refusal);
    }

    /** As ojdbc raises server errors: the ORA number as vendor code, an OracleDatabaseException as the cause. */
    private static SQLException oracle(String message, int oraNumber) {
        return new SQLException(message, "72000", oraNumber,
                new OracleDatabaseException(0, oraNumber, message, null, null));
    }

    /** mssql-jdbc's own exception built from a server error with the given number and state. */
    private static SQLServerException sqlServer(int number, int state, String message) {
        try {
            Constructor<SQLServerError> constructor = SQLServerError.class.getDeclaredConstructor();
            constructor.setAccessible(true);
            SQLServerError error = constructor.newInstance();
            error.setErrorNumber(number);
            error.setErrorSeverity(14);
            set(error, "errorState", state);
            set(error, "errorMessage", message);
            return new SQLServerException(error);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("mssql-jdbc's SQLServerError changed shape", e);
        }
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }

    private static SQLException db2Auth(String message, String state, int sqlCode) {
        return new SQLInvalidAuthorizationSpecException(message, state, sqlCode);
    }

    private static SQLException db2Connection(String message, String state, int sqlCode) {
        return new SQLNonTransientConnectionException(message, state, sqlCode);
    }
}
