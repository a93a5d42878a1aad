package dwell.sigma;

/** Parses textual IPv4 and IPv6 addresses without any name lookup (values come from logs). */
public final class IpAddress {
    private IpAddress() {
    }

    /** The address bytes (4 or 16), or null when the text is not an address. Accepts [v6] and a %zone. */
    public static byte[] parse(String s) {
        if (s == null || s.isEmpty() || s.length() > 64) return null;
        String t = s;
        if (t.startsWith("[") && t.endsWith("]")) t = t.substring(1, t.length() - 1);
        int zone = t.indexOf('%');
        if (zone >= 0) t = t.substring(0, zone);
        if (t.indexOf(':') >= 0) return v6(t);
        return v4(t);
    }

    static byte[] v4(String t) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= t.length(); i++) {
            char c = i < t.length() ? t.charAt(i) : '.';
            if (c == '.') {
                if (value < 0 || part > 3) return null;
                out[part++] = (byte) value;
                value = -1;
            } else if (c >= '0' && c <= '9') {
                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255) return null;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    static byte[] v6(String t) {
        int dbl = t.indexOf("::");
        if (dbl >= 0 && t.indexOf("::", dbl + 1) >= 0) return null;
        String head = dbl >= 0 ? t.substring(0, dbl) : t;
        String tail = dbl >= 0 ? t.substring(dbl + 2) : "";
        int[] h = groups(head);
        int[] tl = groups(tail);
        if (h == null || tl == null) return null;
        int words = h.length + tl.length;
        if (dbl < 0 ? words != 8 : words > 7) return null;
        byte[] out = new byte[16];
        int w = 0;
        for (int g : h) {
            out[w * 2] = (byte) (g >> 8);
            out[w * 2 + 1] = (byte) g;
            w++;
        }
        w = 8 - tl.length;
        for (int g : tl) {
            out[w * 2] = (byte) (g >> 8);
            out[w * 2 + 1] = (byte) g;
            w++;
        }
        return out;
    }

    /** Hex groups separated by ':'; an embedded IPv4 tail counts as two groups. */
    private static int[] groups(String s) {
        if (s.isEmpty()) return new int[0];
        String[] parts = s.split(":", -1);
        boolean v4Tail = parts[parts.length - 1].indexOf('.') >= 0;
        int[] out = new int[parts.length + (v4Tail ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (v4Tail && i == parts.length - 1) {
                byte[] b = v4(p);
                if (b == null) return null;
                out[i] = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
                out[i + 1] = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
                break;
            }
            if (p.isEmpty() || p.length() > 4) return null;
            int v = 0;
            for (int k = 0; k < p.length(); k++) {
                int d = Character.digit(p.charAt(k), 16);
                if (d < 0) return null;
                v = v * 16 + d;
            }
            out[i] = v;
        }
        return out;
    }
}
