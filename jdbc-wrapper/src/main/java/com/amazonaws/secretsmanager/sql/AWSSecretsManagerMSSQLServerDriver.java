package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The MSSQLServer wrapper driver (real driver and URL templates: see the module README).
 */
public final class AWSSecretsManagerMSSQLServerDriver extends AWSSecretsManagerDriver {

    /** The JDBC subprotocol: {@code jdbc-secretsmanager:sqlserver:...}, settings {@code drivers.sqlserver.*}. */
    public static final String SUBPREFIX = "sqlserver";

    static {
        initializeDriverClass(Engine.SQLSERVER, false, new AWSSecretsManagerMSSQLServerDriver());
    }

    public AWSSecretsManagerMSSQLServerDriver() {
        super(Engine.SQLSERVER);
    }

    public AWSSecretsManagerMSSQLServerDriver(SecretCache cache) {
        super(Engine.SQLSERVER, cache);
    }

    public AWSSecretsManagerMSSQLServerDriver(SecretsManagerClientBuilder builder) {
        super(Engine.SQLSERVER, builder);
    }

    public AWSSecretsManagerMSSQLServerDriver(SecretsManagerClient client) {
        super(Engine.SQLSERVER, client);
    }

    public AWSSecretsManagerMSSQLServerDriver(SecretCacheConfiguration configuration) {
        super(Engine.SQLSERVER, configuration);
    }
}
