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

    static {
        initializeDriverClass(Engine.POSTGRESQL, false, new AWSSecretsManagerPostgreSQLDriver());
    }

    public AWSSecretsManagerPostgreSQLDriver() {
        super(Engine.POSTGRESQL);
    }

    public AWSSecretsManagerPostgreSQLDriver(SecretCache cache) {
        super(Engine.POSTGRESQL, cache);
    }

    public AWSSecretsManagerPostgreSQLDriver(SecretsManagerClientBuilder builder) {
        super(Engine.POSTGRESQL, builder);
    }

    public AWSSecretsManagerPostgreSQLDriver(SecretsManagerClient client) {
        super(Engine.POSTGRESQL, client);
    }

    public AWSSecretsManagerPostgreSQLDriver(SecretCacheConfiguration configuration) {
        super(Engine.POSTGRESQL, configuration);
    }
}
