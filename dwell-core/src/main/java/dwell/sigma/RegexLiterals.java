package dwell.sigma;

import java.util.Locale;

/**
 * The longest ASCII text every match of an RE2 pattern contains, for the literal prefilter: read off the
 * pattern's top-level sequence; groups, classes, escapes and optional characters end a run, and any top-level
 * alternation or construct not understood gives no text at all (so the rule simply always runs).
 */
final class RegexLiterals {
    private RegexLiterals() {
    }

    /** The required text in lower case, or "" when none is known. */
    static String required(String p) {
        String best = "";
        StringBuilder run = new StringBuilder();
        int n = p.length();
        int i = 0;
        while (i < n) {
            char c = p.charAt(i);
            switch (c) {
                case '|', ')' -> {
                    return "";
                }
                case '(' -> {
                    i = skipGroup(p, i);
                    if (i < 0) return "";
                    best = longer(best, run);
                }
                case '[' -> {
                    if (i + 3 < n && p.charAt(i + 3) == ']' && caseClass(p.charAt(i + 1), p.charAt(i + 2))) {
                        // [Rr]: one letter in either case, which the case-blind prefilter sees as that letter
                        run.append(p.charAt(i + 1));
                        i += 4;
                        continue;
                    }
                    i = skipClass(p, i);
                    if (i < 0) return "";
                    best = longer(best, run);
                }
                case '\\' -> {
                    if (i + 1 >= n) return "";
                    char d = p.charAt(i + 1);
                    if (d < 128 && !Character.isLetterOrDigit(d)) {
                        run.append(d);
                        i += 2;
                    } else {
                        // \d \s \b \x41 \pL \123 ...: not a literal character (\Q...\E: not worth reading)
                        if (d == 'Q') return "";
                        best = longer(best, run);
                        i = skipEscape(p, i);
                        if (i < 0) return "";
                    }
                }
                case '*', '?', '{' -> {
                    // the quantified character is optional (or repeated): drop it from the run
                    if (c == '{' && !quantifier(p, i)) return "";
                    if (!run.isEmpty()) run.setLength(run.length() - 1);
                    best = longer(best, run);
                    i = c == '{' ? p.indexOf('}', i) + 1 : i + 1;
                    if (i < n && (p.charAt(i) == '?' || p.charAt(i) == '+')) i++;
                }
                case '+' -> {
                    best = longer(best, run);
                    i++;
                    if (i < n && (p.charAt(i) == '?' || p.charAt(i) == '+')) i++;
                }
                case '.', '^', '$', ']', '}' -> {
                    best = longer(best, run);
                    i++;
                }
                default -> {
                    if (c < 128) run.append(c);
                    else best = longer(best, run);
                    i++;
                }
            }
        }
        best = longer(best, run);
        return best.toLowerCase(Locale.ROOT);
    }

    private static boolean caseClass(char a, char b) {
        return a < 128 && b < 128 && Character.isLetter(a) && a != b && Character.toLowerCase(a) == Character.toLowerCase(b);
    }

    /** Returns the longer of best and the run, and empties the run. */
    private static String longer(String best, StringBuilder run) {
        String r = run.toString();
        run.setLength(0);
        return r.length() > best.length() ? r : best;
    }

    private static boolean quantifier(String p, int i) {
        int j = i + 1;
        int digits = 0;
        while (j < p.length() && Character.isDigit(p.charAt(j))) {
            j++;
            digits++;
        }
        if (digits == 0 || j >= p.length()) return false;
        if (p.charAt(j) == ',') {
            j++;
            while (j < p.length() && Character.isDigit(p.charAt(j))) j++;
        }
        return j < p.length() && p.charAt(j) == '}';
    }

    /** Index after the group opening at i, or -1. */
    private static int skipGroup(String p, int i) {
        int depth = 0;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[') {
                i = skipClass(p, i);
                if (i < 0) return -1;
            } else {
                if (c == '(') depth++;
                else if (c == ')' && --depth == 0) return i + 1;
                i++;
            }
        }
        return -1;
    }

    /** Index after the character class opening at i, or -1. */
    private static int skipClass(String p, int i) {
        i++;
        if (i < p.length() && p.charAt(i) == '^') i++;
        if (i < p.length() && p.charAt(i) == ']') i++;
        while (i < p.length()) {
            char c = p.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == '[' && i + 1 < p.length() && p.charAt(i + 1) == ':') {
                int end = p.indexOf(":]", i + 2);
                if (end < 0) return -1;
                i = end + 2;
            } else if (c == ']') {
                return i + 1;
            } else {
                i++;
            }
        }
        return -1;
    }

    /** Index after the escape at i (a backslash and a letter or digit), or -1. */
    private static int skipEscape(String p, int i) {
        char d = p.charAt(i + 1);
        int j = i + 2;
        if (d == 'p' || d == 'P' || d == 'x') {
            if (j < p.length() && p.charAt(j) == '{') {
                int end = p.indexOf('}', j);
                return end < 0 ? -1 : end + 1;
            }
            return d == 'x' ? j + 2 : j + 1;
        }
        if (Character.isDigit(d)) {
            while (j < p.length() && j < i + 4 && Character.isDigit(p.charAt(j))) j++;
        }
        return j;
    }
}
