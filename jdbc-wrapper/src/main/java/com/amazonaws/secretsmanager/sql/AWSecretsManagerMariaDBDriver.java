package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The MariaDB wrapper driver under the one-S name some user-guide examples use. It is not listed in
 * {@code META-INF/services}: it registers only when the application loads it, which also marks its engine as the
 * application's choice for secrets without an {@code engine} key.
 */
public final class AWSecretsManagerMariaDBDriver extends AWSSecretsManagerDriver {

    /** The JDBC subprotocol: {@code jdbc-secretsmanager:mariadb:...}, settings {@code drivers.mariadb.*}. */
    public static final String SUBPREFIX = "mariadb";

    static {
        initializeDriverClass(Engine.MARIADB, true, new AWSecretsManagerMariaDBDriver());
    }

    public AWSecretsManagerMariaDBDriver() {
        super(Engine.MARIADB);
    }

    public AWSecretsManagerMariaDBDriver(SecretCache cache) {
        super(Engine.MARIADB, cache);
    }

    public AWSecretsManagerMariaDBDriver(SecretsManagerClientBuilder builder) {
        super(Engine.MARIADB, builder);
    }

    public AWSecretsManagerMariaDBDriver(SecretsManagerClient client) {
        super(Engine.MARIADB, client);
    }

    public AWSecretsManagerMariaDBDriver(SecretCacheConfiguration configuration) {
        super(Engine.MARIADB, configuration);
    }
}
