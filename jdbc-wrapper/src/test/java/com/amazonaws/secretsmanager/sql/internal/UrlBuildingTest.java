package com.amazonaws.secretsmanager.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hosts real databases use, accepted; anything that would add driver properties, refused (the F-2 rule). */
class UrlBuildingTest {

    @ParameterizedTest
    @ValueSource(strings = {"db", "db-1.cluster-abc.us-east-1.rds.amazonaws.com", "my_db.internal",
            "db.example.com.", "10.0.0.12", "::1", "[::1]", "2001:db8::1", "fe80::1%eth0", "[fe80::1%eth0]",
            "sql1\\SQLEXPRESS", "sql-1.corp.example.com\\INST_2", "sql1\\A$B"})
    void realHostsAreAccepted(String host) {
        assertThat(SecretFields.isHost(host)).as(host).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"db?socketFactory=x", "db;databaseName=master", "db/other", "db&x=y", "db#x", "user@db",
            "db:5432", "ab:1", "[::1", "::1]", "db\\INST;integratedSecurity=true", "db\\", "db\\1INST", "db\\INST\\X",
            "db name", "-db", "db\\THIS_NAME_IS_TOO_LONG"})
    void hostsThatChangeTheUrlAreRefused(String host) {
        assertThat(SecretFields.isHost(host)).as(host).isFalse();
    }

    @Test
    void sqlServerNamedInstancesWithAndWithoutPort() throws Exception {
        String withPort = Engine.SQLSERVER.realUrl("sql1\\SQLEXPRESS", 1444, "app", Engine.SQLSERVER);
        String withoutPort = Engine.SQLSERVER.realUrl("sql1\\SQLEXPRESS", null, "app", Engine.SQLSERVER);
        assertThat(withPort).isEqualTo("jdbc:sqlserver://sql1\\SQLEXPRESS:1444;databaseName=app");
        assertThat(withoutPort).isEqualTo("jdbc:sqlserver://sql1\\SQLEXPRESS;databaseName=app");
        com.microsoft.sqlserver.jdbc.SQLServerDriver mssql = new com.microsoft.sqlserver.jdbc.SQLServerDriver();
        for (String url : new String[] {withPort, withoutPort}) {
            assertThat(mssql.acceptsURL(url)).isTrue();
            assertThat(property(mssql.getPropertyInfo(url, new Properties()), "instanceName")).isEqualToIgnoringCase("SQLEXPRESS");
        }
        assertThat(property(mssql.getPropertyInfo(withPort, new Properties()), "portNumber")).isEqualTo("1444");
        // without a named instance the default port is used
        assertThat(Engine.SQLSERVER.realUrl("sql1", null, null, Engine.SQLSERVER)).isEqualTo("jdbc:sqlserver://sql1:1433");
    }

    @Test
    void aNamedInstanceIsOnlyForSqlServer() {
        assertThatThrownBy(() -> Engine.POSTGRESQL.realUrl("pg\\INST", 5432, "db", Engine.POSTGRESQL))
                .isInstanceOf(SQLException.class).hasMessageContaining("SQL Server instance");
    }

    @Test
    void ipv6LiteralsGetBracketsOnce() throws Exception {
        assertThat(Engine.POSTGRESQL.realUrl("::1", 5432, "db", null)).isEqualTo("jdbc:postgresql://[::1]:5432/db");
        assertThat(Engine.POSTGRESQL.realUrl("[::1]", 5432, "db", null)).isEqualTo("jdbc:postgresql://[::1]:5432/db");
        assertThat(Engine.MYSQL.realUrl("2001:db8::1", null, null, null)).isEqualTo("jdbc:mysql://[2001:db8::1]:3306");
        assertThat(new org.postgresql.Driver().acceptsURL(Engine.POSTGRESQL.realUrl("::1", 5432, "db", null))).isTrue();
    }

    @Test
    void aSecretOfTheFamilyKeepsItsEnginesDefaultPort() throws Exception {
        assertThat(Engine.REDSHIFT.realUrl("h", null, "db", Engine.POSTGRESQL)).isEqualTo("jdbc:redshift://h:5432/db");
        assertThat(Engine.MARIADB.realUrl("h", null, null, Engine.MYSQL)).isEqualTo("jdbc:mariadb://h:3306");
    }

    private static String property(java.sql.DriverPropertyInfo[] info, String name) {
        for (java.sql.DriverPropertyInfo property : info) {
            if (property.name.equalsIgnoreCase(name)) {
                return property.value;
            }
        }
        return null;
    }
}
