package dev.smkit.emulator.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A validated RotationRules schedule and the emulator's rule for NextRotationDate (see the emulator README):
 * <ul>
 * <li>{@code AutomaticallyAfterDays=N} and {@code rate(N days)}: the window opens at midnight UTC N days after the day of
 * the base time;</li>
 * <li>{@code rate(N hours)}: the window opens N hours after the start of the base time's hour;</li>
 * <li>{@code cron(...)}: the window opens at the first match strictly after the base time.</li>
 * </ul>
 * The window lasts {@code Duration}, by default one hour for schedules in hours and until the end of the UTC day for
 * schedules in days. NextRotationDate is the last second of the window ("rotation happens on or before this date"), and
 * the emulator starts a scheduled rotation when its clock reaches it. The base time is the end of the last successful
 * rotation, the last value written by PutSecretValue/UpdateSecret while rotation is on, or the RotateSecret call that
 * turned rotation on without rotating.
 */
final class RotationSchedule {
    private static final Pattern DURATION_MODEL = Pattern.compile("[0-9h]+");
    private static final Pattern EXPRESSION_MODEL = Pattern.compile("[0-9A-Za-z()#?*\\-/, ]+");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,2})h");
    private static final Pattern RATE = Pattern.compile("rate\\(([0-9]{1,6}) (hour|hours|day|days)\\)");
    private static final Pattern CRON = Pattern.compile("cron\\((.*)\\)");
    static final long MAX_RATE_DAYS = 999;

    /** Fixed interval of AutomaticallyAfterDays and rate(); null for cron. */
    private final Duration interval;
    /** For a fixed interval: counted in days (windows open at midnight) rather than hours. */
    private final boolean inDays;
    private final CronExpression cron;
    /** The explicit Duration, or null for the default window. */
    private final Duration window;

    private RotationSchedule(Duration interval, boolean inDays, CronExpression cron, Duration window) {
        this.interval = interval;
        this.inDays = inDays;
        this.cron = cron;
        this.window = window;
    }

    /**
     * Validates a RotationRules member. Model constraints (range, length, character pattern) are ValidationException,
     * everything Secrets Manager itself refuses is InvalidParameterException.
     */
    static Secret.RotationRules parseRules(Params rules) {
        if (rules == null) {
            return null;
        }
        Long days = rules.longValue("AutomaticallyAfterDays");
        String duration = rules.string("Duration");
        String expression = rules.string("ScheduleExpression");
        if (days != null && (days < 1 || days > 1000)) {
            throw ApiException.validation("1 validation error detected: Value at "
                    + "'rotationRules.automaticallyAfterDays' failed to satisfy constraint: Member must have value "
                    + (days < 1 ? "greater than or equal to 1" : "less than or equal to 1000"));
        }
        if (duration != null) {
            checkModel("duration", duration, 2, 3, DURATION_MODEL, "[0-9h]+");
        }
        if (expression != null) {
            checkModel("scheduleExpression", expression, 1, 256, EXPRESSION_MODEL, "[0-9A-Za-z\\(\\)#\\?\\*\\-\\/, ]+");
        }
        if (days != null && expression != null) {
            throw ApiException.invalidParameter("You cannot specify both rotation frequency and schedule expression "
                    + "together.");
        }
        if (days == null && expression == null) {
            throw ApiException.invalidParameter("RotationRules needs AutomaticallyAfterDays or ScheduleExpression.");
        }
        Duration window = duration == null ? null : window(duration);
        RotationSchedule schedule = days != null ? rate(Duration.ofDays(days), true, window) : expression(expression, window);
        return new Secret.RotationRules(days, duration, expression, schedule);
    }

    private static void checkModel(String member, String value, int min, int max, Pattern pattern, String shown) {
        String at = "1 validation error detected: Value at 'rotationRules." + member
                + "' failed to satisfy constraint: Member must ";
        if (value.length() < min || value.length() > max) {
            throw ApiException.validation(at + "have length "
                    + (value.length() < min ? "greater than or equal to " + min : "less than or equal to " + max));
        }
        if (!pattern.matcher(value).matches()) {
            throw ApiException.validation(at + "satisfy regular expression pattern: " + shown);
        }
    }

    private static Duration window(String duration) {
        Matcher matcher = DURATION.matcher(duration);
        long hours = matcher.matches() ? Long.parseLong(matcher.group(1)) : 0;
        if (hours < 1 || hours > 24) {
            throw ApiException.invalidParameter("The rotation window Duration must be a whole number of hours from 1h "
                    + "to 24h, for example 3h.");
        }
        return Duration.ofHours(hours);
    }

    private static RotationSchedule expression(String expression, Duration window) {
        Matcher rate = RATE.matcher(expression);
        if (rate.matches()) {
            long amount = Long.parseLong(rate.group(1));
            boolean inDays = rate.group(2).startsWith("day");
            if (inDays && (amount < 1 || amount > MAX_RATE_DAYS)) {
                throw ApiException.invalidParameter("Invalid ScheduleExpression: a rate in days must be 1 to "
                        + MAX_RATE_DAYS + " days.");
            }
            if (!inDays && (amount < CronExpression.MIN_HOURS_BETWEEN || amount > MAX_RATE_DAYS * 24)) {
                throw ApiException.invalidParameter("Invalid ScheduleExpression: a rate in hours must be at least "
                        + CronExpression.MIN_HOURS_BETWEEN + " hours (and at most " + MAX_RATE_DAYS + " days).");
            }
            return rate(inDays ? Duration.ofDays(amount) : Duration.ofHours(amount), inDays, window);
        }
        Matcher cronMatcher = CRON.matcher(expression);
        if (!cronMatcher.matches()) {
            throw ApiException.invalidParameter("Invalid ScheduleExpression: use rate(<number> hours|days) or "
                    + "cron(<minutes> <hours> <day-of-month> <month> <day-of-week> <year>).");
        }
        CronExpression cron;
        try {
            cron = CronExpression.parse(cronMatcher.group(1));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalidParameter("Invalid ScheduleExpression: " + e.getMessage() + ".");
        }
        if (window != null) {
            if (cron.inHours() && window.compareTo(cron.shortestGap()) > 0) {
                throw ApiException.invalidParameter("The rotation window Duration must not be longer than the time "
                        + "between two rotations (" + cron.shortestGap().toHours() + "h).");
            }
            if (cron.lastHour() + window.toHours() > 24) {
                throw ApiException.invalidParameter("The rotation window must not extend into the next UTC day: it "
                        + "starts at " + cron.lastHour() + ":00 and lasts " + window.toHours() + "h.");
            }
        }
        return new RotationSchedule(null, false, cron, window);
    }

    private static RotationSchedule rate(Duration interval, boolean inDays, Duration window) {
        if (window != null && !inDays && window.compareTo(interval) > 0) {
            throw ApiException.invalidParameter("The rotation window Duration must not be longer than the time "
                    + "between two rotations (" + interval.toHours() + "h).");
        }
        return new RotationSchedule(interval, inDays, null, window);
    }

    /** The last second of the first rotation window after {@code base}; null if a cron never matches again. */
    Instant nextRotationDate(Instant base) {
        Instant start;
        Duration length;
        if (cron != null) {
            start = cron.next(base);
            if (start == null) {
                return null;
            }
            long startHour = start.atOffset(ZoneOffset.UTC).getHour();
            length = window != null ? window : cron.inHours() ? Duration.ofHours(1) : Duration.ofHours(24 - startHour);
        } else if (inDays) {
            start = base.truncatedTo(ChronoUnit.DAYS).plus(interval);
            length = window != null ? window : Duration.ofDays(1);
        } else {
            start = base.truncatedTo(ChronoUnit.HOURS).plus(interval);
            length = window != null ? window : Duration.ofHours(1);
        }
        return start.plus(length).minusSeconds(1);
    }
}
