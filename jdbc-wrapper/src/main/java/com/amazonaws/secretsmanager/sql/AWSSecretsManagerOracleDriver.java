package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The Oracle wrapper driver (real driver and URL templates: see the module README).
 */
public final class AWSSecretsManagerOracleDriver extends AWSSecretsManagerDriver {

    /** The JDBC subprotocol: {@code jdbc-secretsmanager:oracle:...}, settings {@code drivers.oracle.*}. */
    public static final String SUBPREFIX = "oracle";

    static {
        initializeDriverClass(Engine.ORACLE, false, new AWSSecretsManagerOracleDriver());
    }

    public AWSSecretsManagerOracleDriver() {
        super(Engine.ORACLE);
    }

    public AWSSecretsManagerOracleDriver(SecretCache cache) {
        super(Engine.ORACLE, cache);
    }

    public AWSSecretsManagerOracleDriver(SecretsManagerClientBuilder builder) {
        super(Engine.ORACLE, builder);
    }

    public AWSSecretsManagerOracleDriver(SecretsManagerClient client) {
        super(Engine.ORACLE, client);
    }

    public AWSSecretsManagerOracleDriver(SecretCacheConfiguration configuration) {
        super(Engine.ORACLE, configuration);
    }
}
