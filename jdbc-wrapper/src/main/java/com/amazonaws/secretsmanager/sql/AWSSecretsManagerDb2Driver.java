package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The Db2 wrapper driver (real driver and URL templates: see the module README).
 */
public final class AWSSecretsManagerDb2Driver extends AWSSecretsManagerDriver {

    /** The JDBC subprotocol: {@code jdbc-secretsmanager:db2:...}, settings {@code drivers.db2.*}. */
    public static final String SUBPREFIX = "db2";

    /** Db2 SQLCODE -1403 (SQL1403N): wrong user name or password. Retried. */
    public static final int ACCESS_DENIED_FOR_USER_USING_PASSWORD_TO_DATABASE = -1403;

    /** Db2 JCC error -4214: authorization failure. Retried unless its reason says revoked, disabled or locked. */
    public static final int AUTH_ERROR = -4214;

    static {
        new AWSSecretsManagerDb2Driver(); // registers itself: the first instance of its class
    }

    /** On the process-wide shared cache. Registered with DriverManager if no {@code AWSSecretsManagerDb2Driver} is. */
    public AWSSecretsManagerDb2Driver() {
        super();
    }

    /** On {@code cache} (left open on deregistration). Registered with DriverManager if no {@code AWSSecretsManagerDb2Driver} is. */
    public AWSSecretsManagerDb2Driver(SecretCache cache) {
        super(cache);
    }

    /** On a cache built from {@code builder} on first use. Registered with DriverManager if no {@code AWSSecretsManagerDb2Driver} is. */
    public AWSSecretsManagerDb2Driver(SecretsManagerClientBuilder builder) {
        super(builder);
    }

    /** On a cache built around {@code client} on first use. Registered with DriverManager if no {@code AWSSecretsManagerDb2Driver} is. */
    public AWSSecretsManagerDb2Driver(SecretsManagerClient client) {
        super(client);
    }

    /** On a cache built from {@code configuration} on first use. Registered with DriverManager if no {@code AWSSecretsManagerDb2Driver} is. */
    public AWSSecretsManagerDb2Driver(SecretCacheConfiguration configuration) {
        super(configuration);
    }

    @Override
    Engine tableEngine() {
        return Engine.DB2;
    }

    /** {@value #SUBPREFIX}. */
    @Override
    public String getPropertySubprefix() {
        return SUBPREFIX;
    }

    /** The engine table's verdict: wrong credentials (see the module README's table). */
    @Override
    public boolean isExceptionDueToAuthenticationError(Exception exception) {
        return Engine.DB2.isWrongCredentials(exception);
    }

    /** The engine table's URL template, with the same checks as a URL built from a secret. */
    @Override
    public String constructUrlFromEndpointPortDatabase(String endpoint, String port, String dbname) {
        return Engine.DB2.urlFromParts(endpoint, port, dbname);
    }

    @Override
    public String getDefaultDriverClass() {
        return Engine.DB2.defaultDriverClass();
    }
}
