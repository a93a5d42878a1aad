package dwell.net;

import java.util.Optional;

/**
 * An IPv4 or IPv6 address as 128 bits; IPv4 (and IPv4-mapped IPv6) addresses keep their v4 flag and live in the
 * low 32 bits. Parsed by hand: {@code InetAddress.getByName} would resolve host names, and evidence is hostile.
 */
public record IpAddress(long hi, long lo, boolean v4) {
    public IpAddress {
        if (v4 && (hi != 0 || lo >>> 32 != 0)) throw new IllegalArgumentException("an IPv4 address has 32 bits");
    }

    /** Parses a literal address; an IPv6 zone ({@code %eth0}) is dropped; anything else invalid gives empty. */
    public static Optional<IpAddress> parse(CharSequence s) {
        return Optional.ofNullable(parse(s, 0, s.length()));
    }

    /** Parses {@code s[from, to)}, or returns null. */
    public static IpAddress parse(CharSequence s, int from, int to) {
        if (to - from < 2 || to - from > 64) return null;
        if (indexOf(s, ':', from, to) < 0) {
            long v = parseV4(s, from, to);
            return v < 0 ? null : new IpAddress(0, v, true);
        }
        return parseV6(s, from, to);
    }

    /**
     * Parses an address as it appears in a log field: a bare address, {@code [v6]}, {@code [v6]:port} or
     * {@code v4:port} (a port is one to five decimal digits, at most 65535), with blanks and control characters
     * around it ignored as {@link String#trim()} does. Returns null when the text holds none of these.
     */
    public static IpAddress parseField(CharSequence s, int from, int to) {
        while (from < to && s.charAt(from) <= ' ') from++;
        while (to > from && s.charAt(to - 1) <= ' ') to--;
        if (from >= to) return null;
        if (s.charAt(from) == '[') {
            int close = indexOf(s, ']', from + 1, to);
            if (close < 0 || close + 1 < to && !(s.charAt(close + 1) == ':' && isPort(s, close + 2, to))) return null;
            return parse(s, from + 1, close);
        }
        IpAddress a = parse(s, from, to);
        if (a != null) return a;
        int colon = indexOf(s, ':', from, to);
        if (colon < 0 || !isPort(s, colon + 1, to)) return null;
        long v = parseV4(s, from, colon);
        return v < 0 ? null : new IpAddress(0, v, true);
    }

    /** True when s is an IPv4 address in its canonical text (four decimal octets, no leading zeros). */
    public static boolean isCanonicalV4(CharSequence s) {
        return parseV4(s, 0, s.length()) >= 0;
    }

    private static int indexOf(CharSequence s, char c, int from, int to) {
        for (int i = from; i < to; i++) if (s.charAt(i) == c) return i;
        return -1;
    }

    private static boolean isPort(CharSequence s, int from, int to) {
        if (to - from < 1 || to - from > 5) return false;
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') return false;
            n = n * 10 + (c - '0');
        }
        return n <= 65535;
    }

    /**
     * The IPv4 address in s[from,to) as an unsigned 32-bit value, or -1. Octets with leading zeros are refused:
     * {@code inet_aton} reads them as octal, so {@code 010.0.0.1} names 8.0.0.1 to one tool and 10.0.0.1 to another.
     */
    private static long parseV4(CharSequence s, int from, int to) {
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
        int pct = indexOf(s, '%', from, to);
        if (pct >= 0) {
            // a zone has a name (RFC 4007 section 11), without a second '%' or a '/' (that starts a prefix)
            if (pct == to - 1 || indexOf(s, '%', pct + 1, to) >= 0 || indexOf(s, '/', pct + 1, to) >= 0) return null;
            to = pct;
        }
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
                int d = hexDigit(s.charAt(i));
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

    /** The value of an ASCII hex digit, or -1: full-width and other Unicode digits are no part of an address. */
    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
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
        return new IpAddress(hi & hiMask(prefix), lo & loMask(prefix), v4);
    }

    /** True when this address and {@code other} are of one family and agree in their first {@code prefix} bits. */
    public boolean samePrefix(IpAddress other, int prefix) {
        return v4 == other.v4 && ((hi ^ other.hi) & hiMask(prefix)) == 0 && ((lo ^ other.lo) & loMask(prefix)) == 0;
    }

    private long hiMask(int prefix) {
        if (v4 || prefix == 0) return 0;
        return prefix >= 64 ? -1L : -1L << (64 - prefix);
    }

    private long loMask(int prefix) {
        if (v4) return prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        if (prefix <= 64) return 0;
        return prefix == 128 ? -1L : -1L << (128 - prefix);
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
