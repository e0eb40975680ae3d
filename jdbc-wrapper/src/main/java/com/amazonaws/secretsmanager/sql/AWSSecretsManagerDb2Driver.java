package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The Db2 wrapper driver (real driver and URL templates: see the module README).
 */
public final class AWSSecretsManagerDb2Driver extends AWSSecretsManagerDriver {

    /** The JDBC subprotocol: {@code jdbc-secretsmanager:db2:...}, settings {@code drivers.db2.*}. */
    public static final String SUBPREFIX = "db2";

    static {
        initializeDriverClass(Engine.DB2, false, new AWSSecretsManagerDb2Driver());
    }

    public AWSSecretsManagerDb2Driver() {
        super(Engine.DB2);
    }

    public AWSSecretsManagerDb2Driver(SecretCache cache) {
        super(Engine.DB2, cache);
    }

    public AWSSecretsManagerDb2Driver(SecretsManagerClientBuilder builder) {
        super(Engine.DB2, builder);
    }

    public AWSSecretsManagerDb2Driver(SecretsManagerClient client) {
        super(Engine.DB2, client);
    }

    public AWSSecretsManagerDb2Driver(SecretCacheConfiguration configuration) {
        super(Engine.DB2, configuration);
    }
}
