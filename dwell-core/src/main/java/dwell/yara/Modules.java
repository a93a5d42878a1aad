package dwell.yara;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * YARA's {@code math} and {@code hash} modules. Functions take either (offset, size) over the scanned data or
 * a string; an offset outside the data gives undefined (null), as in YARA.
 */
final class Modules {
    private static final Set<String> MATH = Set.of("entropy", "mean", "deviation", "serial_correlation",
            "monte_carlo_pi", "count", "percentage", "mode", "in_range", "max", "min", "to_number", "abs");
    private static final Set<String> HASH = Set.of("md5", "sha1", "sha256", "checksum32", "crc32");
    private static final int CHUNK = 1 << 16;

    private Modules() {
    }

    static boolean has(String module, String name) {
        return module.equals("math") ? MATH.contains(name) : module.equals("hash") && HASH.contains(name);
    }

    /** A byte range of the data or a string argument, resolved. */
    private record Span(ScanData data, long from, long to, byte[] string) {
        void forEach(ByteSink sink) {
            if (string != null) {
                sink.accept(string, string.length);
                return;
            }
            byte[] buf = new byte[(int) Math.min(CHUNK, Math.max(1, to - from))];
            for (long p = from; p < to; ) {
                int n = data.copy(p, buf, 0, (int) Math.min(buf.length, to - p));
                if (n <= 0) break;
                sink.accept(buf, n);
                p += n;
            }
        }

        long length() {
            return string != null ? string.length : to - from;
        }
    }

    private interface ByteSink {
        void accept(byte[] b, int n);
    }

    /** The span named by args starting at {@code at}: (offset, size) or (string); null when out of range. */
    private static Span span(List<Object> args, int at, ScanData data) {
        if (args.size() > at && args.get(at) instanceof byte[] s) return new Span(null, 0, 0, s);
        if (args.size() < at + 2 || !(args.get(at) instanceof Long off) || !(args.get(at + 1) instanceof Long size)) {
            return null;
        }
        if (off < 0 || size < 0 || off >= data.size()) return null;
        long to = Math.min(data.size(), off + size);
        return new Span(data, off, to, null);
    }

    private static long[] histogram(Span s) {
        long[] h = new long[256];
        s.forEach((b, n) -> {
            for (int k = 0; k < n; k++) h[b[k] & 0xff]++;
        });
        return h;
    }

    static Object call(String module, String name, List<Object> args, ScanData data) {
        if (args.contains(null)) return null;
        return module.equals("math") ? math(name, args, data) : hash(name, args, data);
    }

    private static Object math(String name, List<Object> args, ScanData data) {
        switch (name) {
            case "in_range": {
                double v = num(args.get(0));
                return v >= num(args.get(1)) && v <= num(args.get(2));
            }
            case "max":
                return Math.max((Long) args.get(0), (Long) args.get(1));
            case "min":
                return Math.min((Long) args.get(0), (Long) args.get(1));
            case "abs":
                return Math.abs((Long) args.get(0));
            case "to_number":
                return args.get(0) instanceof Boolean b ? (b ? 1L : 0L) : args.get(0);
            case "count":
            case "percentage": {
                long b = (Long) args.get(0);
                Span s = args.size() == 1 ? new Span(data, 0, data.size(), null) : span(args, 1, data);
                if (s == null || b < 0 || b > 255) return null;
                long[] h = histogram(s);
                if (name.equals("count")) return h[(int) b];
                return s.length() == 0 ? null : (double) h[(int) b] / s.length();
            }
            case "mode": {
                Span s = args.isEmpty() ? new Span(data, 0, data.size(), null) : span(args, 0, data);
                if (s == null || s.length() == 0) return null;
                long[] h = histogram(s);
                int best = 0;
                for (int k = 1; k < 256; k++) if (h[k] > h[best]) best = k;
                return (long) best;
            }
            default:
                break;
        }
        Span s = span(args, 0, data);
        if (s == null || s.length() == 0) return null;
        switch (name) {
            case "entropy": {
                long[] h = histogram(s);
                double e = 0;
                double n = s.length();
                for (long c : h) {
                    if (c == 0) continue;
                    double p = c / n;
                    e -= p * (Math.log(p) / Math.log(2));
                }
                return e;
            }
            case "mean": {
                long[] h = histogram(s);
                double sum = 0;
                for (int k = 0; k < 256; k++) sum += (double) k * h[k];
                return sum / s.length();
            }
            case "deviation": {
                int meanAt = s.string() != null ? 1 : 2;
                if (args.size() <= meanAt) return null;
                double mean = num(args.get(meanAt));
                long[] h = histogram(s);
                double sum = 0;
                for (int k = 0; k < 256; k++) sum += Math.abs(k - mean) * h[k];
                return sum / s.length();
            }
            case "serial_correlation":
                return serialCorrelation(s);
            case "monte_carlo_pi":
                return monteCarloPi(s);
            default:
                return null;
        }
    }

    private static double num(Object o) {
        return o instanceof Long l ? l : (Double) o;
    }

    private static Object serialCorrelation(Span s) {
        double[] acc = new double[3];
        long[] state = {-1, -1};
        s.forEach((b, n) -> {
            for (int k = 0; k < n; k++) {
                int v = b[k] & 0xff;
                if (state[1] < 0) state[1] = v;
                else acc[0] += state[0] * v;
                acc[1] += v;
                acc[2] += (double) v * v;
                state[0] = v;
            }
        });
        double n = s.length();
        double scct1 = acc[0] + state[0] * state[1];
        double scct2 = acc[1] * acc[1];
        double scct3 = acc[2];
        double den = n * scct3 - scct2;
        return den == 0 ? -100000.0 : (n * scct1 - scct2) / den;
    }

    private static Object monteCarloPi(Span s) {
        final int coords = 6;
        double inCircle = 2 * Math.pow(256, coords / 2) - 1;
        inCircle = Math.pow(Math.pow(256.0, coords / 2) - 1, 2);
        final double radius = inCircle;
        long[] counts = new long[2];
        int[] group = new int[coords];
        int[] fill = {0};
        s.forEach((b, n) -> {
            for (int k = 0; k < n; k++) {
                group[fill[0]++] = b[k] & 0xff;
                if (fill[0] == coords) {
                    fill[0] = 0;
                    counts[0]++;
                    double x = 0;
                    double y = 0;
                    for (int j = 0; j < coords / 2; j++) {
                        x = x * 256 + group[j];
                        y = y * 256 + group[j + coords / 2];
                    }
                    if (x * x + y * y <= radius) counts[1]++;
                }
            }
        });
        if (counts[0] == 0) return null;
        double pi = 4.0 * counts[1] / counts[0];
        return Math.abs((pi - Math.PI) / Math.PI);
    }

    private static Object hash(String name, List<Object> args, ScanData data) {
        Span s = span(args, 0, data);
        if (s == null) return null;
        switch (name) {
            case "checksum32": {
                long[] sum = {0};
                s.forEach((b, n) -> {
                    for (int k = 0; k < n; k++) sum[0] += b[k] & 0xff;
                });
                return sum[0] & 0xffffffffL;
            }
            case "crc32": {
                CRC32 crc = new CRC32();
                s.forEach((b, n) -> crc.update(b, 0, n));
                return crc.getValue();
            }
            default: {
                String alg = switch (name) {
                    case "md5" -> "MD5";
                    case "sha1" -> "SHA-1";
                    default -> "SHA-256";
                };
                try {
                    MessageDigest md = MessageDigest.getInstance(alg);
                    s.forEach((b, n) -> md.update(b, 0, n));
                    return HexFormat.of().formatHex(md.digest()).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }
}
