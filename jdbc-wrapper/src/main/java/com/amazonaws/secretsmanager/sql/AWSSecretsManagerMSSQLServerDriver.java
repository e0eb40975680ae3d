package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The MSSQLServer wrapper driver (real driver and URL templates: see the module README).
 */
public final class AWSSecretsManagerMSSQLServerDriver extends AWSSecretsManagerDriver {

    /** The JDBC subprotocol: {@code jdbc-secretsmanager:sqlserver:...}, settings {@code drivers.sqlserver.*}. */
    public static final String SUBPREFIX = "sqlserver";

    /** SQL Server error 18456: login failed. Retried for the login states that mean wrong credentials (see the module README). */
    public static final int LOGIN_FAILED = 18456;

    /** SQL Server error 18452: login from an untrusted domain. Not retried by this library (no password fixes it). */
    public static final int LOGIN_FAILED_UNTRUSTED_DOMAIN = 18452;

    static {
        new AWSSecretsManagerMSSQLServerDriver(); // registers itself: the first instance of its class
    }

    /** On the process-wide shared cache. Registered with DriverManager if no {@code AWSSecretsManagerMSSQLServerDriver} is. */
    public AWSSecretsManagerMSSQLServerDriver() {
        super();
    }

    /** On {@code cache} (left open on deregistration). Registered with DriverManager if no {@code AWSSecretsManagerMSSQLServerDriver} is. */
    public AWSSecretsManagerMSSQLServerDriver(SecretCache cache) {
        super(cache);
    }

    /** On a cache built from {@code builder} on first use. Registered with DriverManager if no {@code AWSSecretsManagerMSSQLServerDriver} is. */
    public AWSSecretsManagerMSSQLServerDriver(SecretsManagerClientBuilder builder) {
        super(builder);
    }

    /** On a cache built around {@code client} on first use. Registered with DriverManager if no {@code AWSSecretsManagerMSSQLServerDriver} is. */
    public AWSSecretsManagerMSSQLServerDriver(SecretsManagerClient client) {
        super(client);
    }

    /** On a cache built from {@code configuration} on first use. Registered with DriverManager if no {@code AWSSecretsManagerMSSQLServerDriver} is. */
    public AWSSecretsManagerMSSQLServerDriver(SecretCacheConfiguration configuration) {
        super(configuration);
    }

    @Override
    Engine tableEngine() {
        return Engine.SQLSERVER;
    }

    /** {@value #SUBPREFIX}. */
    @Override
    public String getPropertySubprefix() {
        return SUBPREFIX;
    }

    /** The engine table's verdict: wrong credentials (see the module README's table). */
    @Override
    public boolean isExceptionDueToAuthenticationError(Exception exception) {
        return Engine.SQLSERVER.isWrongCredentials(exception);
    }

    /** The engine table's URL template, with the same checks as a URL built from a secret. */
    @Override
    public String constructUrlFromEndpointPortDatabase(String endpoint, String port, String dbname) {
        return Engine.SQLSERVER.urlFromParts(endpoint, port, dbname);
    }

    @Override
    public String getDefaultDriverClass() {
        return Engine.SQLSERVER.defaultDriverClass();
    }
}
