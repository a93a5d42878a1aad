package dwell.ioc;

import java.util.Optional;

/**
 * An IPv4 or IPv6 address as 128 bits; IPv4 (and IPv4-mapped IPv6) addresses keep their v4 flag and live in the
 * low 32 bits. Parsed by hand: {@code InetAddress.getByName} would resolve host names.
 */
public record IpAddress(long hi, long lo, boolean v4) {

    /** Parses a literal address; an IPv6 zone ({@code %eth0}) is dropped; anything else invalid gives empty. */
    public static Optional<IpAddress> parse(CharSequence s) {
        return Optional.ofNullable(parse(s, 0, s.length()));
    }

    /** Parses {@code s[from, to)}, or returns null. */
    public static IpAddress parse(CharSequence s, int from, int to) {
        if (to - from < 2 || to - from > 64) return null;
        boolean colon = false;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == ':') {
                colon = true;
                break;
            }
        }
        if (!colon) {
            long v = parseV4(s, from, to);
            return v < 0 ? null : new IpAddress(0, v, true);
        }
        return parseV6(s, from, to);
    }

    /**
     * Parses an address as it appears in a log field: a bare address, {@code [v6]}, {@code [v6]:port} or
     * {@code v4:port}. Returns null when the text holds none of these.
     */
    public static IpAddress parseField(CharSequence s, int from, int to) {
        while (from < to && s.charAt(from) == ' ') from++;
        while (to > from && s.charAt(to - 1) == ' ') to--;
        if (from >= to) return null;
        if (s.charAt(from) == '[') {
            int close = -1;
            for (int i = from + 1; i < to; i++) {
                if (s.charAt(i) == ']') {
                    close = i;
                    break;
                }
            }
            return close < 0 ? null : parse(s, from + 1, close);
        }
        IpAddress a = parse(s, from, to);
        if (a != null) return a;
        int colons = 0;
        int last = -1;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == ':') {
                colons++;
                last = i;
            }
        }
        if (colons == 1) {
            long v = parseV4(s, from, last);
            if (v >= 0) return new IpAddress(0, v, true);
        }
        return null;
    }

    /** The IPv4 address in s[from,to) as an unsigned 32-bit value, or -1. Octets with leading zeros are refused. */
    static long parseV4(CharSequence s, int from, int to) {
        long v = 0;
        int octets = 0;
        int i = from;
        while (octets < 4) {
            int start = i;
            int n = 0;
            while (i < to && i - start < 4) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') break;
                n = n * 10 + (c - '0');
                i++;
            }
            int len = i - start;
            if (len == 0 || len > 3 || n > 255) return -1;
            if (len > 1 && s.charAt(start) == '0') return -1;
            v = (v << 8) | n;
            octets++;
            if (octets < 4) {
                if (i >= to || s.charAt(i) != '.') return -1;
                i++;
            }
        }
        return i == to ? v : -1;
    }

    private static IpAddress parseV6(CharSequence s, int from, int to) {
        int pct = -1;
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == '%') {
                pct = i;
                break;
            }
        }
        if (pct >= 0) to = pct;
        int[] groups = new int[8];
        int n = 0;
        int gap = -1;
        int i = from;
        if (i + 1 < to && s.charAt(i) == ':' && s.charAt(i + 1) == ':') {
            gap = 0;
            i += 2;
            if (i == to) return new IpAddress(0, 0, false);
        } else if (i < to && s.charAt(i) == ':') {
            return null;
        }
        while (i < to) {
            if (n >= 8) return null;
            int start = i;
            int g = 0;
            while (i < to && i - start < 5) {
                int d = Character.digit(s.charAt(i), 16);
                if (d < 0) break;
                g = (g << 4) | d;
                i++;
            }
            if (i < to && s.charAt(i) == '.') {
                // an embedded IPv4 tail takes the last two groups
                long v4 = parseV4(s, start, to);
                if (v4 < 0 || n > 6) return null;
                groups[n++] = (int) (v4 >>> 16);
                groups[n++] = (int) (v4 & 0xffff);
                i = to;
                break;
            }
            int len = i - start;
            if (len == 0 || len > 4) return null;
            groups[n++] = g;
            if (i == to) break;
            if (s.charAt(i) != ':') return null;
            i++;
            if (i < to && s.charAt(i) == ':') {
                if (gap >= 0) return null;
                gap = n;
                i++;
                if (i == to) break;
            } else if (i == to) {
                return null;
            }
        }
        int[] full = new int[8];
        if (gap >= 0) {
            if (n >= 8) return null;
            int tail = n - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        } else {
            if (n != 8) return null;
            full = groups;
        }
        long hi = 0;
        long lo = 0;
        for (int k = 0; k < 4; k++) hi = (hi << 16) | full[k];
        for (int k = 4; k < 8; k++) lo = (lo << 16) | full[k];
        if (hi == 0 && (lo >>> 32) == 0xffffL) {
            return new IpAddress(0, lo & 0xffffffffL, true); // IPv4-mapped: the same host as its v4 form
        }
        return new IpAddress(hi, lo, false);
    }

    /** Bit {@code i} counted from the most significant (0) of the 32 (v4) or 128 (v6) bits. */
    public int bit(int i) {
        if (v4) return (int) (lo >>> (31 - i)) & 1;
        return i < 64 ? (int) (hi >>> (63 - i)) & 1 : (int) (lo >>> (127 - i)) & 1;
    }

    public int bits() {
        return v4 ? 32 : 128;
    }

    /** This address with all bits after the first {@code prefix} cleared. */
    public IpAddress mask(int prefix) {
        if (v4) {
            long m = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
            return new IpAddress(0, lo & m, true);
        }
        long mh = prefix == 0 ? 0 : prefix >= 64 ? -1L : -1L << (64 - prefix);
        long ml = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
        return new IpAddress(hi & mh, lo & ml, false);
    }

    @Override
    public String toString() {
        if (v4) {
            return ((lo >>> 24) & 255) + "." + ((lo >>> 16) & 255) + "." + ((lo >>> 8) & 255) + "." + (lo & 255);
        }
        int[] g = new int[8];
        for (int k = 0; k < 4; k++) g[k] = (int) (hi >>> (48 - 16 * k)) & 0xffff;
        for (int k = 0; k < 4; k++) g[4 + k] = (int) (lo >>> (48 - 16 * k)) & 0xffff;
        // RFC 5952: compress the longest run of two or more zero groups
        int bestStart = -1;
        int bestLen = 1;
        for (int k = 0; k < 8; ) {
            if (g[k] != 0) {
                k++;
                continue;
            }
            int st = k;
            while (k < 8 && g[k] == 0) k++;
            if (k - st > bestLen) {
                bestStart = st;
                bestLen = k - st;
            }
        }
        StringBuilder b = new StringBuilder();
        for (int k = 0; k < 8; k++) {
            if (k == bestStart) {
                b.append("::");
                k += bestLen - 1;
                continue;
            }
            if (b.length() > 0 && b.charAt(b.length() - 1) != ':') b.append(':');
            b.append(Integer.toHexString(g[k]));
        }
        return b.toString();
    }
}
