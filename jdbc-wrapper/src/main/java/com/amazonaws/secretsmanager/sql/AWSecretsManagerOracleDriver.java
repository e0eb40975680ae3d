package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The Oracle wrapper driver under the one-S name some user-guide examples use. It is not listed in
 * {@code META-INF/services}: it registers only when the application loads it, which also marks its engine as the
 * application's choice for secrets without an {@code engine} key.
 */
public final class AWSecretsManagerOracleDriver extends AWSSecretsManagerDriver {

    /** The JDBC subprotocol: {@code jdbc-secretsmanager:oracle:...}, settings {@code drivers.oracle.*}. */
    public static final String SUBPREFIX = "oracle";

    static {
        initializeDriverClass(Engine.ORACLE, true, new AWSecretsManagerOracleDriver());
    }

    public AWSecretsManagerOracleDriver() {
        super(Engine.ORACLE);
    }

    public AWSecretsManagerOracleDriver(SecretCache cache) {
        super(Engine.ORACLE, cache);
    }

    public AWSecretsManagerOracleDriver(SecretsManagerClientBuilder builder) {
        super(Engine.ORACLE, builder);
    }

    public AWSecretsManagerOracleDriver(SecretsManagerClient client) {
        super(Engine.ORACLE, client);
    }

    public AWSecretsManagerOracleDriver(SecretCacheConfiguration configuration) {
        super(Engine.ORACLE, configuration);
    }
}
