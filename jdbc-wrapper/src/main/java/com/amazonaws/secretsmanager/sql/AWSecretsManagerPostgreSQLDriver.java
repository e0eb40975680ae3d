package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The PostgreSQL wrapper driver under the one-S name some user-guide examples use. It is not listed in
 * {@code META-INF/services}: it registers only when the application loads it, which also marks its engine as the
 * application's choice for secrets without an {@code engine} key.
 */
public final class AWSecretsManagerPostgreSQLDriver extends AWSSecretsManagerDriver {

    /** The JDBC subprotocol: {@code jdbc-secretsmanager:postgresql:...}, settings {@code drivers.postgresql.*}. */
    public static final String SUBPREFIX = "postgresql";

    static {
        initializeDriverClass(Engine.POSTGRESQL, true, new AWSecretsManagerPostgreSQLDriver());
    }

    public AWSecretsManagerPostgreSQLDriver() {
        super(Engine.POSTGRESQL);
    }

    public AWSecretsManagerPostgreSQLDriver(SecretCache cache) {
        super(Engine.POSTGRESQL, cache);
    }

    public AWSecretsManagerPostgreSQLDriver(SecretsManagerClientBuilder builder) {
        super(Engine.POSTGRESQL, builder);
    }

    public AWSecretsManagerPostgreSQLDriver(SecretsManagerClient client) {
        super(Engine.POSTGRESQL, client);
    }

    public AWSecretsManagerPostgreSQLDriver(SecretCacheConfiguration configuration) {
        super(Engine.POSTGRESQL, configuration);
    }
}
