package dwell.format.evtx;

import dwell.text.Utf8Buffer;
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
    /** The days of years 0000 to 9999, written with four digits; others as {@link Instant#toString} writes them. */
    private static final long FIRST_DAY = LocalDate.of(0, 1, 1).toEpochDay();
    private static final long LAST_DAY = LocalDate.of(9999, 12, 31).toEpochDay();

    private IsoInstant() {
    }

    /** {@code t} as {@code yyyy-MM-ddTHH:mm:ss.fffffffZ} (Instant.toString's form for years beyond 0000-9999). */
    public static String format(Instant t) {
        // every record has times: written into one array, where a builder cost a copy and a check per character
        byte[] s = new byte[28];
        if (write(t, s, 0)) return new String(s, StandardCharsets.ISO_8859_1);
        // signed or five-digit years: Instant's own text of the whole second, without its 'Z'
        String whole = Instant.ofEpochSecond(t.getEpochSecond()).toString();
        digits(s, 0, t.getNano() / 100, 7);
        return whole.substring(0, whole.length() - 1) + '.' + new String(s, 0, 7, StandardCharsets.ISO_8859_1) + 'Z';
    }

    /** Appends {@link #format(Instant)}'s text as bytes, without a String (a JSON dump writes one per record). */
    public static void format(Instant t, Utf8Buffer b) {
        byte[] out = b.room(28);
        int p = b.size();
        if (write(t, out, p)) b.size(p + 28);
        else b.ascii(format(t));
    }

    /** Writes the 28 bytes of {@code t} at {@code out[p]}; false (nothing written) for years beyond 0000-9999. */
    private static boolean write(Instant t, byte[] out, int p) {
        long seconds = t.getEpochSecond();
        long day = Math.floorDiv(seconds, SECONDS_PER_DAY);
        if (day < FIRST_DAY || day > LAST_DAY) return false;
        int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
        // the civil date of a day count (days since 0000-03-01, in 400-year eras: H. Hinnant's days_from_civil inverse)
        int z = (int) day + 719_468;
        int era = Math.floorDiv(z, 146_097); // -1 for January and February of year 0
        int dayOfEra = z - era * 146_097;
        int yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365;
        int dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        int m = (5 * dayOfYear + 2) / 153;
        int dayOfMonth = dayOfYear - (153 * m + 2) / 5 + 1;
        int month = m < 10 ? m + 3 : m - 9;
        int year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        digits(out, p, year, 4);
        out[p + 4] = '-';
        digits(out, p + 5, month, 2);
        out[p + 7] = '-';
        digits(out, p + 8, dayOfMonth, 2);
        out[p + 10] = 'T';
        digits(out, p + 11, secondOfDay / 3600, 2);
        out[p + 13] = ':';
        digits(out, p + 14, secondOfDay / 60 % 60, 2);
        out[p + 16] = ':';
        digits(out, p + 17, secondOfDay % 60, 2);
        out[p + 19] = '.';
        digits(out, p + 20, t.getNano() / 100, 7);
        out[p + 27] = 'Z';
        return true;
    }

    /** Writes {@code value} (0 or more, below 10^width) zero-padded to {@code width} digits at {@code out[at]}. */
    private static void digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--, value /= 10) out[i] = (byte) ('0' + value % 10);
    }

    /**
     * Parses what {@link Instant#parse} accepts (the form {@link Instant#toString} writes, {@code
     * yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, fast, any other form through it); null if invalid.
     */
    public static Instant parse(String s) {
        long seconds = plainSeconds(s);
        if (seconds != Long.MIN_VALUE) return Instant.ofEpochSecond(seconds, plainNanos(s));
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * The epoch second of {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with a valid date and time, else Long.MIN_VALUE (left
     * to Instant.parse, which refuses it or reads one of its rarer forms: an offset, 24:00, a leap second).
     */
    private static long plainSeconds(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') return Long.MIN_VALUE;
        if (n > 20 && (s.charAt(19) != '.' || n > 30 || n == 21 || number(s, 20, n - 1) < 0)) return Long.MIN_VALUE;
        int year = number(s, 0, 4), month = number(s, 5, 7), dayOfMonth = number(s, 8, 10);
        int hour = number(s, 11, 13), minute = number(s, 14, 16), second = number(s, 17, 19);
        if ((year | month | dayOfMonth | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return Long.MIN_VALUE;
        }
        try {
            long day = LocalDate.of(year, month, dayOfMonth).toEpochDay();
            return day * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
        } catch (DateTimeException e) {
            return Long.MIN_VALUE; // no such date (month 13, 30 February): Instant.parse refuses it too
        }
    }

    /** The nanoseconds of a text {@link #plainSeconds} read: its 0 to 9 fraction digits. */
    private static int plainNanos(String s) {
        int n = s.length();
        if (n == 20) return 0;
        int nanos = number(s, 20, n - 1);
        for (int i = n - 21; i < 9; i++) nanos *= 10;
        return nanos;
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
}
