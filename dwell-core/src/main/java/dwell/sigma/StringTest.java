package dwell.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A value matched against a Sigma string pattern: equality, prefix, suffix, substring or a general
 * wildcard pattern; case-insensitive unless {@code cased}.
 */
final class StringTest implements ValueTest {
    private enum Shape { EQUALS, PREFIX, SUFFIX, INFIX, SEGMENTS, GLOB }

    private final SigmaString pattern;
    private final boolean cased;
    private final Shape shape;
    private final String literal;
    private final char[] glob;
    private final byte[] kind; // per glob char: 0 literal, 1 '*', 2 '?'
    /** For star-only patterns: the literal runs between stars, and whether the pattern starts/ends with a star. */
    private final String[] segments;
    private final boolean openStart;
    private final boolean openEnd;

    public StringTest(SigmaString pattern, boolean cased) {
        this.pattern = pattern;
        this.cased = cased;
        List<SigmaString.Part> parts = pattern.parts();
        int n = parts.size();
        boolean starFirst = n > 0 && parts.get(0) instanceof SigmaString.Star;
        boolean starLast = n > 1 && parts.get(n - 1) instanceof SigmaString.Star;
        List<SigmaString.Part> core = parts.subList(starFirst ? 1 : 0, starLast ? n - 1 : n);
        boolean plainCore = core.isEmpty() || core.size() == 1 && core.get(0) instanceof SigmaString.Text;
        String text = core.isEmpty() ? "" : plainCore ? ((SigmaString.Text) core.get(0)).text() : "";
        if (plainCore) {
            shape = core.isEmpty() && starFirst ? Shape.INFIX : starFirst && starLast ? Shape.INFIX : starFirst ? Shape.SUFFIX : starLast ? Shape.PREFIX : Shape.EQUALS;
            literal = cased ? text : text.toLowerCase(Locale.ROOT);
            glob = null;
            kind = null;
            segments = null;
            openStart = false;
            openEnd = false;
        } else if (parts.stream().noneMatch(p -> p instanceof SigmaString.One)) {
            shape = Shape.SEGMENTS;
            literal = null;
            glob = null;
            kind = null;
            List<String> segs = new ArrayList<>();
            for (SigmaString.Part p : parts) {
                if (p instanceof SigmaString.Text t) segs.add(cased ? t.text() : t.text().toLowerCase(Locale.ROOT));
            }
            segments = segs.toArray(String[]::new);
            openStart = starFirst;
            openEnd = parts.get(n - 1) instanceof SigmaString.Star;
        } else {
            segments = null;
            openStart = false;
            openEnd = false;
            shape = Shape.GLOB;
            literal = null;
            StringBuilder sb = new StringBuilder();
            List<Byte> k = new ArrayList<>();
            for (SigmaString.Part p : parts) {
                if (p instanceof SigmaString.Text t) {
                    String s = cased ? t.text() : t.text().toLowerCase(Locale.ROOT);
                    sb.append(s);
                    for (int i = 0; i < s.length(); i++) k.add((byte) 0);
                } else {
                    sb.append('*');
                    k.add((byte) (p instanceof SigmaString.Star ? 1 : 2));
                }
            }
            glob = sb.toString().toCharArray();
            kind = new byte[k.size()];
            for (int i = 0; i < kind.length; i++) kind[i] = k.get(i);
        }
    }

    @Override
    public boolean test(String value, EventView view) {
        if (value == null) return false;
        switch (shape) {
            case EQUALS:
                return value.length() == literal.length() && region(value, 0);
            case PREFIX:
                return value.length() >= literal.length() && region(value, 0);
            case SUFFIX:
                return value.length() >= literal.length() && region(value, value.length() - literal.length());
            default:
                break;
        }
        String v = cased ? value : view.lower(value);
        return switch (shape) {
            case INFIX -> v.contains(literal);
            case SEGMENTS -> segments(v);
            default -> glob(v);
        };
    }

    /**
     * The literal at the value's offset (the caller checked the length), as String.regionMatches compares: ASCII
     * characters are compared here, the rest of the region from the first non-ASCII character is left to it.
     */
    private boolean region(String value, int offset) {
        String lit = literal;
        int n = lit.length();
        if (cased) return value.startsWith(lit, offset);
        for (int i = 0; i < n; i++) {
            char a = value.charAt(offset + i);
            char b = lit.charAt(i);
            if (a == b) continue;
            if ((a | b) >= 128) return value.regionMatches(true, offset + i, lit, i, n - i);
            // b is lower case (the literal was lower-cased): a matches when it is b's upper-case letter
            if (b < 'a' || b > 'z' || a != b - 32) return false;
        }
        return true;
    }

    /** Star-only patterns: anchored first and last runs, the others found left to right (leftmost is safe). */
    private boolean segments(String v) {
        int from = 0;
        int last = segments.length - 1;
        int end = v.length();
        if (!openEnd) {
            String tail = segments[last];
            if (!v.endsWith(tail)) return false;
            end = v.length() - tail.length();
            last--;
        }
        int i = 0;
        if (!openStart) {
            String head = segments[0];
            if (!v.startsWith(head) || head.length() > end) return false;
            from = head.length();
            i = 1;
        }
        for (; i <= last; i++) {
            int at = v.indexOf(segments[i], from);
            if (at < 0 || at + segments[i].length() > end) return false;
            from = at + segments[i].length();
        }
        return true;
    }

    /** Wildcard match that backtracks only to the last star: O(n*m) at worst, no recursion. */
    private boolean glob(String s) {
        int p = 0;
        int i = 0;
        int starP = -1;
        int starI = 0;
        int m = glob.length;
        int n = s.length();
        while (i < n) {
            if (p < m && kind[p] != 1 && (kind[p] == 2 || glob[p] == s.charAt(i))) {
                p++;
                i++;
            } else if (p < m && kind[p] == 1) {
                starP = p++;
                starI = i;
            } else if (starP >= 0) {
                p = starP + 1;
                i = ++starI;
            } else {
                return false;
            }
        }
        while (p < m && kind[p] == 1) p++;
        return p == m;
    }

    /**
     * The character a matching value must end with, ignoring ASCII case, for a case-insensitive suffix or equality
     * test whose text ends in ASCII (lower case, as the text was lower-cased); else 0.
     */
    char lastNeeded() {
        if (cased || (shape != Shape.SUFFIX && shape != Shape.EQUALS) || literal.isEmpty()) return 0;
        char c = literal.charAt(literal.length() - 1);
        return c > 0 && c < 128 ? c : 0;
    }

    @Override
    public int cost() {
        return switch (shape) {
            case EQUALS, PREFIX, SUFFIX -> 1;
            case INFIX -> 3;
            case SEGMENTS -> 4;
            case GLOB -> 6;
        };
    }

    @Override
    public String requiredLiteral() {
        return pattern.longestText().toLowerCase(Locale.ROOT);
    }

    SigmaString pattern() {
        return pattern;
    }

    boolean cased() {
        return cased;
    }

    @Override
    public String toString() {
        return (cased ? "cased " : "") + shape + " " + pattern.plain();
    }
}
