package dev.smkit.emulator;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long a rotation waits before each of its steps. A delay holds the rotation between two steps, e.g. a delay
 * before {@code finishSecret} keeps the single-user window open (the database already has the new password while
 * AWSCURRENT still holds the old one). Waiting holds no lock and ends early when the rotation is cancelled
 * (CancelRotateSecret, {@link SecretsManagerEmulator#reset()}, {@link SecretsManagerEmulator#close()}).
 *
 * <pre>{@code
 * StepDelays.none().with(RotationStep.FINISH_SECRET, Duration.ofSeconds(2))
 * StepDelays.parse("setSecret=1s,finishSecret=500ms")
 * }</pre>
 *
 * Immutable and thread-safe.
 */
public final class StepDelays {
    private static final StepDelays NONE = new StepDelays(new EnumMap<>(RotationStep.class));
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");

    private final Map<RotationStep, Duration> delays;

    private StepDelays(EnumMap<RotationStep, Duration> delays) {
        this.delays = delays;
    }

    /** No delay before any step (the default). */
    public static StepDelays none() {
        return NONE;
    }

    /** A copy with {@code delay} before {@code step}; {@link Duration#ZERO} removes it. */
    public StepDelays with(RotationStep step, Duration delay) {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("the delay before " + step + " must not be negative, got " + delay);
        }
        EnumMap<RotationStep, Duration> copy = new EnumMap<>(RotationStep.class);
        copy.putAll(delays);
        if (delay.isZero()) {
            copy.remove(step);
        } else {
            copy.put(step, delay);
        }
        return new StepDelays(copy);
    }

    /** The wait before {@code step}; {@link Duration#ZERO} when there is none. */
    public Duration delayBefore(RotationStep step) {
        return delays.getOrDefault(Objects.requireNonNull(step, "step"), Duration.ZERO);
    }

    /** Whether every delay is zero. */
    public boolean isNone() {
        return delays.isEmpty();
    }

    /**
     * Parses {@code step=time} pairs separated by commas, e.g. {@code createSecret=0s,setSecret=1s,testSecret=500ms}.
     * Steps are {@code createSecret}, {@code setSecret}, {@code testSecret} and {@code finishSecret} (each at most
     * once; unnamed steps get no delay); a time is a whole number followed by {@code ms}, {@code s}, {@code m} or
     * {@code h}. An empty text means no delays.
     *
     * @throws IllegalArgumentException naming the offending pair
     */
    public static StepDelays parse(String text) {
        Objects.requireNonNull(text, "text");
        StepDelays result = none();
        if (text.trim().isEmpty()) {
            return result;
        }
        EnumMap<RotationStep, Boolean> seen = new EnumMap<>(RotationStep.class);
        for (String pair : text.split(",", -1)) {
            String item = pair.trim();
            int equals = item.indexOf('=');
            if (equals < 0) {
                throw new IllegalArgumentException("rotation step delay '" + item + "' must look like step=time, e.g. "
                        + "setSecret=1s");
            }
            RotationStep step = RotationStep.fromName(item.substring(0, equals));
            if (seen.put(step, Boolean.TRUE) != null) {
                throw new IllegalArgumentException("rotation step " + step + " has more than one delay");
            }
            result = result.with(step, parseTime(step, item.substring(equals + 1).trim()));
        }
        return result;
    }

    private static Duration parseTime(RotationStep step, String time) {
        Matcher matcher = DURATION.matcher(time.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("the delay before rotation step " + step + " must be a whole number "
                    + "followed by ms, s, m or h (e.g. 500ms, 2s), got '" + time + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        switch (matcher.group(2)) {
            case "ms":
                return Duration.ofMillis(amount);
            case "s":
                return Duration.ofSeconds(amount);
            case "m":
                return Duration.ofMinutes(amount);
            default:
                return Duration.ofHours(amount);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof StepDelays && ((StepDelays) other).delays.equals(delays);
    }

    @Override
    public int hashCode() {
        return delays.hashCode();
    }

    /** The delays in {@link #parse(String)} syntax (milliseconds), e.g. {@code setSecret=1000ms}; empty for none. */
    @Override
    public String toString() {
        StringJoiner joiner = new StringJoiner(",");
        delays.forEach((step, delay) -> joiner.add(step.stepName() + "=" + delay.toMillis() + "ms"));
        return joiner.toString();
    }
}
