package dwell.format.evtx;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * Instants as ISO-8601 UTC text with seven fraction digits (FILETIME's 100 ns) and back. Every record carries
 * such times, so both ways are done by hand: java.time's formatter and parser took a fifth of the parse time.
 */
public final class IsoInstant {
    private static final int SECONDS_PER_DAY = 86_400;

    private IsoInstant() {
    }

    /** {@code t} as {@code yyyy-MM-ddTHH:mm:ss.fffffffZ} (Instant.toString's form for years beyond 0000-9999). */
    public static String format(Instant t) {
        long seconds = t.getEpochSecond();
        long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        byte[] s = new byte[28];
        LocalDate d = day >= LocalDate.MIN.toEpochDay() && day <= LocalDate.MAX.toEpochDay() ? LocalDate.ofEpochDay(day) : null;
        if (d == null || d.getYear() < 0 || d.getYear() > 9999) {
            // signed or five-digit years: Instant's own text of the whole second, without its 'Z'
            String whole = Instant.ofEpochSecond(seconds).toString();
            digits(s, 20, t.getNano() / 100, 7);
            return whole.substring(0, whole.length() - 1) + '.' + new String(s, 20, 7, StandardCharsets.ISO_8859_1) + 'Z';
        }
        // every record has times: written into one array, where a builder cost a copy and a check per character
        digits(s, 0, d.getYear(), 4);
        s[4] = '-';
        digits(s, 5, d.getMonthValue(), 2);
        s[7] = '-';
        digits(s, 8, d.getDayOfMonth(), 2);
        s[10] = 'T';
        digits(s, 11, secondOfDay / 3600, 2);
        s[13] = ':';
        digits(s, 14, secondOfDay / 60 % 60, 2);
        s[16] = ':';
        digits(s, 17, secondOfDay % 60, 2);
        s[19] = '.';
        digits(s, 20, t.getNano() / 100, 7);
        s[27] = 'Z';
        return new String(s, StandardCharsets.ISO_8859_1);
    }

    /** Parses what {@link Instant#parse} accepts (the form above fast, any other form through it); null if invalid. */
    public static Instant parse(String s) {
        if (s.length() == 28 && s.charAt(4) == '-' && s.charAt(7) == '-' && s.charAt(10) == 'T' && s.charAt(13) == ':'
                && s.charAt(16) == ':' && s.charAt(19) == '.' && s.charAt(27) == 'Z') {
            int year = number(s, 0, 4);
            int month = number(s, 5, 7);
            int dayOfMonth = number(s, 8, 10);
            int hour = number(s, 11, 13);
            int minute = number(s, 14, 16);
            int second = number(s, 17, 19);
            int ticks = number(s, 20, 27);
            if ((year | month | dayOfMonth | hour | minute | second | ticks) >= 0 && hour < 24 && minute < 60 && second < 60) {
                try {
                    long day = LocalDate.of(year, month, dayOfMonth).toEpochDay();
                    return Instant.ofEpochSecond(day * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, ticks * 100L);
                } catch (DateTimeException e) {
                    return null; // no such date (month 13, 30 February): Instant.parse refuses it too
                }
            }
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The decimal number in s[from, to), or -1 if any character is not an ASCII digit. */
    private static int number(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Writes {@code value} (0 or more, below 10^width) zero-padded to {@code width} digits at {@code s[at]}. */
    private static void digits(byte[] s, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--, value /= 10) s[i] = (byte) ('0' + value % 10);
    }
}
