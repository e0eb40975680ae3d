package dev.smkit.emulator.internal;

import dev.smkit.emulator.RotationFunction;
import dev.smkit.emulator.StepDelays;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Registered rotation functions (by the id they were registered under) and the failed steps seen so far. */
public final class RotationRegistry {
    private final Map<String, Registration> functions = new ConcurrentHashMap<>();
    private final List<StepFailure> failures = new CopyOnWriteArrayList<>();

    /** {@code delays} null: the emulator's default delays apply. */
    public void register(String secretId, RotationFunction function, StepDelays delays) {
        functions.put(secretId, new Registration(function, delays));
    }

    /** The registration under the secret's name, ARN or partial ARN. */
    Registration find(Secret secret) {
        for (String key : new String[] {secret.name, secret.arn, secret.partialArn()}) {
            Registration registration = functions.get(key);
            if (registration != null) {
                return registration;
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

    /** A registered function and its own step delays (null: the emulator's). */
    static final class Registration {
        final RotationFunction function;
        final StepDelays delays;

        Registration(RotationFunction function, StepDelays delays) {
            this.function = function;
            this.delays = delays;
        }
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
