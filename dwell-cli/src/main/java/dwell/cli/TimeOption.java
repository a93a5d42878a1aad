package dwell.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Reads --since/--until: an ISO-8601 instant, a date-time (UTC) or a date (its start, UTC). */
final class TimeOption {
    private TimeOption() {
    }

    static Instant parse(String option, String s, boolean endOfDay) {
        if (s == null) return null;
        String t = s.trim();
        try {
            if (t.length() == 10) {
                LocalDate d = LocalDate.parse(t);
                return endOfDay ? d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusNanos(1)
                        : d.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (t.endsWith("Z")) return Instant.parse(t);
            if (t.matches(".*[+-][0-9]{2}:[0-9]{2}$")) return OffsetDateTime.parse(t).toInstant();
            return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new InputError(option + ": not a date or time: '" + s + "' (use e.g. 2021-03-02 or 2021-03-02T10:00:00Z)");
        }
    }
}
