package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The Oracle wrapper driver (real driver and URL templates: see the module README).
 */
public final class AWSSecretsManagerOracleDriver extends AWSSecretsManagerDriver {

    /** The JDBC subprotocol: {@code jdbc-secretsmanager:oracle:...}, settings {@code drivers.oracle.*}. */
    public static final String SUBPREFIX = "oracle";

    /** Oracle JDBC error 17079: the user credentials do not match. Retried. */
    public static final int USER_CREDENTIALS_DO_NOT_MATCH = 17079;

    /** ORA-01017: invalid user name or password. Retried. */
    public static final int INVALID_USERNAME_OR_PASSWORD = 1017;

    /** ORA-09911: incorrect user password. Retried. */
    public static final int INCORRECT_USER_PASSWORD = 9911;

    static {
        new AWSSecretsManagerOracleDriver(); // registers itself: the first instance of its class
    }

    /** On the process-wide shared cache. Registered with DriverManager if no {@code AWSSecretsManagerOracleDriver} is. */
    public AWSSecretsManagerOracleDriver() {
        super();
    }

    /** On {@code cache} (left open on deregistration). Registered with DriverManager if no {@code AWSSecretsManagerOracleDriver} is. */
    public AWSSecretsManagerOracleDriver(SecretCache cache) {
        super(cache);
    }

    /** On a cache built from {@code builder} on first use. Registered with DriverManager if no {@code AWSSecretsManagerOracleDriver} is. */
    public AWSSecretsManagerOracleDriver(SecretsManagerClientBuilder builder) {
        super(builder);
    }

    /** On a cache built around {@code client} on first use. Registered with DriverManager if no {@code AWSSecretsManagerOracleDriver} is. */
    public AWSSecretsManagerOracleDriver(SecretsManagerClient client) {
        super(client);
    }

    /** On a cache built from {@code configuration} on first use. Registered with DriverManager if no {@code AWSSecretsManagerOracleDriver} is. */
    public AWSSecretsManagerOracleDriver(SecretCacheConfiguration configuration) {
        super(configuration);
    }

    @Override
    Engine tableEngine() {
        return Engine.ORACLE;
    }

    /** {@value #SUBPREFIX}. */
    @Override
    public String getPropertySubprefix() {
        return SUBPREFIX;
    }

    /** The engine table's verdict: wrong credentials (see the module README's table). */
    @Override
    public boolean isExceptionDueToAuthenticationError(Exception exception) {
        return Engine.ORACLE.isWrongCredentials(exception);
    }

    /** The engine table's URL template, with the same checks as a URL built from a secret. */
    @Override
    public String constructUrlFromEndpointPortDatabase(String endpoint, String port, String dbname) {
        return Engine.ORACLE.urlFromParts(endpoint, port, dbname);
    }

    @Override
    public String getDefaultDriverClass() {
        return Engine.ORACLE.defaultDriverClass();
    }
}
