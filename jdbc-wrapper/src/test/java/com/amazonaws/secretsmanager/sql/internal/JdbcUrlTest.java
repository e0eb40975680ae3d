package com.amazonaws.secretsmanager.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "jdbc-secretsmanager:postgresql://h:5432/db?sslmode=require | WRAPPED",
            "prod/app/db                                                | SECRET_ID",
            "my-secret_name+=.@                                         | SECRET_ID",
            "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf | SECRET_ID",
            "jdbc:postgresql://h/db                                     | FOREIGN",
            "h2:mem:test                                                | FOREIGN",
            "not a secret                                               | FOREIGN"})
    void kinds(String url, JdbcUrl.Kind kind) {
        assertThat(JdbcUrl.parse(url).kind()).isEqualTo(kind);
    }

    @Test
    void blankUrls() {
        assertThat(JdbcUrl.parse("").kind()).isEqualTo(JdbcUrl.Kind.BLANK);
        assertThat(JdbcUrl.parse("  \t").kind()).isEqualTo(JdbcUrl.Kind.BLANK);
    }

    @Test
    void wrappedUrlsKeepEverythingAfterTheScheme() {
        JdbcUrl url = JdbcUrl.parse("jdbc-secretsmanager:mysql://h:3306/db?sslMode=REQUIRED&x=jdbc-secretsmanager:y");
        assertThat(url.realUrl()).isEqualTo("jdbc:mysql://h:3306/db?sslMode=REQUIRED&x=jdbc-secretsmanager:y");
        assertThat(url.hasSubprotocol("mysql")).isTrue();
        assertThat(url.hasSubprotocol("mariadb")).isFalse();
        assertThat(JdbcUrl.parse("jdbc-secretsmanager:mysql+srv://cluster/db").hasSubprotocol("mysql")).isTrue();
        assertThat(JdbcUrl.parse("jdbc-secretsmanager:mysqlx://h/db").hasSubprotocol("mysql")).isFalse();
        assertThat(JdbcUrl.parse("jdbc-secretsmanager:oracle:thin:@h:1521/ORCL").hasSubprotocol("oracle")).isTrue();
        assertThat(JdbcUrl.parse("jdbc-secretsmanager::mysql://h").hasSubprotocol("mysql")).isFalse();
    }

    @Test
    void secretIdsAreTrimmedAndArnsCarryTheirRegion() {
        assertThat(JdbcUrl.parse(" prod/db ").secretId()).isEqualTo("prod/db");
        assertThat(JdbcUrl.regionOfArn("arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf"))
                .isEqualTo("eu-west-1");
        assertThat(JdbcUrl.regionOfArn("arn:aws-cn:secretsmanager:cn-north-1:123456789012:secret:x")).isEqualTo("cn-north-1");
        assertThat(JdbcUrl.regionOfArn("prod/db")).isNull();
    }
}
