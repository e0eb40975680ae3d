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

    static {
        initializeDriverClass(Engine.MARIADB, false, new AWSSecretsManagerMariaDBDriver());
    }

    public AWSSecretsManagerMariaDBDriver() {
        super(Engine.MARIADB);
    }

    public AWSSecretsManagerMariaDBDriver(SecretCache cache) {
        super(Engine.MARIADB, cache);
    }

    public AWSSecretsManagerMariaDBDriver(SecretsManagerClientBuilder builder) {
        super(Engine.MARIADB, builder);
    }

    public AWSSecretsManagerMariaDBDriver(SecretsManagerClient client) {
        super(Engine.MARIADB, client);
    }

    public AWSSecretsManagerMariaDBDriver(SecretCacheConfiguration configuration) {
        super(Engine.MARIADB, configuration);
    }
}
