package dwell.format.text;

import java.time.Instant;

/**
 * Fast, allocation-light parsing of the timestamps found in logs. Times without a zone are taken as UTC,
 * which is what IIS, Exchange and Sysmon write.
 */
public final class Timestamps {
    private Timestamps() {
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date, or {@link Long#MIN_VALUE} when the date is invalid. */
    public static long epochDay(int y, int m, int d) {
        if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) return Long.MIN_VALUE;
        // days-from-civil, after Howard Hinnant's public-domain algorithm description
        long yy = m <= 2 ? y - 1 : y;
        long era = Math.floorDiv(yy, 400);
        long yoe = yy - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    static int daysInMonth(int y, int m) {
        return switch (m) {
            case 2 -> (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Epoch day of {@code yyyy-MM-dd} at {@code b[off..]}, or {@link Long#MIN_VALUE}. */
    public static long isoDate(byte[] b, int off, int len) {
        if (len != 10 || b[off + 4] != '-' || b[off + 7] != '-') return Long.MIN_VALUE;
        int y = digits(b, off, 4);
        int m = digits(b, off + 5, 2);
        int d = digits(b, off + 8, 2);
        if (y < 0 || m < 0 || d < 0) return Long.MIN_VALUE;
        return epochDay(y, m, d);
    }

    /**
     * Nanoseconds since midnight of {@code HH:mm:ss[.fraction]} at {@code b[off..]}, or -1 when malformed.
     */
    public static long isoTimeNanos(byte[] b, int off, int len) {
        if (len < 8 || b[off + 2] != ':' || b[off + 5] != ':') return -1;
        int h = digits(b, off, 2);
        int mi = digits(b, off + 3, 2);
        int s = digits(b, off + 6, 2);
        if (h < 0 || mi < 0 || s < 0 || h > 23 || mi > 59 || s > 60) return -1;
        long nanos = 0;
        if (len > 8) {
            if (b[off + 8] != '.' || len == 9) return -1;
            long scale = 100_000_000L;
            for (int i = off + 9; i < off + len; i++) {
                int c = b[i] - '0';
                if (c < 0 || c > 9) return -1;
                nanos += c * scale;
                scale /= 10;
            }
        }
        return ((h * 60L + mi) * 60 + Math.min(s, 59)) * 1_000_000_000L + nanos;
    }

    private static int digits(byte[] b, int off, int n) {
        int v = 0;
        for (int i = off; i < off + n; i++) {
            int c = b[i] - '0';
            if (c < 0 || c > 9) return -1;
            v = v * 10 + c;
        }
        return v;
    }

    private static int digits(CharSequence s, int off, int n) {
        if (off + n > s.length()) return -1;
        int v = 0;
        for (int i = off; i < off + n; i++) {
            int c = s.charAt(i) - '0';
            if (c < 0 || c > 9) return -1;
            v = v * 10 + c;
        }
        return v;
    }

    /**
     * Parses {@code yyyy-MM-dd[T| ]HH:mm:ss[.fraction][Z|±HH:mm|±HHmm]} (a bare date is midnight);
     * no zone means UTC. Returns null when the text is not such a time.
     */
    public static Instant iso(CharSequence s) {
        if (s == null) return null;
        int n = s.length();
        if (n < 10 || s.charAt(4) != '-' || s.charAt(7) != '-') return null;
        int y = digits(s, 0, 4);
        int m = digits(s, 5, 2);
        int d = digits(s, 8, 2);
        if (y < 0 || m < 0 || d < 0) return null;
        long day = epochDay(y, m, d);
        if (day == Long.MIN_VALUE) return null;
        if (n == 10) return Instant.ofEpochSecond(day * 86400);
        char sep = s.charAt(10);
        if ((sep != 'T' && sep != 't' && sep != ' ') || n < 19 || s.charAt(13) != ':' || s.charAt(16) != ':') return null;
        int h = digits(s, 11, 2);
        int mi = digits(s, 14, 2);
        int sec = digits(s, 17, 2);
        if (h < 0 || mi < 0 || sec < 0 || h > 23 || mi > 59 || sec > 60) return null;
        int i = 19;
        long nanos = 0;
        if (i < n && (s.charAt(i) == '.' || s.charAt(i) == ',')) {
            i++;
            long scale = 100_000_000L;
            int startDigits = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                nanos += (s.charAt(i) - '0') * scale;
                scale /= 10;
                i++;
            }
            if (i == startDigits) return null;
        }
        long offsetSeconds = 0;
        if (i < n) {
            char z = s.charAt(i);
            if ((z == 'Z' || z == 'z') && i == n - 1) {
                offsetSeconds = 0;
            } else if (z == '+' || z == '-') {
                int oh = digits(s, i + 1, 2);
                int om;
                if (n == i + 3) om = 0;
                else if (n == i + 6 && s.charAt(i + 3) == ':') om = digits(s, i + 4, 2);
                else if (n == i + 5) om = digits(s, i + 3, 2);
                else return null;
                if (oh < 0 || om < 0 || oh > 18 || om > 59) return null;
                offsetSeconds = (oh * 3600L + om * 60L) * (z == '-' ? -1 : 1);
            } else {
                return null;
            }
        }
        long epoch = day * 86400 + (h * 60L + mi) * 60 + Math.min(sec, 59) - offsetSeconds;
        return Instant.ofEpochSecond(epoch, nanos);
    }

    /**
     * A time as found in JSON and CSV exports: ISO-8601 (see {@link #iso}), .NET's {@code /Date(ms)/}
     * (as written by PowerShell's ConvertTo-Json), or epoch milliseconds/seconds as digits. Null otherwise.
     */
    public static Instant lenient(String s) {
        if (s == null) return null;
        String t = s.strip();
        if (t.isEmpty()) return null;
        if (t.startsWith("/Date(") && t.endsWith(")/")) {
            String inner = t.substring(6, t.length() - 2);
            int zone = Math.max(inner.indexOf('+', 1), inner.indexOf('-', 1));
            if (zone > 0) inner = inner.substring(0, zone); // the ms are UTC; the offset is informational
            try {
                return Instant.ofEpochMilli(Long.parseLong(inner));
            } catch (NumberFormatException e) {
                return null;
            }
        }
        Instant i = iso(t);
        if (i != null) return i;
        if (t.length() >= 9 && t.length() <= 13 && t.chars().allMatch(Character::isDigit)) {
            long v = Long.parseLong(t);
            return t.length() >= 12 ? Instant.ofEpochMilli(v) : Instant.ofEpochSecond(v);
        }
        return null;
    }
}
