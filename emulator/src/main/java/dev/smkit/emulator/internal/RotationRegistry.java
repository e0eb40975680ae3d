package dev.smkit.emulator.internal;

import dev.smkit.emulator.RotationFunction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Registered rotation functions (by the id they were registered under) and the failed steps seen so far. */
public final class RotationRegistry {
    private final Map<String, RotationFunction> functions = new ConcurrentHashMap<>();
    private final List<StepFailure> failures = new CopyOnWriteArrayList<>();

    public void register(String secretId, RotationFunction function) {
        functions.put(secretId, function);
    }

    /** The function registered under the secret's name, ARN or partial ARN. */
    RotationFunction find(Secret secret) {
        for (String key : new String[] {secret.name, secret.arn, secret.partialArn()}) {
            RotationFunction function = functions.get(key);
            if (function != null) {
                return function;
            }
        }
        return null;
    }

    void recordFailure(StepFailure failure) {
        failures.add(failure);
    }

    public List<StepFailure> failures() {
        return new ArrayList<>(failures);
    }

    public void clear() {
        functions.clear();
        failures.clear();
    }

    /** A failed rotation step, without any value or exception message. */
    public static final class StepFailure {
        public final String secretName;
        public final String token;
        public final String step;
        public final String exceptionClass;
        public final Instant failedAt;

        StepFailure(String secretName, String token, String step, String exceptionClass, Instant failedAt) {
            this.secretName = secretName;
            this.token = token;
            this.step = step;
            this.exceptionClass = exceptionClass;
            this.failedAt = failedAt;
        }
    }
}
