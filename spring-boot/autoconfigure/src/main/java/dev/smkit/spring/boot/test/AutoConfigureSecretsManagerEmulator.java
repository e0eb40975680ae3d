package dev.smkit.spring.boot.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Points a {@code @SpringBootTest} at smkit's in-process Secrets Manager emulator, no Docker needed:
 *
 * <pre>{@code
 * @SpringBootTest(properties = "spring.config.import=smkit:app/db")
 * @AutoConfigureSecretsManagerEmulator(secrets = @AutoConfigureSecretsManagerEmulator.Secret(
 *         id = "app/db", value = "{\"username\":\"app\",\"password\":\"pw\"}"))
 * class MyTest {
 *     @Autowired SecretsManagerEmulator emulator; // to rotate, inject faults, pause
 * }
 * }</pre>
 *
 * <p>One emulator serves the whole test JVM ({@link SecretsManagerEmulators#shared()}): started at the first test class
 * that carries this annotation, stopped when the JVM exits. The listed secrets are created before the context starts
 * (or given the listed value as a new version if it differs from the current one); {@link #secretsFile()} is read
 * first, so {@link #secrets()} wins for a secret in both.
 *
 * <p><b>Side effect:</b> {@code spring.config.import} is processed before a context customizer can touch the
 * environment, so the emulator's coordinates are set as JVM system properties, and stay set for the rest of the JVM:
 * {@code smkit.cache.endpoint}, {@code smkit.cache.region}, {@code spring.cloud.aws.credentials.access-key},
 * {@code spring.cloud.aws.credentials.secret-key}, the JDBC wrapper drivers' {@code drivers.endpointOverride} and
 * {@code drivers.region}, and the AWS SDK's {@code aws.accessKeyId} and {@code aws.secretAccessKey}. Later contexts in
 * the same JVM, with or without this annotation, therefore also talk to the emulator unless they set these
 * themselves (a test's own properties win over system properties).
 *
 * <p>The context also gets the emulator as a bean of type {@code SecretsManagerEmulator}; closing the context does
 * not close it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface AutoConfigureSecretsManagerEmulator {

    /** Secrets to create before the context starts. */
    Secret[] secrets() default {};

    /**
     * A resource (classpath by default; {@code file:} for a file) in the emulator's {@code --preload} format: a JSON
     * array of {@code {"name": "...", "secretString": "..." | "secretBinary": "<base64>", "description": "...",
     * "tags": {"k": "v"}}}.
     */
    String secretsFile() default "";

    /** A secret with a string value: JSON for properties, or plain text. */
    @Target({})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @interface Secret {

        /** The secret's name. */
        String id();

        /** The secret's string value. */
        String value();
    }
}
