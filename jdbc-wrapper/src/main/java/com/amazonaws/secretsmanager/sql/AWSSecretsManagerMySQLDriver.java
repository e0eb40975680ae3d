package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The MySQL wrapper driver (real driver and URL templates: see the module README).
 */
public final class AWSSecretsManagerMySQLDriver extends AWSSecretsManagerDriver {

    /** The JDBC subprotocol: {@code jdbc-secretsmanager:mysql:...}, settings {@code drivers.mysql.*}. */
    public static final String SUBPREFIX = "mysql";

    static {
        initializeDriverClass(Engine.MYSQL, false, new AWSSecretsManagerMySQLDriver());
    }

    public AWSSecretsManagerMySQLDriver() {
        super(Engine.MYSQL);
    }

    public AWSSecretsManagerMySQLDriver(SecretCache cache) {
        super(Engine.MYSQL, cache);
    }

    public AWSSecretsManagerMySQLDriver(SecretsManagerClientBuilder builder) {
        super(Engine.MYSQL, builder);
    }

    public AWSSecretsManagerMySQLDriver(SecretsManagerClient client) {
        super(Engine.MYSQL, client);
    }

    public AWSSecretsManagerMySQLDriver(SecretCacheConfiguration configuration) {
        super(Engine.MYSQL, configuration);
    }
}
