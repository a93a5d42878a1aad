package dwell.pivot.store;

import java.util.Locale;

/** Byte counts as people write them: {@code 512m}, {@code 4g}, {@code 65536}. */
public final class ByteSize {
    private ByteSize() {
    }

    /** Parses a count with an optional k, m, g or t suffix (powers of 1024); throws on anything else. */
    public static long parse(String s) {
        String v = s.strip().toLowerCase(Locale.ROOT);
        if (v.endsWith("b")) v = v.substring(0, v.length() - 1);
        int shift = 0;
        if (!v.isEmpty()) {
            switch (v.charAt(v.length() - 1)) {
                case 'k' -> shift = 10;
                case 'm' -> shift = 20;
                case 'g' -> shift = 30;
                case 't' -> shift = 40;
                default -> shift = -1;
            }
        }
        String digits = shift >= 0 ? v.substring(0, v.length() - 1) : v;
        if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 18) {
            throw new IllegalArgumentException("not a byte count: '" + s + "' (e.g. 65536, 512m, 4g)");
        }
        long n = Long.parseLong(digits);
        int by = Math.max(shift, 0);
        if (n > Long.MAX_VALUE >> by) throw new IllegalArgumentException("byte count too large: '" + s + "'");
        return n << by;
    }

    /** A count for people: {@code 1.5 GiB}, {@code 64.0 KiB}, {@code 12 B}. */
    public static String human(long bytes) {
        if (bytes < 1024) return bytes + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
