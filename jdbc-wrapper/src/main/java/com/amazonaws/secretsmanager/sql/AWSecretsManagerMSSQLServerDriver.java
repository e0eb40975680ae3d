package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The MSSQLServer wrapper driver under the one-S name some user-guide examples use. It is not listed in
 * {@code META-INF/services}: it registers only when the application loads it, which also marks its engine as the
 * application's choice for secrets without an {@code engine} key.
 */
public final class AWSecretsManagerMSSQLServerDriver extends AWSSecretsManagerDriver {

    /** The JDBC subprotocol: {@code jdbc-secretsmanager:sqlserver:...}, settings {@code drivers.sqlserver.*}. */
    public static final String SUBPREFIX = "sqlserver";

    static {
        initializeDriverClass(Engine.SQLSERVER, true, new AWSecretsManagerMSSQLServerDriver());
    }

    public AWSecretsManagerMSSQLServerDriver() {
        super(Engine.SQLSERVER);
    }

    public AWSecretsManagerMSSQLServerDriver(SecretCache cache) {
        super(Engine.SQLSERVER, cache);
    }

    public AWSecretsManagerMSSQLServerDriver(SecretsManagerClientBuilder builder) {
        super(Engine.SQLSERVER, builder);
    }

    public AWSecretsManagerMSSQLServerDriver(SecretsManagerClient client) {
        super(Engine.SQLSERVER, client);
    }

    public AWSecretsManagerMSSQLServerDriver(SecretCacheConfiguration configuration) {
        super(Engine.SQLSERVER, configuration);
    }
}
