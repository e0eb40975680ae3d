package dev.smkit.c3p0.internal;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The secret {@code engine} values the factories accept, and the smkit wrapper driver serving each. */
public enum WrapperEngine {
    MYSQL("AWSSecretsManagerMySQLDriver", "mysql", "aurora", "aurora-mysql"),
    MARIADB("AWSSecretsManagerMariaDBDriver", "mariadb"),
    POSTGRESQL("AWSSecretsManagerPostgreSQLDriver", "postgres", "postgresql", "aurora-postgresql"),
    ORACLE("AWSSecretsManagerOracleDriver", "oracle"),
    SQLSERVER("AWSSecretsManagerMSSQLServerDriver", "sqlserver"),
    DB2("AWSSecretsManagerDb2Driver", "db2"),
    REDSHIFT("AWSSecretsManagerRedshiftDriver", "redshift");

    private static final String DRIVER_PACKAGE = "com.amazonaws.secretsmanager.sql.";

    private final String driverClassName;
    private final List<String> engineNames;

    WrapperEngine(String driverSimpleName, String... engineNames) {
        this.driverClassName = DRIVER_PACKAGE + driverSimpleName;
        this.engineNames = Arrays.asList(engineNames);
    }

    public String driverClassName() {
        return driverClassName;
    }

    /** @throws IllegalArgumentException naming the secret, the engine and every supported engine name */
    public static WrapperEngine forSecretEngine(String secretId, String engine) {
        String wanted = engine.trim().toLowerCase(Locale.ROOT);
        return Stream.of(values()).filter(e -> e.engineNames.contains(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Secret '" + secretId + "' has engine '" + engine
                        + "', which is not supported; supported engines: " + supportedNames()));
    }

    public static String supportedNames() {
        return Stream.of(values()).flatMap(e -> e.engineNames.stream()).collect(Collectors.joining(", "));
    }
}
