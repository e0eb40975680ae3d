package dev.smkit.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import com.amazonaws.secretsmanager.caching.SecretCacheHook;
import com.amazonaws.secretsmanager.caching.SecretVersion;
import com.amazonaws.secretsmanager.sql.internal.Engine;
import com.amazonaws.secretsmanager.sql.internal.EngineResolution;
import com.amazonaws.secretsmanager.sql.internal.SecretFields;
import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import dev.smkit.emulator.SecretsManagerEmulator;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * Secret JSON parsing and URL building, as the drivers do them on connect: SecretFields of a version holding the
 * fuzzed text, engine selection, the port, and the real URL from host/port/dbname. Only SQLException may escape, and a
 * PostgreSQL URL built from any accepted host and dbname parses back (pgjdbc's own parser) to exactly those values,
 * with no property added: secret fields cannot inject driver properties (finding F-2, fixed).
 *
 * <p>The fuzzed text reaches a real {@link SecretVersion} through a cache hook that swaps the stored value on every
 * read (with a fresh version ID, since parsed versions are memoized per version).
 */
class SecretJsonFuzzTest {

    private static final AtomicLong VERSIONS = new AtomicLong();
    private static volatile String fuzzedText = "{}";
    private static SecretsManagerEmulator emulator;
    private static SecretCache cache;

    @BeforeAll
    static void cache() {
        emulator = SecretsManagerEmulator.start();
        emulator.client().createSecret(r -> r.name("fuzz/secret").secretString("{}"));
        cache = new SecretCache(new SecretCacheConfiguration().withClient(emulator.client()).withCacheHook(
                new SecretCacheHook() {
                    @Override
                    public Object put(Object o) {
                        return o;
                    }

                    @Override
                    public Object get(Object cached) {
                        if (cached instanceof GetSecretValueResponse) {
                            return ((GetSecretValueResponse) cached).toBuilder().secretString(fuzzedText)
                                    .versionId("fuzz-version-" + VERSIONS.incrementAndGet()).build();
                        }
                        return cached;
                    }
                }));
    }

    @AfterAll
    static void close() {
        cache.close();
        emulator.close();
    }

    @FuzzTest(maxDuration = "20s")
    void parseAndBuildUrl(@NotNull String secretText) throws Exception {
        allowOnlyTheEmulator();
        fuzzedText = secretText;
        SecretVersion version = cache.getSecretVersion("fuzz/secret");
        try {
            SecretFields fields = SecretFields.of(version);
            String engineName = fields.optional("engine");
            Integer port = fields.port();
            Engine engine = EngineResolution.resolve("fuzz/secret", engineName, port, Engine.POSTGRESQL, null,
                    candidate -> true).engine();
            String host = fields.host();
            String database = fields.dbname();
            String url = engine.buildUrl(host, port != null ? port : engine.defaultPort(), database);
            assertThat(url).startsWith("jdbc:");
            // Whatever host and dbname the secret holds, once accepted they cannot change the URL's structure.
            if (engine == Engine.POSTGRESQL && !host.contains(":")) {
                Properties parsed = org.postgresql.Driver.parseURL(url, new Properties());
                assertThat(parsed).as(url).isNotNull();
                assertThat(parsed.getProperty("PGHOST")).isEqualTo(host);
                assertThat(parsed.getProperty("PGPORT")).isEqualTo(String.valueOf(port != null ? port : 5432));
                assertThat(parsed.getProperty("PGDBNAME", "")).isEqualTo(database == null ? "" : database);
                assertThat(parsed.stringPropertyNames()).as(url).isSubsetOf("PGHOST", "PGPORT", "PGDBNAME");
            }
        } catch (SQLException documented) {
            assertThat(documented.getMessage()).contains("fuzz/secret");
        }
    }

    /**
     * Jazzer's SSRF detector flags every socket; the emulator is the one destination allowed. Set on every run: the
     * setting does not survive from the seed replay into fuzzing, and {@code @BeforeAll} runs before the agent.
     */
    private static void allowOnlyTheEmulator() {
        BugDetectors.allowNetworkConnections((host, port) -> port == emulator.port());
    }
}
