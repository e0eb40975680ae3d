package dev.smkit.emulator.internal;

/**
 * RotateSecret and CancelRotateSecret. A rotation runs the registered {@link dev.smkit.emulator.RotationFunction}'s steps
 * through {@link RotationRunner}: on a background thread by default (RotateSecret answers at once, as AWS does when it
 * invokes the Lambda asynchronously), or inside the request in synchronous mode.
 */
final class RotationOperations {
    private final SecretStore store;
    private final RotationRegistry registry;
    private final RotationRunner runner;

    RotationOperations(SecretStore store, RotationRegistry registry, RotationRunner runner) {
        this.store = store;
        this.registry = registry;
        this.runner = runner;
    }

    byte[] rotateSecret(Params params) {
        String secretId = params.secretId();
        String requestedToken = params.clientRequestToken(false);
        String token = requestedToken == null ? SecretOperations.newToken() : requestedToken;
        String lambdaArn = params.string("RotationLambdaARN", 0, 2048);
        Secret.RotationRules rules = RotationSchedule.parseRules(params.object("RotationRules"));
        boolean immediately = params.bool("RotateImmediately", true);

        Accepted accepted = store.locked(secretId, s -> {
            ReplicationOperations.requireWritable(s);
            if (s.isDeleted()) {
                throw ApiException.markedForDeletion();
            }
            RotationRegistry.Registration registration = registry.find(s);
            if (registration == null) {
                if (lambdaArn == null && s.rotationLambdaArn == null) {
                    throw ApiException.invalidRequest("No Lambda rotation function ARN is associated with this secret.");
                }
                throw ApiException.of(400, "AccessDeniedException", "Secrets Manager cannot invoke the specified Lambda "
                        + "function. Ensure that the function policy grants access to the principal "
                        + "secretsmanager.amazonaws.com.");
            }
            RotationJob running = s.activeRotation;
            if (running != null && running.token.equals(token)) {
                return new Accepted(s, null); // a retried request for the rotation that is running: same answer
            }
            String pending = s.versionWith(Secret.PENDING);
            if (running != null || (pending != null && !pending.equals(s.versionWith(Secret.CURRENT)))) {
                throw ApiException.invalidRequest("A previous rotation isn't complete. That rotation will be reattempted.");
            }
            s.rotationEnabled = true;
            s.rotationConfigured = true;
            if (lambdaArn != null) {
                s.rotationLambdaArn = lambdaArn;
            }
            if (rules != null) {
                s.rotationRules = rules;
            }
            s.lastChangedDate = store.now();
            if (!immediately) {
                runner.schedule(s, store.now());
                return new Accepted(s, null);
            }
            return new Accepted(s, runner.begin(s, token, registration, false));
        });
        Secret secret = accepted.secret;
        if (!immediately) {
            return JsonOut.object().field("ARN", secret.arn).field("Name", secret.name).toBytes();
        }
        RotationJob job = accepted.job;
        if (job != null) {
            runner.execute(job);
            if (runner.synchronous() && job.result() != RotationJob.Result.SUCCEEDED) {
                throw RotationRunner.failureAnswer(job);
            }
        }
        return JsonOut.object().field("ARN", secret.arn).field("Name", secret.name).field("VersionId", token).toBytes();
    }

    /** What RotateSecret decided while holding the secret's monitor: the job to run, if any. */
    private static final class Accepted {
        final Secret secret;
        final RotationJob job;

        Accepted(Secret secret, RotationJob job) {
            this.secret = secret;
            this.job = job;
        }
    }

    /**
     * Turns rotation off and cancels a rotation in progress. As documented for AWS, staging labels are left as they are:
     * AWSPENDING stays on the pending version, which blocks the next RotateSecret until it is removed. The rules and the
     * Lambda ARN are kept for when rotation is turned on again.
     */
    byte[] cancelRotateSecret(Params params) {
        String secretId = params.secretId();
        return store.locked(secretId, s -> {
            ReplicationOperations.requireWritable(s);
            if (s.isDeleted()) {
                throw ApiException.markedForDeletion();
            }
            if (!s.rotationConfigured && s.rotationLambdaArn == null && registry.find(s) == null) {
                throw ApiException.invalidRequest("You tried to enable rotation on a secret that doesn't already have a "
                        + "Lambda function ARN configured and you didn't include such an ARN as a parameter in this call.");
            }
            RotationJob cancelled = runner.cancel(s);
            s.rotationEnabled = false;
            runner.schedule(s, store.now()); // rotation off: clears NextRotationDate
            s.lastChangedDate = store.now();
            String pending = s.versionWith(Secret.PENDING);
            String versionId = cancelled != null ? cancelled.token
                    : pending != null && !pending.equals(s.versionWith(Secret.CURRENT)) ? pending : null;
            return JsonOut.object().field("ARN", s.arn).field("Name", s.name).field("VersionId", versionId).toBytes();
        });
    }
}
