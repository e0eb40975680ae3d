package com.amazonaws.secretsmanager.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EngineSelectionTest {

    private static final Set<Engine> ALL = EnumSet.allOf(Engine.class);

    private static EngineSelection selection(Set<Engine> preferred, Set<Engine> available) {
        return new EngineSelection(EnumSet.copyOf(preferred.isEmpty() ? EnumSet.noneOf(Engine.class) : preferred),
                available::contains);
    }

    @Test
    void theSecretsEngineDecides() throws SQLException {
        EngineSelection selection = selection(EnumSet.of(Engine.MYSQL), ALL);
        assertThat(selection.select("s", "postgres", 3306)).isEqualTo(Engine.POSTGRESQL);
        assertThat(selection.select("s", "aurora-mysql", null)).isEqualTo(Engine.MYSQL);
        assertThat(selection.select("s", "mariadb", null)).isEqualTo(Engine.MARIADB);
    }

    @Test
    void anUnknownEngineIsAnError() {
        assertThatThrownBy(() -> selection(EnumSet.noneOf(Engine.class), ALL).select("db/mongo", "mongo", 27017))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("db/mongo")
                .hasMessageContaining("'mongo'");
    }

    @Test
    void withoutEngineTheOnlyRealDriverOnTheClasspathWins() throws SQLException {
        assertThat(selection(EnumSet.noneOf(Engine.class), EnumSet.of(Engine.ORACLE)).select("s", null, 4444))
                .isEqualTo(Engine.ORACLE);
    }

    @Test
    void withoutEngineAWellKnownPortDecides() throws SQLException {
        EngineSelection selection = selection(EnumSet.noneOf(Engine.class), ALL);
        assertThat(selection.select("s", null, 5432)).isEqualTo(Engine.POSTGRESQL);
        assertThat(selection.select("s", null, 5439)).isEqualTo(Engine.REDSHIFT);
        assertThat(selection.select("s", null, 1521)).isEqualTo(Engine.ORACLE);
        assertThat(selection.select("s", null, 1433)).isEqualTo(Engine.SQLSERVER);
        assertThat(selection.select("s", null, 50000)).isEqualTo(Engine.DB2);
        // 3306 is MySQL's and MariaDB's: Connector/J talks to both
        assertThat(selection.select("s", null, 3306)).isEqualTo(Engine.MYSQL);
        assertThat(selection(EnumSet.noneOf(Engine.class), EnumSet.of(Engine.MARIADB, Engine.POSTGRESQL))
                .select("s", null, 3306)).isEqualTo(Engine.MARIADB);
        assertThat(selection(EnumSet.of(Engine.MARIADB), ALL).select("s", null, 3306)).isEqualTo(Engine.MARIADB);
    }

    @Test
    void withoutEngineTheApplicationsExplicitChoiceDecides() throws SQLException {
        assertThat(selection(EnumSet.of(Engine.POSTGRESQL), ALL).select("s", null, 61234)).isEqualTo(Engine.POSTGRESQL);
        assertThat(selection(EnumSet.of(Engine.POSTGRESQL), ALL).select("s", null, null)).isEqualTo(Engine.POSTGRESQL);
        // an explicit choice whose real driver is missing does not count
        assertThat(selection(EnumSet.of(Engine.DB2, Engine.POSTGRESQL), EnumSet.of(Engine.POSTGRESQL, Engine.MYSQL))
                .select("s", null, null)).isEqualTo(Engine.POSTGRESQL);
    }

    @Test
    void ambiguityExplainsHowToFixIt() {
        assertThatThrownBy(() -> selection(EnumSet.noneOf(Engine.class), ALL).select("db/app", null, 61234))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("db/app")
                .hasMessageContaining("no \"engine\" key")
                .hasMessageContaining("Add \"engine\"")
                .hasMessageContaining("jdbc-secretsmanager:");
        assertThatThrownBy(() -> selection(EnumSet.of(Engine.POSTGRESQL, Engine.ORACLE), ALL).select("s", null, null))
                .hasMessageContaining("postgresql, oracle");
    }
}
