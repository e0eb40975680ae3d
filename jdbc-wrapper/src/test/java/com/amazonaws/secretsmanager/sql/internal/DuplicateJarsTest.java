package com.amazonaws.secretsmanager.sql.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.lang.reflect.Constructor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The AWS driver jar first on a class path, smkit-jdbc after it (another library pulled the AWS driver in): the
 * warning names both locations and the exclusion, and smkit's own driver classes still link.
 */
class DuplicateJarsTest {

    private static final Path UPSTREAM = Paths.get(System.getProperty("smkit.test.upstreamJdbcJar",
            "target/upstream/aws-secretsmanager-jdbc.jar"));

    private static URL ours() throws Exception {
        return DuplicateJars.class.getProtectionDomain().getCodeSource().getLocation();
    }

    @Test
    void oneCopyOnTheClassPathIsNotReported() {
        assertThat(DuplicateJars.describe(DuplicateJars.class.getClassLoader())).isNull();
    }

    @Test
    void theAwsDriverFirstIsReportedWithBothLocationsAndTheExclusion() throws Exception {
        assertThat(Files.exists(UPSTREAM)).as("%s (copied by the build)", UPSTREAM).isTrue();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {UPSTREAM.toUri().toURL(), ours()}, null)) {
            String warning = DuplicateJars.describe(loader);
            assertThat(warning).contains(UPSTREAM.toUri().toURL().toString()).contains(ours().toString())
                    .contains("now " + UPSTREAM.toUri().toURL() + " (not smkit-jdbc)")
                    .contains("<artifactId>aws-secretsmanager-jdbc</artifactId>")
                    .contains("aws-secretsmanager-caching-java");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {ours(), UPSTREAM.toUri().toURL()}, null)) {
            assertThat(DuplicateJars.describe(loader)).contains("(smkit-jdbc): the AWS driver's copies are unused");
        }
    }

    /**
     * With the AWS driver's base class loaded, the one-S driver classes (only in smkit-jdbc) still find every
     * constructor they call: they call only the protected constructors both copies have. The AWS base class is not
     * initialized here (its constructor builds an SDK client with the AWS CRT HTTP client).
     */
    @Test
    void smkitOnlyDriverClassesLinkAgainstTheAwsBaseClass() throws Exception {
        List<URL> path = new ArrayList<>();
        path.add(UPSTREAM.toUri().toURL());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            path.add(Paths.get(entry).toUri().toURL());
        }
        try (URLClassLoader loader = new URLClassLoader(path.toArray(new URL[0]),
                ClassLoader.getPlatformClassLoader())) {
            for (String engine : new String[] {"MySQL", "MariaDB", "PostgreSQL", "Oracle", "MSSQLServer", "Db2",
                    "Redshift"}) {
                Class<?> alias = Class.forName("com.amazonaws.secretsmanager.sql.AWSecretsManager" + engine + "Driver",
                        false, loader);
                Class<?> base = alias.getSuperclass();
                assertThat(base.getProtectionDomain().getCodeSource().getLocation())
                        .isEqualTo(UPSTREAM.toUri().toURL());
                for (Constructor<?> constructor : alias.getConstructors()) {
                    assertThat(base.getDeclaredConstructor(constructor.getParameterTypes())).isNotNull();
                }
                for (String hook : new String[] {"getPropertySubprefix", "getDefaultDriverClass"}) {
                    assertThat(base.getMethod(hook)).isNotNull();
                }
            }
        }
    }
}
