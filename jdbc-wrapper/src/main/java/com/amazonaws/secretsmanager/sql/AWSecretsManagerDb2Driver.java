package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The Db2 wrapper driver under the one-S name some user-guide examples use. It is not listed in
 * {@code META-INF/services}: it registers only when the application loads it, which also marks its engine as the
 * application's choice for secrets without an {@code engine} key.
 */
public final class AWSecretsManagerDb2Driver extends AWSSecretsManagerDriver {

    /** The JDBC subprotocol: {@code jdbc-secretsmanager:db2:...}, settings {@code drivers.db2.*}. */
    public static final String SUBPREFIX = "db2";

    static {
        initializeDriverClass(Engine.DB2, true, new AWSecretsManagerDb2Driver());
    }

    public AWSecretsManagerDb2Driver() {
        super(Engine.DB2);
    }

    public AWSecretsManagerDb2Driver(SecretCache cache) {
        super(Engine.DB2, cache);
    }

    public AWSecretsManagerDb2Driver(SecretsManagerClientBuilder builder) {
        super(Engine.DB2, builder);
    }

    public AWSecretsManagerDb2Driver(SecretsManagerClient client) {
        super(Engine.DB2, client);
    }

    public AWSecretsManagerDb2Driver(SecretCacheConfiguration configuration) {
        super(Engine.DB2, configuration);
    }
}
