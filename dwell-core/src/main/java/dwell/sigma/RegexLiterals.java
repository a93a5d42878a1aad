package dwell.sigma;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The ASCII texts every match of an RE2 pattern contains, in order: read off the pattern's top-level sequence;
 * groups, classes, escapes and optional characters end a run, and any top-level alternation or construct not
 * understood gives no text at all (so the rule simply always runs). The longest serves the literal prefilter, all
 * of them a cheap test a value must pass before RE2/J runs.
 */
final class RegexLiterals {
    private RegexLiterals() {
    }

    /** The longest required text in lower case (the first of equals), or "" when none is known. */
    static String required(String p) {
        String best = "";
        for (String r : runs(p)) if (r.length() > best.length()) best = r;
        return best.toLowerCase(Locale.ROOT);
    }

    /** The texts every match holds, in the order it holds them, not overlapping (as written; none when unknown). */
    static List<String> runs(String p) {
        List<String> runs = new ArrayList<>();
        StringBuilder run = new StringBuilder();
        int n = p.length();
        int i = 0;
        while (i < n) {
            char c = p.charAt(i);
            switch (c) {
                case '|', ')' -> {
                    return List.of();
                }
                case '(' -> {
                    i = skipGroup(p, i);
                    if (i < 0) return List.of();
                    end(runs, run);
                }
                case '[' -> {
                    if (i + 3 < n && p.charAt(i + 3) == ']' && caseClass(p.charAt(i + 1), p.charAt(i + 2))) {
                        // [Rr]: one letter in either case, which the case-blind prefilter sees as that letter
                        run.append(p.charAt(i + 1));
                        i += 4;
                        continue;
                    }
                    i = skipClass(p, i);
                    if (i < 0) return List.of();
                    end(runs, run);
                }
                case '\\' -> {
                    if (i + 1 >= n) return List.of();
                    char d = p.charAt(i + 1);
                    if (d < 128 && !Character.isLetterOrDigit(d)) {
                        run.append(d);
                        i += 2;
                    } else {
                        // \d \s \b \x41 \pL \123 ...: not a literal character (\Q...\E: not worth reading)
                        if (d == 'Q') return List.of();
                        end(runs, run);
                        i = skipEscape(p, i);
                        if (i < 0) return List.of();
                    }
                }
                case '*', '?', '{' -> {
                    // the quantified character is optional (or repeated): drop it from the run
                    if (c == '{' && !quantifier(p, i)) return List.of();
                    if (!run.isEmpty()) run.setLength(run.length() - 1);
                    end(runs, run);
                    i = c == '{' ? p.indexOf('}', i) + 1 : i + 1;
                    if (i < n && (p.charAt(i) == '?' || p.charAt(i) == '+')) i++;
                }
                case '+' -> {
                    end(runs, run);
                    i++;
                    if (i < n && (p.charAt(i) == '?' || p.charAt(i) == '+')) i++;
                }
                case '.', '^', '$', ']', '}' -> {
                    end(runs, run);
                    i++;
                }
                default -> {
                    if (c < 128) run.append(c);
                    else end(runs, run);
                    i++;
                }
            }
        }
        end(runs, run);
        return runs;
    }

    /**
     * True when the pattern is only literal runs without letters or other characters outside ASCII punctuation and
     * digits, joined by {@code .*}: then a value on one line matches exactly when it holds the runs in order
     * (PowerShell obfuscation's {@code \\+.*\\+.*\\+...}, which RE2/J takes a millisecond over a long command
     * line to decide).
     */
    static boolean onlyRuns(String p) {
        if (p.isEmpty()) return false;
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '\\') {
                if (++i >= p.length()) return false;
                char d = p.charAt(i);
                if (d >= 128 || Character.isLetterOrDigit(d)) return false;
            } else if (c == '.') {
                if (i + 1 >= p.length() || p.charAt(++i) != '*' || i + 1 < p.length() && p.charAt(i + 1) == '?') return false;
            } else if (c >= 128 || Character.isLetter(c) || c < ' ' || "[](){}*+?|^$".indexOf(c) >= 0) {
                return false;
            }
        }
        return !runs(p).isEmpty();
    }

    private static boolean caseClass(char a, char b) {
        return a < 128 && b < 128 && Character.isLetter(a) && a != b && Character.toLowerCase(a) == Character.toLowerCase(b);
    }

    /** Ends the run: adds it to the runs unless empty, and empties it. */
    private static void end(List<String> runs, StringBuilder run) {
        if (!run.isEmpty()) runs.add(run.toString());
        run.setLength(0);
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
