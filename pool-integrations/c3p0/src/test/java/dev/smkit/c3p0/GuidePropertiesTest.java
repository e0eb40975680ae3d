package dev.smkit.c3p0;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import dev.smkit.pools.testing.RotationLoad;
import dev.smkit.pools.testing.RotationScenario;
import dev.smkit.pools.testing.RotationScenario.Strategy;
import dev.smkit.pools.testing.TestEmulator;
import java.io.File;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * c3p0 path 1: the user guide's {@code c3p0.properties}, as written, found on the class path. c3p0 reads
 * {@code /c3p0.properties} once, when its classes initialize, so each variant runs in a fresh class loader whose
 * first entry is a directory holding only that file; the rest of the class path is the test's (c3p0, the drivers,
 * the SDK), loaded again there. The test talks to the pool through {@link DataSource}, a JDK type both loaders share.
 */
class GuidePropertiesTest {

    @TempDir
    Path directory;

    @ParameterizedTest
    @CsvSource({"bare-id, pools/c3p0-guide-bare-id, SINGLE_USER", "scheme-url, pools/c3p0-guide-scheme-url, ALTERNATING_USERS"})
    void guidePropertiesServeThroughRotations(String variant, String secretId, Strategy strategy) throws Exception {
        DatabaseServer server = SharedDatabases.postgres();
        RotationScenario scenario = RotationScenario.create(TestEmulator.get(), server, strategy, secretId);
        String text;
        try (InputStream in = getClass().getResourceAsStream("/guide/" + variant + ".c3p0.properties")) {
            text = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)
                    .replace("HOST", server.host()).replace("PORT", String.valueOf(server.port()))
                    .replace("DATABASE", server.database());
        }
        Files.writeString(directory.resolve("c3p0.properties"), text, StandardCharsets.ISO_8859_1);

        // Not in the file (kept as the guide writes it): a 2 s cache TTL for the drivers, so that with alternating
        // users (where the previous user's login keeps working) the pool still moves to the current user in the test.
        System.setProperty("drivers.cache.ttlMillis", "2000");
        try (URLClassLoader loader = new URLClassLoader(classPathWithFirst(directory), ClassLoader.getPlatformClassLoader())) {
            Class<?> comboClass = loader.loadClass("com.mchange.v2.c3p0.ComboPooledDataSource");
            Object combo = comboClass.getConstructor().newInstance();
            DataSource pool = (DataSource) combo;
            Method softReset = comboClass.getMethod("softResetAllUsers");
            Runnable retire = () -> invoke(softReset, combo);
            try {
                assertThat(comboClass.getMethod("getJdbcUrl").invoke(combo)).as("read from c3p0.properties")
                        .asString().contains(variant.equals("bare-id") ? secretId : "jdbc-secretsmanager:postgresql://");
                assertThat(RotationLoad.currentUser(pool)).isEqualTo(scenario.initialUser);
                TestEmulator.get().resetCallCounts();

                RotationLoad.Result result = RotationLoad.run(pool, scenario::rotate, retire);

                // One version check per TTL plus at most one forced check per rotation (after a rejected login); one
                // GetSecretValue per rotation plus AWSPENDING reads.
                long ttlChecks = RotationLoad.DURATION.toMillis() / 2_000 + 2;
                scenario.assertOutcome(result, pool, retire, ttlChecks + 2L * RotationLoad.ROTATIONS,
                        3L * RotationLoad.ROTATIONS + 2);
            } finally {
                comboClass.getMethod("close").invoke(combo);
            }
        } finally {
            System.clearProperty("drivers.cache.ttlMillis");
        }
    }

    private static void invoke(Method method, Object target) {
        try {
            method.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static URL[] classPathWithFirst(Path first) throws MalformedURLException {
        List<URL> urls = new ArrayList<>();
        urls.add(first.toUri().toURL());
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            urls.add(new File(entry).toURI().toURL());
        }
        return urls.toArray(new URL[0]);
    }
}
