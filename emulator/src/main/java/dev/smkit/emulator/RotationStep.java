package dev.smkit.emulator;

import java.util.Locale;

/** The four steps of a rotation, in the order they run. */
public enum RotationStep {
    CREATE_SECRET("createSecret"),
    SET_SECRET("setSecret"),
    TEST_SECRET("testSecret"),
    FINISH_SECRET("finishSecret");

    private final String stepName;

    RotationStep(String stepName) {
        this.stepName = stepName;
    }

    /** The name of the {@link RotationFunction} method, e.g. {@code setSecret}; also used in logs and failures. */
    public String stepName() {
        return stepName;
    }

    /**
     * The step named {@code name}: {@code createSecret}, {@code setSecret}, {@code testSecret} or {@code finishSecret}
     * (case-insensitive; the Lambda spellings such as {@code set_secret} are accepted too).
     *
     * @throws IllegalArgumentException for any other name
     */
    public static RotationStep fromName(String name) {
        if (name != null) {
            String plain = name.trim().replace("_", "").toLowerCase(Locale.ROOT);
            for (RotationStep step : values()) {
                if (step.stepName.toLowerCase(Locale.ROOT).equals(plain)) {
                    return step;
                }
            }
        }
        throw new IllegalArgumentException("unknown rotation step '" + name
                + "': use createSecret, setSecret, testSecret or finishSecret");
    }

    @Override
    public String toString() {
        return stepName;
    }
}
