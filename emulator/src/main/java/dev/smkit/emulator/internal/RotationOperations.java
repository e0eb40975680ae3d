package dev.smkit.emulator.internal;

import dev.smkit.emulator.RotationContext;
import dev.smkit.emulator.RotationFunction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RotateSecret. With a registered {@link RotationFunction} the four steps run synchronously inside the request, so the
 * response tells whether the rotation worked (real AWS invokes the Lambda asynchronously and reports failures later).
 */
final class RotationOperations {
    private static final Logger LOG = LoggerFactory.getLogger(RotationOperations.class);

    private final SecretStore store;
    private final SecretOperations secrets;
    private final RotationRegistry registry;

    RotationOperations(SecretStore store, SecretOperations secrets, RotationRegistry registry) {
        this.store = store;
        this.secrets = secrets;
        this.registry = registry;
    }

    private interface Step {
        void run(RotationFunction function, RotationContext context) throws Exception;
    }

    private static final String[] STEP_NAMES = {"createSecret", "setSecret", "testSecret", "finishSecret"};
    private static final Step[] STEPS = {
        RotationFunction::createSecret, RotationFunction::setSecret, RotationFunction::testSecret, RotationFunction::finishSecret
    };

    byte[] rotateSecret(Params params) {
        String secretId = params.secretId();
        String requestedToken = params.clientRequestToken(false);
        String token = requestedToken == null ? SecretOperations.newToken() : requestedToken;
        String lambdaArn = params.string("RotationLambdaARN", 0, 2048);
        Secret.RotationRules rules = rules(params.object("RotationRules"));
        boolean immediately = params.bool("RotateImmediately", true);

        Secret secret = store.locked(secretId, s -> {
            if (s.isDeleted()) {
                throw ApiException.markedForDeletion();
            }
            RotationFunction function = registry.find(s);
            if (function == null) {
                if (lambdaArn == null && s.rotationLambdaArn == null) {
                    throw ApiException.invalidRequest("No Lambda rotation function ARN is associated with this secret.");
                }
                throw ApiException.of(400, "AccessDeniedException", "Secrets Manager cannot invoke the specified Lambda "
                        + "function. Ensure that the function policy grants access to the principal "
                        + "secretsmanager.amazonaws.com.");
            }
            String pending = s.versionWith(Secret.PENDING);
            if (s.rotating || (pending != null && !pending.equals(s.versionWith(Secret.CURRENT)))) {
                throw ApiException.invalidRequest("A previous rotation isn't complete. That rotation will be reattempted.");
            }
            s.rotationEnabled = true;
            if (lambdaArn != null) {
                s.rotationLambdaArn = lambdaArn;
            }
            if (rules != null) {
                s.rotationRules = rules;
            }
            s.lastChangedDate = store.now();
            s.rotating = immediately;
            return s;
        });
        if (!immediately) {
            return JsonOut.object().field("ARN", secret.arn).field("Name", secret.name).toBytes();
        }
        try {
            runSteps(secret, token);
        } finally {
            synchronized (secret) {
                secret.rotating = false;
            }
        }
        return JsonOut.object().field("ARN", secret.arn).field("Name", secret.name).field("VersionId", token).toBytes();
    }

    private void runSteps(Secret secret, String token) {
        RotationFunction function;
        synchronized (secret) {
            function = registry.find(secret);
        }
        RotationContext context = new Context(secret, token);
        for (int i = 0; i < STEPS.length; i++) {
            try {
                STEPS[i].run(function, context);
            } catch (Exception | AssertionError e) {
                throw failed(secret, token, STEP_NAMES[i], e.getClass().getName(), "");
            }
        }
        store.locked(secret.arn, s -> {
            if (!token.equals(s.versionWith(Secret.CURRENT))) {
                throw failed(s, token, "finishSecret", IllegalStateException.class.getName(),
                        " (it returned without moving AWSCURRENT to the pending version)");
            }
            Instant now = store.now();
            s.lastRotatedDate = now;
            Long days = s.rotationRules == null ? null : s.rotationRules.automaticallyAfterDays;
            s.nextRotationDate = days == null ? null : now.plus(Duration.ofDays(days));
            return null;
        });
    }

    /** Records and logs a failed step; {@code detail} is our own text, never an exception message (it could hold values). */
    private ApiException failed(Secret secret, String token, String step, String exceptionClass, String detail) {
        registry.recordFailure(new RotationRegistry.StepFailure(secret.name, token, step, exceptionClass, store.now()));
        LOG.warn("Rotation of secret {} (version {}) failed in step {}: {}{}", secret.name, token, step, exceptionClass,
                detail);
        return ApiException.invalidRequest("Rotation failed in step " + step + " for secret " + secret.name
                + " (version " + token + "): " + exceptionClass + detail + ". AWSPENDING stays on the pending version.");
    }

    private static Secret.RotationRules rules(Params rules) {
        if (rules == null) {
            return null;
        }
        Long days = rules.longValue("AutomaticallyAfterDays", 1, 1000);
        return new Secret.RotationRules(days, rules.string("Duration", 2, 3), rules.string("ScheduleExpression", 1, 256));
    }

    /** Direct store access for rotation steps; every method takes the secret's monitor itself. */
    private final class Context implements RotationContext {
        private final Secret secret;
        private final String token;

        Context(Secret secret, String token) {
            this.secret = secret;
            this.token = token;
        }

        @Override
        public String secretId() {
            return secret.name;
        }

        @Override
        public String arn() {
            return secret.arn;
        }

        @Override
        public String token() {
            return token;
        }

        @Override
        public String currentSecretString() {
            return store.locked(secret.arn, s -> {
                String current = s.versionWith(Secret.CURRENT);
                String value = current == null ? null : s.versions.get(current).value.string();
                if (value == null) {
                    throw new IllegalStateException("Secret " + s.name + " has no SecretString at AWSCURRENT");
                }
                return value;
            });
        }

        @Override
        public Optional<String> pendingSecretString() {
            return store.locked(secret.arn, s -> {
                SecretVersion version = s.versions.get(token);
                return Optional.ofNullable(version == null ? null : version.value.string());
            });
        }

        @Override
        public void putPendingSecretString(String value) {
            if (value == null || value.isEmpty()) {
                throw new IllegalArgumentException("The pending SecretString of " + secret.name + " must not be empty");
            }
            if (value.getBytes(StandardCharsets.UTF_8).length > Params.MAX_VALUE_BYTES) {
                throw new IllegalArgumentException("The pending SecretString of " + secret.name + " is longer than "
                        + Params.MAX_VALUE_BYTES + " bytes");
            }
            store.locked(secret.arn, s -> {
                try {
                    secrets.writeVersion(s, token, SecretValue.ofString(value), List.of(Secret.PENDING));
                } catch (ApiException e) {
                    throw new IllegalStateException("Version " + token + " of " + s.name
                            + " already holds another value", e);
                }
                return null;
            });
        }

        @Override
        public String randomPassword() {
            return PasswordGenerator.rotationPassword();
        }

        @Override
        public void finish() {
            store.locked(secret.arn, s -> {
                if (!s.versions.containsKey(token)) {
                    throw new IllegalStateException("Version " + token + " of " + s.name + " does not exist");
                }
                s.attach(Secret.CURRENT, token, false);
                if (token.equals(s.versionWith(Secret.PENDING))) {
                    s.detach(Secret.PENDING);
                }
                s.lastChangedDate = store.now();
                return null;
            });
        }
    }
}
