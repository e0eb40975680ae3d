package dev.smkit.emulator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A thread-safe rotation function for tests: records the steps it ran and the thread it ran on, stores a random
 * pending value, finishes, and on request blocks in a step (until released) or throws anything from it.
 */
final class ScriptedRotation implements RotationFunction {
    /** Longest a blocked step waits for its release, so that a broken test cannot hang the build. */
    static final long BLOCK_SECONDS = 60;

    final List<RotationStep> steps = new CopyOnWriteArrayList<>();
    final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final Map<RotationStep, CountDownLatch> entered = new ConcurrentHashMap<>();
    private final Map<RotationStep, CountDownLatch> releases = new ConcurrentHashMap<>();
    private final Map<RotationStep, Throwable> failures = new ConcurrentHashMap<>();
    private volatile boolean finish = true;

    /** {@code step} waits for {@link #release(RotationStep)} before doing its work. */
    ScriptedRotation blockIn(RotationStep step) {
        entered.put(step, new CountDownLatch(1));
        releases.put(step, new CountDownLatch(1));
        return this;
    }

    /** {@code step} throws {@code thrown} (whatever its type). */
    ScriptedRotation failIn(RotationStep step, Throwable thrown) {
        failures.put(step, thrown);
        return this;
    }

    /** finishSecret returns without moving AWSCURRENT. */
    ScriptedRotation withoutFinishing() {
        finish = false;
        return this;
    }

    /** Waits until the blocked {@code step} has started. */
    boolean awaitEntered(RotationStep step) throws InterruptedException {
        return entered.get(step).await(BLOCK_SECONDS, TimeUnit.SECONDS);
    }

    void release(RotationStep step) {
        releases.get(step).countDown();
    }

    private void step(RotationStep step) throws InterruptedException {
        steps.add(step);
        threads.add(Thread.currentThread());
        CountDownLatch release = releases.get(step);
        if (release != null) {
            entered.get(step).countDown();
            if (!release.await(BLOCK_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError(step + " was never released");
            }
        }
        Throwable thrown = failures.get(step);
        if (thrown != null) {
            ScriptedRotation.<RuntimeException>sneakyThrow(thrown);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable thrown) throws T {
        throw (T) thrown;
    }

    @Override
    public void createSecret(RotationContext context) throws Exception {
        step(RotationStep.CREATE_SECRET);
        if (context.pendingSecretString().isEmpty()) {
            context.putPendingSecretString(context.randomPassword());
        }
    }

    @Override
    public void setSecret(RotationContext context) throws Exception {
        step(RotationStep.SET_SECRET);
    }

    @Override
    public void testSecret(RotationContext context) throws Exception {
        step(RotationStep.TEST_SECRET);
    }

    @Override
    public void finishSecret(RotationContext context) throws Exception {
        step(RotationStep.FINISH_SECRET);
        if (finish) {
            context.finish();
        }
    }
}
