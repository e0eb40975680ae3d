package com.amazonaws.secretsmanager.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.secretsmanager.sql.internal.EngineResolution.Basis;
import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The documented order, as a pure function: every input explicit, no class-loading history. */
class EngineResolutionTest {

    private static final Set<Engine> ALL = EnumSet.allOf(Engine.class);

    private static EngineResolution resolve(String engine, Integer port, Engine asked, Engine configured,
                                            Set<Engine> available) throws SQLException {
        return EngineResolution.resolve("db/app", engine, port, asked, configured, available::contains);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theSecretsEngineDecidesWhoeverIsAsked(Engine asked) throws SQLException {
        assertThat(resolve("postgres", 3306, asked, Engine.MYSQL, ALL).engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(resolve("Aurora-MySQL", null, asked, null, EnumSet.noneOf(Engine.class)).engine())
                .isEqualTo(Engine.MYSQL);
        assertThat(resolve("mariadb", 5432, asked, null, ALL).basis()).isEqualTo(Basis.SECRET_ENGINE);
    }

    @Test
    void anUnknownEngineIsAnErrorNamingIt() {
        assertThatThrownBy(() -> resolve("mongo", 27017, Engine.MYSQL, null, ALL))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("08001"))
                .hasMessageContaining("db/app")
                .hasMessageContaining("'mongo'");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void withoutEngineTheProcessConfigurationDecidesWhoeverIsAsked(Engine asked) throws SQLException {
        EngineResolution resolution = resolve(null, 3306, asked, Engine.POSTGRESQL, ALL);
        assertThat(resolution.engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(resolution.basis()).isEqualTo(Basis.CONFIGURED);
    }

    @Test
    void withoutEngineADefaultPortDecidesUnlessTheAskedWrapperAlsoOwnsIt() throws SQLException {
        assertThat(resolve(null, 5432, Engine.MYSQL, null, ALL).engine()).isEqualTo(Engine.POSTGRESQL);
        assertThat(resolve(null, 5439, Engine.POSTGRESQL, null, ALL).engine()).isEqualTo(Engine.REDSHIFT);
        assertThat(resolve(null, 1521, Engine.DB2, null, ALL).engine()).isEqualTo(Engine.ORACLE);
        assertThat(resolve(null, 1433, Engine.DB2, null, ALL).engine()).isEqualTo(Engine.SQLSERVER);
        assertThat(resolve(null, 50000, Engine.ORACLE, null, ALL).engine()).isEqualTo(Engine.DB2);
        // 3306 belongs to MySQL and MariaDB: the asked one of the two keeps it, anyone else hands it to MySQL
        assertThat(resolve(null, 3306, Engine.MARIADB, null, ALL).engine()).isEqualTo(Engine.MARIADB);
        assertThat(resolve(null, 3306, Engine.MYSQL, null, ALL).engine()).isEqualTo(Engine.MYSQL);
        assertThat(resolve(null, 3306, Engine.POSTGRESQL, null, ALL).engine()).isEqualTo(Engine.MYSQL);
        // an engine whose real driver is missing does not own its port
        assertThat(resolve(null, 3306, Engine.POSTGRESQL, null, EnumSet.of(Engine.MARIADB, Engine.POSTGRESQL))
                .engine()).isEqualTo(Engine.MARIADB);
        assertThat(resolve(null, 5432, Engine.POSTGRESQL, null, ALL).basis()).isEqualTo(Basis.PORT);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void withoutEngineOrKnownPortTheAskedWrapperTakesIt(Engine asked) throws SQLException {
        // This is how a pool's driverClassName (HikariCP calls the registered instance of that class), an instance
        // the application calls, or the first wrapper DriverManager asks, wins.
        EngineResolution resolution = resolve(null, 61234, asked, null, ALL);
        assertThat(resolution.engine()).isEqualTo(asked);
        assertThat(resolution.basis()).isEqualTo(Basis.GUESSED);
        assertThat(resolve(null, null, asked, null, ALL).engine()).isEqualTo(asked);
    }

    @Test
    void anAskedWrapperWithoutItsRealDriverDeclinesInFavourOfOneThatHasIt() throws SQLException {
        assertThat(resolve(null, null, Engine.DB2, null, EnumSet.of(Engine.POSTGRESQL)).engine())
                .isEqualTo(Engine.POSTGRESQL);
        assertThat(resolve(null, null, Engine.DB2, null, EnumSet.of(Engine.ORACLE, Engine.POSTGRESQL)).engine())
                .isNotEqualTo(Engine.DB2);
        // no real driver at all: the asked wrapper keeps it, and its connect names the missing driver
        assertThat(resolve(null, null, Engine.DB2, null, EnumSet.noneOf(Engine.class)).engine()).isEqualTo(Engine.DB2);
    }

    @Test
    void aGuessCarriesAHintSayingHowToNameTheEngine() throws SQLException {
        SQLException hint = resolve(null, null, Engine.MYSQL, null, ALL).guessHint("db/app");
        assertThat(hint.getMessage()).contains("'db/app'").contains("no \"engine\" key").contains("mysql")
                .contains("drivers.engine").contains("jdbc-secretsmanager:");
    }
}
