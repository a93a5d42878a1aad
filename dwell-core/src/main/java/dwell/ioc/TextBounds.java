package dwell.ioc;

/** Whether a substring hit stands on its own: a domain not inside a longer name, an address not inside a longer number. */
final class TextBounds {
    private TextBounds() {
    }

    static boolean accept(IocIndex.Boundary b, CharSequence s, int start, int end, String pattern) {
        return switch (b) {
            case NONE -> true;
            case CASE_SENSITIVE -> regionEquals(s, start, pattern);
            case DOMAIN -> (start == 0 || !nameChar(s.charAt(start - 1)) || s.charAt(start - 1) == '.') && nameEnds(s, end);
            case URL -> (start == 0 || !nameChar(s.charAt(start - 1)) || s.charAt(start - 1) == '.') && urlEnds(s, end);
            case EMAIL -> (start == 0 || !localChar(s.charAt(start - 1))) && nameEnds(s, end);
            case IP -> ipBefore(s, start, pattern.indexOf('.') >= 0) && ipAfter(s, end, pattern.indexOf('.') >= 0);
        };
    }

    private static boolean regionEquals(CharSequence s, int start, String p) {
        for (int i = 0; i < p.length(); i++) {
            if (s.charAt(start + i) != p.charAt(i)) return false;
        }
        return true;
    }

    static boolean nameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.' || c > 127 && Character.isLetterOrDigit(c);
    }

    private static boolean localChar(char c) {
        return nameChar(c) || c == '+' || c == '%' || c == '\'';
    }

    /** A name ends at a non-name character, or at a dot that is not followed by more name. */
    private static boolean nameEnds(CharSequence s, int end) {
        if (end >= s.length()) return true;
        char c = s.charAt(end);
        if (c == '.') return end + 1 >= s.length() || !nameChar(s.charAt(end + 1)) || s.charAt(end + 1) == '.';
        return !nameChar(c);
    }

    /** A URL ends where its path cannot go on: not before an unreserved character or an escape. */
    private static boolean urlEnds(CharSequence s, int end) {
        if (end >= s.length()) return true;
        char c = s.charAt(end);
        return !(nameChar(c) || c == '~' || c == '%');
    }

    private static boolean ipBefore(CharSequence s, int start, boolean v4) {
        if (start == 0) return true;
        char c = s.charAt(start - 1);
        if (v4) return !(c >= '0' && c <= '9' || c == '.');
        return !(hex(c) || c == ':');
    }

    private static boolean ipAfter(CharSequence s, int end, boolean v4) {
        if (end >= s.length()) return true;
        char c = s.charAt(end);
        boolean more = end + 1 < s.length();
        if (v4) {
            if (c == '.') return !more || !(s.charAt(end + 1) >= '0' && s.charAt(end + 1) <= '9');
            return !(c >= '0' && c <= '9');
        }
        if (c == ':') return !more || !hex(s.charAt(end + 1)) && s.charAt(end + 1) != ':';
        return !hex(c);
    }

    private static boolean hex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }
}
