package com.amazonaws.secretsmanager.sql;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClientBuilder;

/**
 * The Redshift wrapper driver under the one-S name some user-guide examples use. It is not listed in
 * {@code META-INF/services}: it registers only when the application loads it, which also marks its engine as the
 * application's choice for secrets without an {@code engine} key.
 */
public final class AWSecretsManagerRedshiftDriver extends AWSSecretsManagerDriver {

    /** The JDBC subprotocol: {@code jdbc-secretsmanager:redshift:...}, settings {@code drivers.redshift.*}. */
    public static final String SUBPREFIX = "redshift";

    static {
        initializeDriverClass(Engine.REDSHIFT, true, new AWSecretsManagerRedshiftDriver());
    }

    public AWSecretsManagerRedshiftDriver() {
        super(Engine.REDSHIFT);
    }

    public AWSecretsManagerRedshiftDriver(SecretCache cache) {
        super(Engine.REDSHIFT, cache);
    }

    public AWSecretsManagerRedshiftDriver(SecretsManagerClientBuilder builder) {
        super(Engine.REDSHIFT, builder);
    }

    public AWSecretsManagerRedshiftDriver(SecretsManagerClient client) {
        super(Engine.REDSHIFT, client);
    }

    public AWSecretsManagerRedshiftDriver(SecretCacheConfiguration configuration) {
        super(Engine.REDSHIFT, configuration);
    }
}
