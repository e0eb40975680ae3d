package dev.smkit.spring.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.secretsmanager.caching.SecretCache;
import com.amazonaws.secretsmanager.caching.SecretCacheConfiguration;
import dev.smkit.emulator.junit.EmulatorExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Where the cache bean's client takes its region, endpoint and credentials from: {@code smkit.cache.*} first, then
 * Spring Cloud AWS's {@code spring.cloud.aws.*}, then the SDK's chains. The emulator checks SigV4 signatures, so a
 * read that succeeds proves the region and the credentials that signed it.
 */
class SecretCacheSettingsTest {

    /** Set as system properties by {@code @AutoConfigureSecretsManagerEmulator} tests in this JVM: they would win. */
    private static final List<String> EMULATOR_SYSTEM_PROPERTIES = List.of("smkit.cache.endpoint",
            "smkit.cache.region", "spring.cloud.aws.credentials.access-key", "spring.cloud.aws.credentials.secret-key");
    private static final Map<String, String> saved = new HashMap<>();

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    @TempDir
    Path dir;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(SecretCacheAutoConfiguration.class));

    @BeforeAll
    static void clearEmulatorSystemProperties() {
        EMULATOR_SYSTEM_PROPERTIES.forEach(key -> saved.put(key, System.clearProperty(key)));
    }

    @AfterAll
    static void restoreEmulatorSystemProperties() {
        saved.forEach((key, value) -> {
            if (value != null) {
                System.setProperty(key, value);
            }
        });
    }

    @BeforeEach
    void secret() {
        emulator.client().createSecret(r -> r.name("app/settings").secretString("v1"));
    }

    @Test
    void springCloudAwsRegionEndpointAndNamedProfile() throws IOException {
        Path credentials = Files.writeString(dir.resolve("credentials"), "[smkit-test]\naws_access_key_id = "
                + emulator.emulator().accessKeyId() + "\naws_secret_access_key = "
                + emulator.emulator().secretAccessKey() + "\n");
        runner.withPropertyValues("spring.cloud.aws.region.static=" + emulator.emulator().region(),
                        "spring.cloud.aws.secretsmanager.endpoint=" + emulator.emulator().endpoint(),
                        "spring.cloud.aws.credentials.profile.name=smkit-test",
                        "spring.cloud.aws.credentials.profile.path=" + credentials)
                .run(context -> assertThat(context.getBean(SecretCache.class).getSecretString("app/settings"))
                        .isEqualTo("v1"));
    }

    @Test
    void springCloudAwsGlobalEndpointAndStaticKeys() {
        runner.withPropertyValues("spring.cloud.aws.region.static=" + emulator.emulator().region(),
                        "spring.cloud.aws.endpoint=" + emulator.emulator().endpoint(),
                        "spring.cloud.aws.credentials.access-key=" + emulator.emulator().accessKeyId(),
                        "spring.cloud.aws.credentials.secret-key=" + emulator.emulator().secretAccessKey())
                .run(context -> assertThat(context.getBean(SecretCache.class).getSecretString("app/settings"))
                        .isEqualTo("v1"));
    }

    @Test
    void smkitCacheSettingsWinOverSpringCloudAws() {
        String otherRegion = emulator.emulator().region().equals("eu-west-1") ? "us-west-2" : "eu-west-1";
        runner.withPropertyValues("spring.cloud.aws.region.static=" + otherRegion,
                        "spring.cloud.aws.endpoint=http://127.0.0.1:1",
                        "smkit.cache.region=" + emulator.emulator().region(),
                        "smkit.cache.endpoint=" + emulator.emulator().endpoint(),
                        "spring.cloud.aws.credentials.access-key=" + emulator.emulator().accessKeyId(),
                        "spring.cloud.aws.credentials.secret-key=" + emulator.emulator().secretAccessKey())
                .run(context -> assertThat(context.getBean(SecretCache.class).getSecretString("app/settings"))
                        .isEqualTo("v1"));
    }

    @Test
    void defaultsAreTheCachesDefaults() {
        SmkitCacheProperties defaults = new SmkitCacheProperties();
        assertThat(defaults.getMaxSize()).isEqualTo(SecretCacheConfiguration.DEFAULT_MAX_CACHE_SIZE);
        assertThat(defaults.getTtl().toMillis()).isEqualTo(SecretCacheConfiguration.DEFAULT_CACHE_ITEM_TTL);
        assertThat(defaults.getVersionStage()).isEqualTo(SecretCacheConfiguration.DEFAULT_VERSION_STAGE);
    }

    @Test
    void halfAKeyPairFailsStartupNamingTheMissingHalf() {
        runner.withPropertyValues("smkit.cache.region=us-east-1", "spring.cloud.aws.credentials.access-key=AKIDEXAMPLE")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("spring.cloud.aws.credentials.secret-key")
                        .hasMessageContaining("only access-key is set"));
    }

    @Test
    void twoCredentialSourcesFailStartup() {
        runner.withPropertyValues("smkit.cache.region=us-east-1", "spring.cloud.aws.credentials.access-key=AKIDEXAMPLE",
                        "spring.cloud.aws.credentials.secret-key=example", "spring.cloud.aws.credentials.profile.name=p")
                .run(context -> assertThat(context).hasFailed().getFailure().rootCause()
                        .hasMessageContaining("Set only one of"));
    }
}
