package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The PostgreSQL wrapper driver (real driver and URL templates: see the module README).
 */
public final class AWSSecretsManagerPostgreSQLDriver extends AWSSecretsManagerDriver {

    /** The JDBC subprotocol: {@code jdbc-secretsmanager:postgresql:...}, settings {@code drivers.postgresql.*}. */
    public static final String SUBPREFIX = "postgresql";

    /** SQLState 28P01 (invalid_password). Retried. */
    public static final String ACCESS_DENIED_FOR_USER_USING_PASSWORD_TO_DATABASE = "28P01";

    /** SQLState 28000 (invalid_authorization_specification). Retried, except the refusals listed in the module README (pg_hba.conf rules, NOLOGIN). */
    public static final String ACCESS_DENIED_FOR_INVALID_AUTHORIZATION_SPECIFICATION = "28000";

    /** SQLState 08P01 (protocol_violation), which PgBouncer also uses for failed logins. Not retried by this library: see the module README. */
    public static final String PGBOUNCER_AUTH_FAILURE = "08P01";

    static {
        new AWSSecretsManagerPostgreSQLDriver(); // registers itself: the first instance of its class
    }

    /** On the process-wide shared cache. Registered with DriverManager if no {@code AWSSecretsManagerPostgreSQLDriver} is. */
    public AWSSecretsManagerPostgreSQLDriver() {
        super();
    }

    /** On {@code cache} (left open on deregistration). Registered with DriverManager if no {@code AWSSecretsManagerPostgreSQLDriver} is. */
    public AWSSecretsManagerPostgreSQLDriver(SecretCache cache) {
        super(cache);
    }

    /** On a cache built from {@code builder} on first use. Registered with DriverManager if no {@code AWSSecretsManagerPostgreSQLDriver} is. */
    public AWSSecretsManagerPostgreSQLDriver(SecretsManagerClientBuilder builder) {
        super(builder);
    }

    /** On a cache built around {@code client} on first use. Registered with DriverManager if no {@code AWSSecretsManagerPostgreSQLDriver} is. */
    public AWSSecretsManagerPostgreSQLDriver(SecretsManagerClient client) {
        super(client);
    }

    /** On a cache built from {@code configuration} on first use. Registered with DriverManager if no {@code AWSSecretsManagerPostgreSQLDriver} is. */
    public AWSSecretsManagerPostgreSQLDriver(SecretCacheConfiguration configuration) {
        super(configuration);
    }

    @Override
    Engine tableEngine() {
        return Engine.POSTGRESQL;
    }

    /** {@value #SUBPREFIX}. */
    @Override
    public String getPropertySubprefix() {
        return SUBPREFIX;
    }

    /** The engine table's verdict: wrong credentials (see the module README's table). */
    @Override
    public boolean isExceptionDueToAuthenticationError(Exception exception) {
        return Engine.POSTGRESQL.isWrongCredentials(exception);
    }

    /** The engine table's URL template, with the same checks as a URL built from a secret. */
    @Override
    public String constructUrlFromEndpointPortDatabase(String endpoint, String port, String dbname) {
        return Engine.POSTGRESQL.urlFromParts(endpoint, port, dbname);
    }

    @Override
    public String getDefaultDriverClass() {
        return Engine.POSTGRESQL.defaultDriverClass();
    }
}
