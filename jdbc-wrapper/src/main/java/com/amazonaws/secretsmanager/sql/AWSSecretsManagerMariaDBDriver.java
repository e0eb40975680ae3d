package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The MariaDB wrapper driver (real driver and URL templates: see the module README).
 */
public final class AWSSecretsManagerMariaDBDriver extends AWSSecretsManagerDriver {

    /** The JDBC subprotocol: {@code jdbc-secretsmanager:mariadb:...}, settings {@code drivers.mariadb.*}. */
    public static final String SUBPREFIX = "mariadb";

    /** MariaDB server error 1045: wrong user name or password. Retried. */
    public static final int ACCESS_DENIED_FOR_USER_USING_PASSWORD_TO_DATABASE = 1045;

    static {
        new AWSSecretsManagerMariaDBDriver(); // registers itself: the first instance of its class
    }

    /** On the process-wide shared cache. Registered with DriverManager if no {@code AWSSecretsManagerMariaDBDriver} is. */
    public AWSSecretsManagerMariaDBDriver() {
        super();
    }

    /** On {@code cache} (left open on deregistration). Registered with DriverManager if no {@code AWSSecretsManagerMariaDBDriver} is. */
    public AWSSecretsManagerMariaDBDriver(SecretCache cache) {
        super(cache);
    }

    /** On a cache built from {@code builder} on first use. Registered with DriverManager if no {@code AWSSecretsManagerMariaDBDriver} is. */
    public AWSSecretsManagerMariaDBDriver(SecretsManagerClientBuilder builder) {
        super(builder);
    }

    /** On a cache built around {@code client} on first use. Registered with DriverManager if no {@code AWSSecretsManagerMariaDBDriver} is. */
    public AWSSecretsManagerMariaDBDriver(SecretsManagerClient client) {
        super(client);
    }

    /** On a cache built from {@code configuration} on first use. Registered with DriverManager if no {@code AWSSecretsManagerMariaDBDriver} is. */
    public AWSSecretsManagerMariaDBDriver(SecretCacheConfiguration configuration) {
        super(configuration);
    }

    @Override
    Engine tableEngine() {
        return Engine.MARIADB;
    }

    /** {@value #SUBPREFIX}. */
    @Override
    public String getPropertySubprefix() {
        return SUBPREFIX;
    }

    /** The engine table's verdict: wrong credentials (see the module README's table). */
    @Override
    public boolean isExceptionDueToAuthenticationError(Exception exception) {
        return Engine.MARIADB.isWrongCredentials(exception);
    }

    /** The engine table's URL template, with the same checks as a URL built from a secret. */
    @Override
    public String constructUrlFromEndpointPortDatabase(String endpoint, String port, String dbname) {
        return Engine.MARIADB.urlFromParts(endpoint, port, dbname);
    }

    @Override
    public String getDefaultDriverClass() {
        return Engine.MARIADB.defaultDriverClass();
    }
}
