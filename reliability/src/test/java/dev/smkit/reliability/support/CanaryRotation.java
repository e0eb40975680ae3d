package dev.smkit.reliability.support;

import dev.smkit.emulator.RotationContext;
import dev.smkit.emulator.RotationFunction;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Delegates each rotation to the function {@code strategy} picks at that moment (so one secret can mix single-user
 * and alternating-users rotations), and makes every generated password carry a fresh canary.
 */
public final class CanaryRotation implements RotationFunction {

    private final Supplier<RotationFunction> strategy;
    private volatile RotationFunction current;

    public CanaryRotation(Supplier<RotationFunction> strategy) {
        this.strategy = strategy;
    }

    @Override
    public void createSecret(RotationContext context) throws Exception {
        current = strategy.get();
        current.createSecret(new CanaryContext(context));
    }

    @Override
    public void setSecret(RotationContext context) throws Exception {
        current.setSecret(new CanaryContext(context));
    }

    @Override
    public void testSecret(RotationContext context) throws Exception {
        current.testSecret(new CanaryContext(context));
    }

    @Override
    public void finishSecret(RotationContext context) throws Exception {
        current.finishSecret(new CanaryContext(context));
    }

    private static final class CanaryContext implements RotationContext {
        private final RotationContext context;

        CanaryContext(RotationContext context) {
            this.context = context;
        }

        @Override
        public String secretId() {
            return context.secretId();
        }

        @Override
        public String arn() {
            return context.arn();
        }

        @Override
        public String token() {
            return context.token();
        }

        @Override
        public String currentSecretString() {
            return context.currentSecretString();
        }

        @Override
        public Optional<String> pendingSecretString() {
            return context.pendingSecretString();
        }

        @Override
        public void putPendingSecretString(String value) {
            context.putPendingSecretString(value);
        }

        @Override
        public String randomPassword() {
            String random = context.randomPassword().replaceAll("[^A-Za-z0-9]", "");
            return Canary.next() + random.substring(0, Math.min(8, random.length()));
        }

        @Override
        public void finish() {
            context.finish();
        }
    }
}
