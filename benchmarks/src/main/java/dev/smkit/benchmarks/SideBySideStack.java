package dev.smkit.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One JDBC stack that logs in with credentials from Secrets Manager, loaded in a class loader of its own (parent: the
 * platform loader) over the jars that {@code benchmarks/pom.xml} copies to {@code target/side}: the stack's own jars
 * first, then the AWS SDK, the PostgreSQL driver and SLF4J. Nothing of a stack is on the benchmark's class path, so
 * smkit's and the AWS driver's classes of the same name never meet, and each stack has its own SDK and statics.
 *
 * <p>The benchmark talks to a stack only through {@link java.sql.Driver}. The stack's Secrets Manager endpoint,
 * region and credentials come from system properties set by {@link RotationSideBySide} (the drivers' process-level
 * configuration), or per connection where a stack only takes them that way (the advanced wrapper).
 */
final class SideBySideStack implements AutoCloseable {

    static final String SMKIT = "smkit";
    static final String UPSTREAM = "upstream";
    static final String ADVANCED = "advanced";

    private static final String WRAPPER_POSTGRES_DRIVER = "com.amazonaws.secretsmanager.sql.AWSSecretsManagerPostgreSQLDriver";
    private static final String ADVANCED_DRIVER = "software.amazon.jdbc.Driver";

    private final String name;
    private final String description;
    private final URLClassLoader loader;
    private final Driver driver;
    private final String url;
    private final Function<String, Properties> propertiesForSecret;

    private SideBySideStack(String name, String description, URLClassLoader loader, String driverClass, String url,
            Function<String, Properties> propertiesForSecret) throws ReflectiveOperationException {
        this.name = name;
        this.description = description;
        this.loader = loader;
        this.url = url;
        this.propertiesForSecret = propertiesForSecret;
        this.driver = inLoader(() -> (Driver) Class.forName(driverClass, true, loader).getConstructor().newInstance());
    }

    /**
     * smkit's PostgreSQL wrapper with its defaults (no-arg driver, shared cache, TTL 1 h, login retry with rotation
     * windows); the URL names the server, {@code user} the secret.
     */
    static SideBySideStack smkit(Path sideDir, String host, int port, String database) throws Exception {
        return new SideBySideStack(SMKIT, "smkit " + versionOf(sideDir.resolve(SMKIT), "smkit-jdbc"),
                loader(sideDir, SMKIT), WRAPPER_POSTGRES_DRIVER,
                "jdbc-secretsmanager:postgresql://" + host + ":" + port + "/" + database, SideBySideStack::userIsSecret);
    }

    /** aws-secretsmanager-jdbc with aws-secretsmanager-caching-java, the same URL and no-arg driver. */
    static SideBySideStack upstream(Path sideDir, String host, int port, String database) throws Exception {
        Path jars = sideDir.resolve(UPSTREAM);
        return new SideBySideStack(UPSTREAM, "aws-secretsmanager-jdbc " + versionOf(jars, "aws-secretsmanager-jdbc")
                + " + caching " + versionOf(jars, "aws-secretsmanager-caching-java"),
                loader(sideDir, UPSTREAM, "jackson"), WRAPPER_POSTGRES_DRIVER,
                "jdbc-secretsmanager:postgresql://" + host + ":" + port + "/" + database, SideBySideStack::userIsSecret);
    }

    /**
     * aws-advanced-jdbc-wrapper with only the {@code awsSecretsManager} plugin and the plain PostgreSQL dialect (no
     * Aurora topology probing, which the other stacks do not do either). Its endpoint and region are connection
     * properties; credentials come from the SDK's default chain (system properties).
     */
    static SideBySideStack advanced(Path sideDir, String host, int port, String database, String endpoint,
            String region) throws Exception {
        return new SideBySideStack(ADVANCED, "aws-advanced-jdbc-wrapper "
                + versionOf(sideDir.resolve(ADVANCED), "aws-advanced-jdbc-wrapper") + " (awsSecretsManager plugin)",
                loader(sideDir, ADVANCED, "jackson"), ADVANCED_DRIVER,
                "jdbc:aws-wrapper:postgresql://" + host + ":" + port + "/" + database, secretId -> {
                    Properties info = new Properties();
                    info.setProperty("wrapperPlugins", "awsSecretsManager");
                    info.setProperty("wrapperDialect", "pg");
                    info.setProperty("secretsManagerSecretId", secretId);
                    info.setProperty("secretsManagerRegion", region);
                    info.setProperty("secretsManagerEndpoint", endpoint);
                    return info;
                });
    }

    String name() {
        return name;
    }

    /** Which libraries, with the versions of the jars actually loaded. */
    String description() {
        return description;
    }

    /** The loader that threads calling {@link #connect} should have as their context class loader. */
    ClassLoader loader() {
        return loader;
    }

    /** A new connection with the credentials of {@code secretId}, as the stack's users would open it. */
    Connection connect(String secretId) throws SQLException {
        Connection connection = driver.connect(url, propertiesForSecret.apply(secretId));
        if (connection == null) {
            throw new IllegalStateException(name + " does not accept " + url);
        }
        return connection;
    }

    @Override
    public void close() throws IOException {
        loader.close();
    }

    private static Properties userIsSecret(String secretId) {
        Properties info = new Properties();
        info.setProperty("user", secretId);
        return info;
    }

    private <T> T inLoader(ReflectiveSupplier<T> supplier) throws ReflectiveOperationException {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return supplier.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The stack's directories (in order), then {@code common}. */
    private static URLClassLoader loader(Path sideDir, String... directories) {
        List<URL> urls = new ArrayList<>();
        for (String directory : directories) {
            urls.addAll(jarsIn(sideDir.resolve(directory)));
        }
        urls.addAll(jarsIn(sideDir.resolve("common")));
        return new URLClassLoader("side-" + directories[0], urls.toArray(new URL[0]),
                ClassLoader.getPlatformClassLoader());
    }

    private static List<URL> jarsIn(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("no jar directory " + directory + ": build with mvn -pl benchmarks "
                    + "package, or pass --lib <benchmarks/target/side>");
        }
        List<URL> urls = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path jar : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".jar")).sorted()::iterator) {
                urls.add(jar.toUri().toURL());
            }
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("no jars in " + directory);
        }
        return urls;
    }

    private static String versionOf(Path directory, String artifactId) {
        File[] jars = directory.toFile().listFiles((dir, file) -> file.startsWith(artifactId + "-")
                && file.endsWith(".jar") && Character.isDigit(file.charAt(artifactId.length() + 1)));
        if (jars == null || jars.length != 1) {
            throw new IllegalArgumentException("expected one " + artifactId + " jar in " + directory);
        }
        String file = jars[0].getName();
        return file.substring(artifactId.length() + 1, file.length() - ".jar".length());
    }

    @FunctionalInterface
    private interface ReflectiveSupplier<T> {
        T get() throws ReflectiveOperationException;
    }
}
