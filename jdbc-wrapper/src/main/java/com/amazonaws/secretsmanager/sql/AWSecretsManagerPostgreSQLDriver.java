package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The PostgreSQL wrapper driver under the one-S name some user-guide examples use. It is not listed in
 * {@code META-INF/services}: it registers only when the application loads it. It calls only what the AWS driver's
 * base class also has, so it links whichever copy of that class comes first on a class path.
 */
public final class AWSecretsManagerPostgreSQLDriver extends AWSSecretsManagerDriver {

    /** The JDBC subprotocol: {@code jdbc-secretsmanager:postgresql:...}, settings {@code drivers.postgresql.*}. */
    public static final String SUBPREFIX = "postgresql";

    static {
        com.amazonaws.secretsmanager.sql.internal.DuplicateJars.checkOnce(); // also when the AWS base class won
        new AWSecretsManagerPostgreSQLDriver(); // registers itself: the first instance of its class
    }

    /** On the process-wide shared cache. Registered with DriverManager if no {@code AWSecretsManagerPostgreSQLDriver} is. */
    public AWSecretsManagerPostgreSQLDriver() {
        super();
    }

    /** On {@code cache} (left open on deregistration). Registered with DriverManager if no {@code AWSecretsManagerPostgreSQLDriver} is. */
    public AWSecretsManagerPostgreSQLDriver(SecretCache cache) {
        super(cache);
    }

    /** On a cache built from {@code builder} on first use. Registered with DriverManager if no {@code AWSecretsManagerPostgreSQLDriver} is. */
    public AWSecretsManagerPostgreSQLDriver(SecretsManagerClientBuilder builder) {
        super(builder);
    }

    /** On a cache built around {@code client} on first use. Registered with DriverManager if no {@code AWSecretsManagerPostgreSQLDriver} is. */
    public AWSecretsManagerPostgreSQLDriver(SecretsManagerClient client) {
        super(client);
    }

    /** On a cache built from {@code configuration} on first use. Registered with DriverManager if no {@code AWSecretsManagerPostgreSQLDriver} is. */
    public AWSecretsManagerPostgreSQLDriver(SecretCacheConfiguration configuration) {
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
