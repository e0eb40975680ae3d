package com.amazonaws.secretsmanager.sql.internal;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Detects the AWS driver jar ({@code com.amazonaws.secretsmanager:aws-secretsmanager-jdbc}, often pulled in by another
 * library) on the same class path as this library: both hold classes named
 * {@code com.amazonaws.secretsmanager.sql.AWSSecretsManager*Driver}, and the JVM loads each from whichever location
 * comes first. Checked once, at the first use of a driver class; one WARN names both locations and the exclusion.
 */
public final class DuplicateJars {

    static final String DRIVER_CLASS = "com/amazonaws/secretsmanager/sql/AWSSecretsManagerDriver.class";
    static final String CACHE_CLASS = "com/amazonaws/secretsmanager/caching/SecretCache.class";
    private static final String OWN_CLASS = "com/amazonaws/secretsmanager/sql/internal/DuplicateJars.class";
    private static final Logger LOG = LoggerFactory.getLogger("com.amazonaws.secretsmanager.sql");
    private static final AtomicBoolean CHECKED = new AtomicBoolean();

    private DuplicateJars() {
    }

    /** Logs the WARN of {@link #describe} once per class loader of this library. Never throws. */
    public static void checkOnce() {
        if (!CHECKED.compareAndSet(false, true)) {
            return;
        }
        try {
            String warning = describe(DuplicateJars.class.getClassLoader());
            if (warning != null) {
                LOG.warn(warning);
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.debug("Could not check the class path for a second copy of the JDBC drivers", e);
        }
    }

    /** The warning for {@code loader}'s class path, or null when only one copy of the drivers is on it. */
    public static String describe(ClassLoader loader) {
        if (loader == null) {
            return null;
        }
        List<String> drivers = locations(loader, DRIVER_CLASS);
        if (drivers.size() < 2) {
            return null;
        }
        List<String> own = locations(loader, OWN_CLASS);
        String ours = own.isEmpty() ? null : own.get(0);
        List<String> others = new ArrayList<String>();
        for (String location : drivers) {
            if (!location.equals(ours)) {
                others.add(location);
            }
        }
        String first = drivers.get(0);
        boolean oursFirst = first.equals(ours);
        List<String> caches = locations(loader, CACHE_CLASS);
        StringBuilder message = new StringBuilder()
                .append("Two copies of the com.amazonaws.secretsmanager.sql JDBC drivers are on the class path: ")
                .append("smkit-jdbc at ").append(ours).append(" and ").append(String.join(", ", others))
                .append(" (most likely com.amazonaws.secretsmanager:aws-secretsmanager-jdbc, brought in by another ")
                .append("library). Each class is loaded from the first location, now ").append(first)
                .append(oursFirst ? " (smkit-jdbc): the AWS driver's copies are unused. "
                        : " (not smkit-jdbc): DriverManager and your driverClassName get the AWS driver's classes, not "
                        + "smkit's, and smkit's retry, settings and engine checks do not apply. ");
        if (caches.size() > 1) {
            message.append("The caching client is there twice as well (").append(String.join(", ", caches))
                    .append("); if aws-secretsmanager-caching-java comes first, smkit classes that need smkit-caching ")
                    .append("(the drivers, dev.smkit.jdbc, the pool integrations) can fail with NoSuchMethodError, ")
                    .append("which smkit cannot prevent. ");
        } else {
            message.append("smkit's own classes link against either copy (the one-S driver names call only what ")
                    .append("both copies have). ");
        }
        message.append("Exclude the AWS artifacts from the dependency that brings them (find it with ")
                .append("mvn dependency:tree -Dincludes=com.amazonaws.secretsmanager): <exclusion><groupId>")
                .append("com.amazonaws.secretsmanager</groupId><artifactId>aws-secretsmanager-jdbc</artifactId>")
                .append("</exclusion> and the same for aws-secretsmanager-caching-java.");
        return message.toString();
    }

    /** The class path entries (jar or directory URLs) that hold {@code resource}, in search order, without repeats. */
    static List<String> locations(ClassLoader loader, String resource) {
        Set<String> found = new LinkedHashSet<String>();
        try {
            Enumeration<URL> urls = loader.getResources(resource);
            while (urls.hasMoreElements()) {
                found.add(container(urls.nextElement().toString(), resource));
            }
        } catch (IOException e) {
            LOG.debug("Could not list {}", resource, e);
        }
        return new ArrayList<String>(found);
    }

    private static String container(String url, String resource) {
        String location = url;
        if (location.startsWith("jar:")) {
            location = location.substring(4);
            int bang = location.indexOf("!/");
            return bang >= 0 ? location.substring(0, bang) : location;
        }
        return location.endsWith(resource) ? location.substring(0, location.length() - resource.length()) : location;
    }
}
