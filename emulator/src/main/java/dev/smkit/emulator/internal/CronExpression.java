package dev.smkit.emulator.internal;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The inside of a Secrets Manager {@code cron(...)} schedule: {@code Minutes Hours Day-of-month Month Day-of-week Year},
 * UTC, with the service's restrictions (minutes 0, year *, one of the day fields ?, at least 4 hours and at most a year
 * between two rotations). {@link #parse} throws {@link IllegalArgumentException} with a reason for anything else.
 */
final class CronExpression {
    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("JAN", 1), Map.entry("FEB", 2),
            Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5), Map.entry("JUN", 6), Map.entry("JUL", 7),
            Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10), Map.entry("NOV", 11), Map.entry("DEC", 12));
    private static final Map<String, Integer> WEEKDAYS = Map.of("SUN", 1, "MON", 2, "TUE", 3, "WED", 4, "THU", 5,
            "FRI", 6, "SAT", 7);
    /** How far {@link #next} looks ahead; every valid expression fires at least once a year. */
    private static final int SEARCH_DAYS = 2 * 366 + 1;
    static final long MIN_HOURS_BETWEEN = 4;

    private final BitSet hours;
    private final BitSet months;
    /** Null when the day-of-month field is {@code ?}. */
    private final BitSet daysOfMonth;
    private final boolean lastDayOfMonth;
    /** Null when the day-of-week field is {@code ?}; 1 = Sunday ... 7 = Saturday. */
    private final BitSet daysOfWeek;
    /** {@code x#n}: the n-th weekday x of the month; 0 when not used. */
    private final int nthWeek;
    /** {@code xL}: the last weekday x of the month. */
    private final boolean lastWeekdayOfMonth;
    /** Shortest time between two rotations, measured over eight years. */
    private final Duration shortestGap;

    private CronExpression(BitSet hours, BitSet months, BitSet daysOfMonth, boolean lastDayOfMonth, BitSet daysOfWeek,
            int nthWeek, boolean lastWeekdayOfMonth) {
        this.hours = hours;
        this.months = months;
        this.daysOfMonth = daysOfMonth;
        this.lastDayOfMonth = lastDayOfMonth;
        this.daysOfWeek = daysOfWeek;
        this.nthWeek = nthWeek;
        this.lastWeekdayOfMonth = lastWeekdayOfMonth;
        this.shortestGap = checkFrequency();
    }

    /** {@code fields}: the text between the parentheses of {@code cron(...)}. */
    static CronExpression parse(String fields) {
        String[] parts = fields.trim().toUpperCase(Locale.ROOT).split(" +");
        if (parts.length != 6) {
            throw new IllegalArgumentException("a cron expression has 6 fields (minutes hours day-of-month month "
                    + "day-of-week year), this one has " + parts.length);
        }
        if (!parts[0].equals("0")) {
            throw new IllegalArgumentException("the minutes field must be 0: rotation windows start on the hour");
        }
        if (!parts[5].equals("*")) {
            throw new IllegalArgumentException("the year field must be *");
        }
        BitSet hours = values(parts[1], 0, 23, Map.of(), "hours");
        BitSet months = values(parts[3], 1, 12, MONTHS, "month");
        String dom = parts[2];
        String dow = parts[4];
        if (dom.equals("?") == dow.equals("?")) {
            throw new IllegalArgumentException("exactly one of day-of-month and day-of-week must be ?");
        }
        if (dom.equals("?")) {
            if (dow.contains("#")) {
                String[] nth = dow.split("#", -1);
                int week = number(nth.length == 2 ? nth[1] : "", 1, 5, Map.of(), "day-of-week (#)");
                return new CronExpression(hours, months, null, false, single(nth[0]), week, false);
            }
            if (dow.length() > 1 && dow.endsWith("L")) {
                return new CronExpression(hours, months, null, false, single(dow.substring(0, dow.length() - 1)), 0, true);
            }
            BitSet weekdays = dow.equals("L") ? bit(7) : values(dow, 1, 7, WEEKDAYS, "day-of-week");
            return new CronExpression(hours, months, null, false, weekdays, 0, false);
        }
        if (dom.equals("L")) {
            return new CronExpression(hours, months, null, true, null, 0, false);
        }
        return new CronExpression(hours, months, values(dom, 1, 31, Map.of(), "day-of-month"), false, null, 0, false);
    }

    private static BitSet single(String weekday) {
        return bit(number(weekday, 1, 7, WEEKDAYS, "day-of-week"));
    }

    private static BitSet bit(int value) {
        BitSet set = new BitSet();
        set.set(value);
        return set;
    }

    /** A field of comma-separated items: {@code *}, {@code n}, {@code a-b}, each optionally {@code /step}, or {@code /step}. */
    private static BitSet values(String field, int min, int max, Map<String, Integer> names, String name) {
        BitSet set = new BitSet();
        for (String item : field.split(",", -1)) {
            String range = item;
            int step = 1;
            int slash = item.indexOf('/');
            if (slash >= 0) {
                step = number(item.substring(slash + 1), 1, max, Map.of(), name + " increment");
                range = item.substring(0, slash);
            }
            int from;
            int to;
            if (range.equals("*") || (range.isEmpty() && slash >= 0)) {
                from = min;
                to = max;
            } else if (range.indexOf('-') > 0) {
                String[] bounds = range.split("-", -1);
                if (bounds.length != 2) {
                    throw new IllegalArgumentException("the " + name + " field has a malformed range '" + range + "'");
                }
                from = number(bounds[0], min, max, names, name);
                to = number(bounds[1], min, max, names, name);
                if (from > to) {
                    throw new IllegalArgumentException("the " + name + " range '" + range + "' runs backwards");
                }
            } else {
                from = number(range, min, max, names, name);
                to = slash >= 0 ? max : from;
            }
            for (int value = from; value <= to; value += step) {
                set.set(value);
            }
        }
        return set;
    }

    private static int number(String text, int min, int max, Map<String, Integer> names, String name) {
        Integer named = names.get(text);
        if (named != null) {
            return named;
        }
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the " + name + " field has an invalid value '" + text + "'");
        }
        if (value < min || value > max) {
            throw new IllegalArgumentException("the " + name + " field allows " + min + "-" + max + ", got " + value);
        }
        return value;
    }

    /** Checks "at least 4 hours, at most a year apart" over eight years (every leap and weekday arrangement). */
    private Duration checkFrequency() {
        List<Instant> fires = new ArrayList<>();
        LocalDate end = LocalDate.of(2009, 1, 1);
        for (LocalDate day = LocalDate.of(2001, 1, 1); day.isBefore(end); day = day.plusDays(1)) {
            if (matches(day)) {
                for (int hour = hours.nextSetBit(0); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
                    fires.add(day.atTime(hour, 0).toInstant(ZoneOffset.UTC));
                }
            }
        }
        if (fires.isEmpty()) {
            throw new IllegalArgumentException("the expression never matches a date");
        }
        Duration shortest = null;
        Duration longest = Duration.between(LocalDate.of(2001, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC),
                fires.get(0));
        for (int i = 1; i < fires.size(); i++) {
            Duration gap = Duration.between(fires.get(i - 1), fires.get(i));
            shortest = shortest == null || gap.compareTo(shortest) < 0 ? gap : shortest;
            longest = gap.compareTo(longest) > 0 ? gap : longest;
        }
        if (shortest != null && shortest.toHours() < MIN_HOURS_BETWEEN) {
            throw new IllegalArgumentException("rotations would be " + shortest.toHours()
                    + " hours apart; a secret can rotate at most every " + MIN_HOURS_BETWEEN + " hours");
        }
        if (longest.compareTo(Duration.ofDays(366)) > 0) {
            throw new IllegalArgumentException("rotations would be more than a year apart");
        }
        return shortest == null ? Duration.ofDays(365) : shortest;
    }

    boolean matches(LocalDate day) {
        if (!months.get(day.getMonthValue())) {
            return false;
        }
        if (daysOfWeek == null) {
            return lastDayOfMonth ? day.getDayOfMonth() == day.lengthOfMonth() : daysOfMonth.get(day.getDayOfMonth());
        }
        if (!daysOfWeek.get(weekday(day.getDayOfWeek()))) {
            return false;
        }
        if (nthWeek > 0) {
            return (day.getDayOfMonth() - 1) / 7 + 1 == nthWeek;
        }
        return !lastWeekdayOfMonth || day.getDayOfMonth() + 7 > day.lengthOfMonth();
    }

    /** Cron numbering: 1 = Sunday ... 7 = Saturday. */
    private static int weekday(DayOfWeek day) {
        return day.getValue() % 7 + 1;
    }

    /** The first full hour strictly after {@code after} that the expression matches, or null (never within two years). */
    Instant next(Instant after) {
        LocalDate day = after.atOffset(ZoneOffset.UTC).toLocalDate();
        for (int i = 0; i < SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (matches(day)) {
                for (int hour = hours.nextSetBit(0); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
                    Instant candidate = day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
                    if (candidate.isAfter(after)) {
                        return candidate;
                    }
                }
            }
        }
        return null;
    }

    /** More than one rotation a day: a schedule "in hours", whose default window is one hour. */
    boolean inHours() {
        return hours.cardinality() > 1;
    }

    /** The latest hour of the day at which a window starts. */
    int lastHour() {
        return hours.length() - 1;
    }

    Duration shortestGap() {
        return shortestGap;
    }
}
