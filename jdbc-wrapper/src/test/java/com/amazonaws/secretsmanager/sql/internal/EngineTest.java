package com.amazonaws.secretsmanager.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

class EngineTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "MYSQL,      jdbc:mysql://db.example:3306/app,                  jdbc:mysql://db.example:3306",
            "MARIADB,    jdbc:mariadb://db.example:3306/app,                jdbc:mariadb://db.example:3306",
            "POSTGRESQL, jdbc:postgresql://db.example:5432/app,             jdbc:postgresql://db.example:5432/",
            "REDSHIFT,   jdbc:redshift://db.example:5439/app,               jdbc:redshift://db.example:5439/",
            "ORACLE,     jdbc:oracle:thin:@//db.example:1521/app,           jdbc:oracle:thin:@//db.example:1521",
            "SQLSERVER,  jdbc:sqlserver://db.example:1433;databaseName=app, jdbc:sqlserver://db.example:1433",
            "DB2,        jdbc:db2://db.example:50000/app,                   jdbc:db2://db.example:50000"})
    void urlTemplatesUseTheDefaultPortAndOptionalDatabase(Engine engine, String withDatabase, String withoutDatabase) {
        assertThat(engine.buildUrl("db.example", engine.defaultPort(), "app")).isEqualTo(withDatabase);
        assertThat(engine.buildUrl("db.example", engine.defaultPort(), null)).isEqualTo(withoutDatabase);
        assertThat(engine.buildUrl("db.example", engine.defaultPort(), "")).isEqualTo(withoutDatabase);
    }

    @Test
    void ipv6HostsGetBrackets() {
        assertThat(Engine.POSTGRESQL.buildUrl("::1", 5432, "db")).isEqualTo("jdbc:postgresql://[::1]:5432/db");
        assertThat(Engine.MYSQL.buildUrl("[::1]", 3306, "db")).isEqualTo("jdbc:mysql://[::1]:3306/db");
    }

    @ParameterizedTest
    @CsvSource({"mysql,MYSQL", "aurora,MYSQL", "aurora-mysql,MYSQL", "mariadb,MARIADB", "postgres,POSTGRESQL",
            "postgresql,POSTGRESQL", "aurora-postgresql,POSTGRESQL", "redshift,REDSHIFT", "oracle,ORACLE",
            "sqlserver,SQLSERVER", "db2,DB2", "Postgres,POSTGRESQL", "' mysql ',MYSQL"})
    void secretEngineNames(String name, Engine expected) {
        assertThat(Engine.forSecretEngine(name)).isEqualTo(expected);
    }

    @Test
    void unknownSecretEngineNames() {
        assertThat(Engine.forSecretEngine("mongo")).isNull();
        assertThat(Engine.forSecretEngine(null)).isNull();
    }

    static Stream<Arguments> authFailures() {
        return Stream.of(
                Arguments.of(Engine.MYSQL, new SQLException("Access denied for user 'u'@'h' (using password: YES)", "28000", 1045)),
                Arguments.of(Engine.MYSQL, new SQLException("Access denied (no SQLState)", null, 1045)),
                Arguments.of(Engine.MARIADB, new SQLException("(conn=5) Access denied for user", "28000", 1045)),
                Arguments.of(Engine.POSTGRESQL, new PSQLException("FATAL: password authentication failed", PSQLState.INVALID_PASSWORD)),
                Arguments.of(Engine.POSTGRESQL, new SQLException("FATAL: role \"u_clone\" does not exist", "28000")),
                Arguments.of(Engine.REDSHIFT, new SQLException("FATAL: password authentication failed for user", "28P01")),
                Arguments.of(Engine.REDSHIFT, new SQLException("[Amazon](500310) Invalid operation", "28000")),
                Arguments.of(Engine.ORACLE, new SQLException("ORA-01017: invalid username/password; logon denied", "72000", 1017)),
                Arguments.of(Engine.ORACLE, new SQLException("ORA-09911: Incorrect user password", "99999", 9911)),
                Arguments.of(Engine.ORACLE, new SQLException("ORA-17079: User credentials doesn't match the existing ones", null, 17079)),
                Arguments.of(Engine.SQLSERVER, new SQLException("Login failed for user 'u'. ClientConnectionId:x", "S0001", 18456)),
                Arguments.of(Engine.DB2, new SQLException("[jcc][t4][2010][11246][4.33.31] Connection authorization failure occurred. "
                        + "Reason: User ID or Password invalid. ERRORCODE=-4214, SQLSTATE=28000", "28000", -4214)),
                Arguments.of(Engine.DB2, new SQLException("SQL30082N Security processing failed with reason \"24\" "
                        + "(\"USERNAME AND/OR PASSWORD INVALID\").  SQLSTATE=08001", "08001", -30082)),
                Arguments.of(Engine.DB2, new SQLException("CONNECTION FAILED FOR SECURITY REASON 2 (PASSWORD INVALID)",
                        "08001", -30082)),
                Arguments.of(Engine.DB2, new SQLException("SQL1403N The username and/or password supplied is incorrect.",
                        "08004", -1403)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("authFailures")
    void recognisesAuthenticationFailures(Engine engine, SQLException failure) {
        assertThat((Object) engine.findAuthFailure(failure)).isSameAs(failure);
        // wrapped by a pool or framework, however deep
        RuntimeException wrapped = new RuntimeException("pool failed", new IllegalStateException("inner", failure));
        assertThat((Object) engine.findAuthFailure(wrapped)).isSameAs(failure);
        SQLException chained = new SQLException("batch", "HY000");
        chained.setNextException(failure);
        assertThat((Object) engine.findAuthFailure(chained)).isSameAs(failure);
    }

    static Stream<Arguments> otherFailures() {
        return Stream.of(
                Arguments.of(Engine.POSTGRESQL, new PSQLException("Connection to 127.0.0.1:1 refused", PSQLState.CONNECTION_UNABLE_TO_CONNECT)),
                Arguments.of(Engine.POSTGRESQL, new SQLException("FATAL: database \"nope\" does not exist", "3D000")),
                Arguments.of(Engine.POSTGRESQL, new SQLException("SSL error: handshake", "08006")),
                Arguments.of(Engine.MYSQL, new SQLException("Unknown database 'nope'", "42000", 1049)),
                Arguments.of(Engine.MYSQL, new SQLException("Communications link failure", "08S01", 0)),
                Arguments.of(Engine.MARIADB, new SQLException("Socket fail to connect", "08000", -1)),
                Arguments.of(Engine.ORACLE, new SQLException("IO Error: The Network Adapter could not establish the connection", "08006", 17002)),
                Arguments.of(Engine.SQLSERVER, new SQLException("The TCP/IP connection to the host has failed", "08S01", 0)),
                Arguments.of(Engine.DB2, new SQLException("SQL30082N Security processing failed with reason \"17\" "
                        + "(\"UNSUPPORTED FUNCTION\").  SQLSTATE=08001", "08001", -30082)),
                Arguments.of(Engine.DB2, new SQLException(null, null, -30082)),
                Arguments.of(Engine.DB2, new SQLException("connection refused ERRORCODE=-4499, SQLSTATE=08001", "08001", -4499)),
                // a code that means "auth" for one engine means nothing for another
                Arguments.of(Engine.POSTGRESQL, new SQLException("x", null, 1045)),
                Arguments.of(Engine.SQLSERVER, new SQLException("x", "28000", 0)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("otherFailures")
    void otherFailuresAreNotAuthenticationFailures(Engine engine, SQLException failure) {
        assertThat((Object) engine.findAuthFailure(failure)).isNull();
        assertThat((Object) engine.findAuthFailure(new RuntimeException(failure))).isNull();
    }

    @Test
    void nullSafeAndCycleSafe() {
        assertThat((Object) Engine.POSTGRESQL.findAuthFailure(null)).isNull();
        assertThat((Object) Engine.POSTGRESQL.findAuthFailure(new SQLException((String) null))).isNull();
        assertThat((Object) Engine.POSTGRESQL.findAuthFailure(new RuntimeException())).isNull();
        SQLException first = new SQLException("a", (String) null);
        SQLException second = new SQLException("b", (String) null);
        first.initCause(second);
        second.initCause(first);
        first.setNextException(second);
        assertThat((Object) Engine.MYSQL.findAuthFailure(first)).isNull();
    }

    @org.junit.jupiter.api.Test
    void pgjdbcDecodesTheDatabaseNameSoItIsPercentEncoded() {
        assertThat(Engine.POSTGRESQL.buildUrl("db", 5432, "my+db")).isEqualTo("jdbc:postgresql://db:5432/my%2Bdb");
        assertThat(Engine.REDSHIFT.buildUrl("db", 5439, "a%41")).isEqualTo("jdbc:redshift://db:5439/a%2541");
        assertThat(Engine.MYSQL.buildUrl("db", 3306, "my+db")).isEqualTo("jdbc:mysql://db:3306/my+db");
    }
}
