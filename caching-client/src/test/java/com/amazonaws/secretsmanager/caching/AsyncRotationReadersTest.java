package com.amazonaws.secretsmanager.caching;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smkit.emulator.RotationContext;
import dev.smkit.emulator.RotationFunction;
import dev.smkit.emulator.RotationOutcome;
import dev.smkit.emulator.RotationStep;
import dev.smkit.emulator.StepDelays;
import dev.smkit.emulator.StepPhase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Readers of a short-TTL secret while the emulator rotates it as AWS does: RotateSecret answers at once, the steps run
 * in the background, and a window separates setSecret from finishSecret (AWSPENDING holds the new value, AWSCURRENT
 * the old one). Whatever the readers' timing, they see only values that were AWSCURRENT, in rotation order, and the
 * change listeners fire once per version.
 */
class AsyncRotationReadersTest extends EmulatorTest {

    static final String SECRET = "rotating/readers";
    static final int READERS = 8;
    static final int ROTATIONS = 3;
    static final Duration WINDOW = Duration.ofSeconds(2);

    enum Strategy { SINGLE_USER, ALTERNATING_USERS }

    @ParameterizedTest
    @EnumSource(Strategy.class)
    void readersSeeOnlyCurrentValuesInOrder(Strategy strategy) throws Exception {
        createSecret(SECRET, value(strategy, 0));
        // Generation k becomes AWSCURRENT when finishSecret of rotation k starts (it moves the label inside).
        Map<Integer, Long> currentFrom = new ConcurrentHashMap<>();
        currentFrom.put(0, System.nanoTime());
        List<Integer> generationOfRotation = Collections.synchronizedList(new ArrayList<>());
        emulator.addRotationListener((secretId, versionId, step, phase) -> {
            if (step == RotationStep.FINISH_SECRET && phase == StepPhase.STARTED) {
                currentFrom.put(generationOfRotation.size(), System.nanoTime());
            }
        });
        emulator.registerRotation(SECRET, new CountingRotation(strategy, generationOfRotation),
                StepDelays.none().with(RotationStep.FINISH_SECRET, WINDOW));

        SecretCache cache = cache(new SecretCacheConfiguration().withClient(client).withCacheItemTTL(50));
        List<SecretChangeEvent> events = new CopyOnWriteArrayList<>();
        cache.addChangeListener(events::add);
        assertThat(cache.getSecretString(SECRET)).isEqualTo(value(strategy, 0));

        AtomicBoolean stop = new AtomicBoolean();
        List<String> violations = new CopyOnWriteArrayList<>();
        List<Thread> readers = new ArrayList<>();
        long[] reads = new long[READERS];
        for (int r = 0; r < READERS; r++) {
            int reader = r;
            Thread thread = new Thread(() -> {
                int last = 0;
                while (!stop.get()) {
                    String value;
                    try {
                        value = cache.getSecretString(SECRET);
                    } catch (RuntimeException e) {
                        violations.add("reader " + reader + " failed: " + e);
                        continue;
                    }
                    long readAt = System.nanoTime();
                    int generation = generationOf(value);
                    Long current = currentFrom.get(generation);
                    if (current == null || readAt - current < 0) {
                        violations.add("reader " + reader + " saw generation " + generation
                                + " before it was AWSCURRENT");
                    }
                    if (generation < last) {
                        violations.add("reader " + reader + " went back from " + last + " to " + generation);
                    }
                    last = generation;
                    reads[reader]++;
                }
            }, "async-rotation-reader-" + r);
            readers.add(thread);
            thread.start();
        }
        try {
            for (int i = 1; i <= ROTATIONS; i++) {
                String versionId = emulator.client().rotateSecret(req -> req.secretId(SECRET)).versionId();
                RotationOutcome outcome = emulator.awaitRotation(SECRET, versionId, Duration.ofSeconds(30));
                assertThat(outcome.succeeded()).as("%s", outcome).isTrue();
                // Every reader's next reads come after the new version's TTL check at the latest.
                assertThat(cache.refreshNow(SECRET)).isTrue();
                assertThat(cache.getSecretString(SECRET)).isEqualTo(value(strategy, i));
            }
        } finally {
            stop.set(true);
            for (Thread thread : readers) {
                thread.join();
            }
        }

        assertThat(violations).isEmpty();
        for (int r = 0; r < READERS; r++) {
            assertThat(reads[r]).as("reads by reader %d", r).isPositive();
        }
        assertThat(events).as("one change event per rotation").hasSize(ROTATIONS);
        List<String> versions = emulator.client().listSecretVersionIds(req -> req.secretId(SECRET)).versions()
                .stream().map(v -> v.versionId()).collect(java.util.stream.Collectors.toList());
        for (int i = 0; i < ROTATIONS; i++) {
            SecretChangeEvent event = events.get(i);
            assertThat(event.getSecretId()).isEqualTo(SECRET);
            if (i > 0) {
                assertThat(event.getPreviousVersionId()).as("events chain").isEqualTo(events.get(i - 1).getNewVersionId());
            }
        }
        assertThat(versions).contains(events.get(ROTATIONS - 1).getNewVersionId());
    }

    /** {@code {"username":"app[_clone]","password":"pw-<generation>","generation":<n>}}. */
    static String value(Strategy strategy, int generation) {
        String user = strategy == Strategy.ALTERNATING_USERS && generation % 2 == 1 ? "app_clone" : "app";
        return "{\"username\":\"" + user + "\",\"password\":\"pw-" + generation + "\",\"generation\":" + generation + "}";
    }

    static int generationOf(String value) {
        int at = value.indexOf("\"generation\":");
        return Integer.parseInt(value.substring(at + "\"generation\":".length(), value.length() - 1));
    }

    /** Writes generation k+1 as the pending value of rotation k+1; finishSecret moves AWSCURRENT to it. */
    private static final class CountingRotation implements RotationFunction {
        private final Strategy strategy;
        private final List<Integer> generationOfRotation;

        CountingRotation(Strategy strategy, List<Integer> generationOfRotation) {
            this.strategy = strategy;
            this.generationOfRotation = generationOfRotation;
        }

        @Override
        public void createSecret(RotationContext context) {
            if (!context.pendingSecretString().isPresent()) {
                int next = generationOf(context.currentSecretString()) + 1;
                generationOfRotation.add(next);
                context.putPendingSecretString(value(strategy, next));
            }
        }

        @Override
        public void setSecret(RotationContext context) {
            // No database here: the window between this step and finishSecret is what the readers live through.
        }

        @Override
        public void testSecret(RotationContext context) {
        }

        @Override
        public void finishSecret(RotationContext context) {
            context.finish();
        }
    }
}
