package dwell.ioc;

/** Whether a substring hit stands on its own: a URL not inside a longer name or path, a keyword in its exact case. */
final class TextBounds {
    private TextBounds() {
    }

    static boolean accept(IocIndex.Boundary b, CharSequence s, int start, int end, String pattern) {
        return switch (b) {
            case NONE -> true;
            case CASE_SENSITIVE -> regionEquals(s, start, pattern);
            case URL -> (start == 0 || !nameChar(s.charAt(start - 1)) || s.charAt(start - 1) == '.') && urlEnds(s, end);
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

    /** A URL ends where its path cannot go on: not before an unreserved character or an escape. */
    private static boolean urlEnds(CharSequence s, int end) {
        if (end >= s.length()) return true;
        char c = s.charAt(end);
        return !(nameChar(c) || c == '~' || c == '%');
    }
}
