package dwell.sigma;

import java.util.ArrayList;
import java.util.List;

/**
 * A Sigma value string parsed into literal text and wildcards: {@code *} (any run), {@code ?} (one character),
 * with {@code \} escaping a wildcard or a backslash; a backslash before anything else is a plain backslash.
 */
record SigmaString(List<Part> parts) {
    /** One piece of a value: literal text or a wildcard. */
    public sealed interface Part permits Text, Star, One {
    }

    /** Literal text. */
    public record Text(String text) implements Part {
    }

    /** {@code *}: any run of characters. */
    public record Star() implements Part {
    }

    /** {@code ?}: exactly one character. */
    public record One() implements Part {
    }

    public SigmaString {
        parts = List.copyOf(parts);
    }

    /** Parses Sigma value syntax. */
    public static SigmaString parse(String s) {
        List<Part> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                if (n == '*' || n == '?' || n == '\\') {
                    text.append(n);
                    i++;
                    continue;
                }
                text.append(c);
            } else if (c == '*' || c == '?') {
                if (!text.isEmpty()) parts.add(new Text(text.toString()));
                text.setLength(0);
                parts.add(c == '*' ? new Star() : new One());
            } else {
                text.append(c);
            }
        }
        if (!text.isEmpty()) parts.add(new Text(text.toString()));
        return new SigmaString(parts);
    }

    /** A value with no wildcards. */
    public static SigmaString literal(String s) {
        return new SigmaString(s.isEmpty() ? List.of() : List.of(new Text(s)));
    }

    public boolean hasWildcards() {
        for (Part p : parts) if (!(p instanceof Text)) return true;
        return false;
    }

    /** The text with wildcards kept as they are (for literal values: the plain text). */
    public String plain() {
        StringBuilder sb = new StringBuilder();
        for (Part p : parts) {
            if (p instanceof Text t) sb.append(t.text());
            else sb.append(p instanceof Star ? '*' : '?');
        }
        return sb.toString();
    }

    /** This value with {@code *} added before and/or after. */
    public SigmaString wrap(boolean before, boolean after) {
        List<Part> p = new ArrayList<>();
        if (before && (parts.isEmpty() || !(parts.get(0) instanceof Star))) p.add(new Star());
        p.addAll(parts);
        if (after && (p.isEmpty() || !(p.get(p.size() - 1) instanceof Star))) p.add(new Star());
        return new SigmaString(p);
    }

    /** The longest literal run, which any matching value must contain. */
    public String longestText() {
        String best = "";
        for (Part p : parts) if (p instanceof Text t && t.text().length() > best.length()) best = t.text();
        return best;
    }
}
