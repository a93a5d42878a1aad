package dwell.sigma;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.IsoFields;

/** The time modifiers minute, hour, day, week, month, year: a part of the field's date equals the rule's number. */
final class TimePartTest implements ValueTest {
    /** The part of a date compared. */
    public enum Part { MINUTE, HOUR, DAY, WEEK, MONTH, YEAR }

    private static final DateTimeFormatter SPACED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSSSSS][.SSSSSS][.SSS]");

    private final Part part;
    private final long expected;

    public TimePartTest(Part part, long expected) {
        this.part = part;
        this.expected = expected;
    }

    @Override
    public boolean test(String value, EventView view) {
        LocalDateTime t = parse(value);
        if (t == null) return false;
        long v = switch (part) {
            case MINUTE -> t.getMinute();
            case HOUR -> t.getHour();
            case DAY -> t.getDayOfMonth();
            case WEEK -> t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case MONTH -> t.getMonthValue();
            case YEAR -> t.get(ChronoField.YEAR);
        };
        return v == expected;
    }

    /** Reads ISO-8601 instants, offsets, local date-times ('T' or space) and dates; times are taken as written. */
    static LocalDateTime parse(String s) {
        if (s == null) return null;
        String t = s.trim();
        if (t.length() < 10 || t.length() > 40) return null;
        try {
            if (t.endsWith("Z")) return LocalDateTime.ofInstant(Instant.parse(t), ZoneOffset.UTC);
            if (t.length() > 10 && t.charAt(10) == 'T') {
                if (t.lastIndexOf('+') > 10 || t.lastIndexOf('-') > 10) return OffsetDateTime.parse(t).toLocalDateTime();
                return LocalDateTime.parse(t);
            }
            if (t.length() == 10) return LocalDate.parse(t).atStartOfDay();
            return LocalDateTime.parse(t, SPACED);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    Part part() {
        return part;
    }

    long expected() {
        return expected;
    }

    @Override
    public String toString() {
        return part + " " + expected;
    }
}
