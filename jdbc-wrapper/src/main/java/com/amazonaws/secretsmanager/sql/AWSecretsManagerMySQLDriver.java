package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The MySQL wrapper driver under the one-S name some user-guide examples use. It is not listed in
 * {@code META-INF/services}: it registers only when the application loads it, which also marks its engine as the
 * application's choice for secrets without an {@code engine} key.
 */
public final class AWSecretsManagerMySQLDriver extends AWSSecretsManagerDriver {

    /** The JDBC subprotocol: {@code jdbc-secretsmanager:mysql:...}, settings {@code drivers.mysql.*}. */
    public static final String SUBPREFIX = "mysql";

    static {
        initializeDriverClass(Engine.MYSQL, true, new AWSecretsManagerMySQLDriver());
    }

    public AWSecretsManagerMySQLDriver() {
        super(Engine.MYSQL);
    }

    public AWSecretsManagerMySQLDriver(SecretCache cache) {
        super(Engine.MYSQL, cache);
    }

    public AWSecretsManagerMySQLDriver(SecretsManagerClientBuilder builder) {
        super(Engine.MYSQL, builder);
    }

    public AWSecretsManagerMySQLDriver(SecretsManagerClient client) {
        super(Engine.MYSQL, client);
    }

    public AWSecretsManagerMySQLDriver(SecretCacheConfiguration configuration) {
        super(Engine.MYSQL, configuration);
    }
}
