package dwell.casefile;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * ISO-8601 UTC text (the outputs' and the case's times) read as {@link Instant#parse} reads it, the form
 * {@link Instant#toString} writes ({@code 2021-03-05T10:00:00.123Z}) directly: Instant.parse builds a formatter on
 * every call, and in a scan's case stage its few thousand calls took a seventh of the stage's Java time.
 */
public final class UtcText {
    private static final int SECONDS_END = "yyyy-MM-ddTHH:mm:ss".length();

    private UtcText() {
    }

    /** The instant, or null for null or unreadable text. */
    public static Instant instant(String iso) {
        if (iso == null) return null;
        LocalDateTime t = plain(iso);
        if (t != null) return t.toInstant(ZoneOffset.UTC);
        try {
            return Instant.parse(iso);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The time in UTC, or null for null, empty or unreadable text. */
    public static LocalDateTime parse(String iso) {
        if (iso == null || iso.isEmpty()) return null;
        LocalDateTime t = plain(iso);
        if (t != null) return t;
        try {
            return LocalDateTime.ofInstant(Instant.parse(iso), ZoneOffset.UTC);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} with a valid date and time, else null (left to Instant.parse). */
    private static LocalDateTime plain(String s) {
        int n = s.length();
        if (n < SECONDS_END + 1 || s.charAt(n - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':') return null;
        int nanos = 0;
        if (n > SECONDS_END + 1) {
            int digits = n - SECONDS_END - 2;
            if (s.charAt(SECONDS_END) != '.' || digits < 1 || digits > 9) return null;
            int f = digits(s, SECONDS_END + 1, n - 1);
            if (f < 0) return null;
            nanos = f;
            for (int i = digits; i < 9; i++) nanos *= 10;
        }
        int year = digits(s, 0, 4), month = digits(s, 5, 7), day = digits(s, 8, 10);
        int hour = digits(s, 11, 13), minute = digits(s, 14, 16), second = digits(s, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) return null;
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in s[from, to), or -1 when any of its characters is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return -1;
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
