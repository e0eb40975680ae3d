package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The Redshift wrapper driver (real driver and URL templates: see the module README).
 */
public final class AWSSecretsManagerRedshiftDriver extends AWSSecretsManagerDriver {

    /** The JDBC subprotocol: {@code jdbc-secretsmanager:redshift:...}, settings {@code drivers.redshift.*}. */
    public static final String SUBPREFIX = "redshift";

    static {
        initializeDriverClass(Engine.REDSHIFT, false, new AWSSecretsManagerRedshiftDriver());
    }

    public AWSSecretsManagerRedshiftDriver() {
        super(Engine.REDSHIFT);
    }

    public AWSSecretsManagerRedshiftDriver(SecretCache cache) {
        super(Engine.REDSHIFT, cache);
    }

    public AWSSecretsManagerRedshiftDriver(SecretsManagerClientBuilder builder) {
        super(Engine.REDSHIFT, builder);
    }

    public AWSSecretsManagerRedshiftDriver(SecretsManagerClient client) {
        super(Engine.REDSHIFT, client);
    }

    public AWSSecretsManagerRedshiftDriver(SecretCacheConfiguration configuration) {
        super(Engine.REDSHIFT, configuration);
    }
}
