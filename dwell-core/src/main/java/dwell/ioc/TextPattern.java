package dwell.ioc;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A compiled text pattern: a regular expression (searched, as LOKI does), a glob or a STIX LIKE pattern
 * (both matched against the whole value). All run on re2j, so matching time is linear in the input whatever
 * the pattern; constructs re2j cannot run (look-around, back-references) are refused at load time.
 * {@code literal} is a lower-case string every match must contain (empty when none is known): matching is
 * prefiltered on it.
 */
record TextPattern(Syntax syntax, String source, Pattern compiled, String literal) {

    /** How {@link #source} is written. */
    public enum Syntax { REGEX, GLOB, LIKE }

    /** Compiles a regular expression that is searched for anywhere in the value. */
    public static TextPattern regex(String source) throws IocSyntaxException {
        return new TextPattern(Syntax.REGEX, source, compile(source, 0), Literals.required(source));
    }

    /** Compiles a file-name glob ({@code *}, {@code ?}), matched case-insensitively against the whole value. */
    public static TextPattern glob(String source) throws IocSyntaxException {
        return wildcard(Syntax.GLOB, source, '*', '?', Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    }

    /** Compiles a STIX LIKE pattern ({@code %} any run, {@code _} one character), matched against the whole value. */
    public static TextPattern like(String source) throws IocSyntaxException {
        return wildcard(Syntax.LIKE, source, '%', '_', Pattern.DOTALL);
    }

    /** A whole-value pattern with one wildcard for any run and one for one character; its longest literal prefilters. */
    private static TextPattern wildcard(Syntax syntax, String source, char anyRun, char anyOne, int flags)
            throws IocSyntaxException {
        StringBuilder re = new StringBuilder("^");
        StringBuilder run = new StringBuilder();
        String best = "";
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c == anyRun || c == anyOne) {
                re.append(c == anyRun ? ".*" : ".");
                if (run.length() > best.length()) best = run.toString();
                run.setLength(0);
            } else {
                re.append(Pattern.quote(String.valueOf(c)));
                run.append(c);
            }
        }
        if (run.length() > best.length()) best = run.toString();
        re.append('$');
        return new TextPattern(syntax, source, compile(re.toString(), flags), Literals.usable(best));
    }

    private static Pattern compile(String re, int flags) throws IocSyntaxException {
        try {
            return Pattern.compile(re, flags);
        } catch (PatternSyntaxException e) {
            throw new IocSyntaxException("regex not supported by the linear-time engine (re2j): " + e.getMessage());
        } catch (RuntimeException e) {
            throw new IocSyntaxException("invalid regex: " + e.getMessage());
        }
    }

    /** True if the value matches: anywhere for regexes, as a whole for globs and LIKE. */
    public boolean matches(CharSequence value) {
        return compiled.matcher(value).find();
    }

    /** True if {@code lowerValue} (lower-cased) holds this pattern's required literal; always true without one. */
    public boolean mayMatch(String lowerValue) {
        return literal.isEmpty() || lowerValue.contains(literal);
    }

    @Override
    public String toString() {
        return source;
    }

    /** Finds a literal that every match of a regular expression must contain. */
    static final class Literals {
        private Literals() {
        }

        /** Shortest literal worth prefiltering on; shorter ones hit nearly everything. */
        static final int MIN = 3;

        static String usable(String s) {
            String l = s.toLowerCase(Locale.ROOT);
            for (int i = 0; i < l.length(); i++) {
                if (l.charAt(i) > 127) return ""; // (?i) folds non-ASCII in ways a plain lower-casing does not
            }
            return l.length() >= MIN ? l : "";
        }

        /**
         * The longest run of literal characters outside groups, classes and optional items of a regex with no
         * top-level alternation, lower case; empty if there is none of at least {@link #MIN} characters.
         */
        static String required(String re) {
            String best = "";
            for (String r : runs(re)) {
                if (r.length() > best.length()) best = r;
            }
            return usable(best);
        }

        /**
         * The runs of literal characters every match of a regex holds, in order, as written (escapes resolved):
         * those outside groups, classes and optional items; none when the regex has a top-level alternation.
         */
        static List<String> runs(String re) {
            List<String> runs = new ArrayList<>();
            if (hasTopLevelAlternation(re)) return runs;
            StringBuilder run = new StringBuilder();
            boolean lastLiteral = false;
            int i = 0;
            while (i < re.length()) {
                char c = re.charAt(i);
                if (c == '\\' && i + 1 < re.length()) {
                    char n = re.charAt(i + 1);
                    if (Character.isLetterOrDigit(n)) {
                        end(runs, run);
                        lastLiteral = false;
                        i += 2;
                        if (n == 'x' || n == 'p' || n == 'P' || n == 'Q') return runs; // not worth parsing
                        continue;
                    }
                    run.append(n);
                    lastLiteral = true;
                    i += 2;
                    continue;
                }
                switch (c) {
                    case '[' -> {
                        end(runs, run);
                        lastLiteral = false;
                        i = skipClass(re, i);
                        continue;
                    }
                    case '(' -> {
                        end(runs, run);
                        lastLiteral = false;
                        i = skipGroup(re, i);
                        continue;
                    }
                    case '?', '*', '{' -> {
                        if (lastLiteral && run.length() > 0) run.setLength(run.length() - 1);
                        end(runs, run);
                        lastLiteral = false;
                        if (c == '{') {
                            int close = re.indexOf('}', i);
                            i = close < 0 ? re.length() : close + 1;
                        } else {
                            i++;
                        }
                        continue;
                    }
                    case '+', '.', '^', '$', ')', '|' -> {
                        end(runs, run);
                        lastLiteral = false;
                        i++;
                        continue;
                    }
                    default -> {
                        run.append(c);
                        lastLiteral = true;
                        i++;
                    }
                }
            }
            end(runs, run);
            return runs;
        }

        private static void end(List<String> runs, StringBuilder run) {
            if (run.length() > 0) runs.add(run.toString());
            run.setLength(0);
        }

        private static boolean hasTopLevelAlternation(String re) {
            int depth = 0;
            for (int i = 0; i < re.length(); i++) {
                char c = re.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '[') {
                    i = skipClass(re, i) - 1;
                } else if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                } else if (c == '|' && depth == 0) {
                    return true;
                }
            }
            return false;
        }

        /** Index after the character class starting at {@code i}. */
        private static int skipClass(String re, int i) {
            int j = i + 1;
            if (j < re.length() && re.charAt(j) == '^') j++;
            if (j < re.length() && re.charAt(j) == ']') j++;
            while (j < re.length()) {
                char c = re.charAt(j);
                if (c == '\\') {
                    j += 2;
                    continue;
                }
                if (c == '[' && j + 1 < re.length() && re.charAt(j + 1) == ':') {
                    int end = re.indexOf(":]", j + 2);
                    if (end > 0) {
                        j = end + 2;
                        continue;
                    }
                }
                if (c == ']') return j + 1;
                j++;
            }
            return re.length();
        }

        /** Index after the group starting at {@code i}. */
        private static int skipGroup(String re, int i) {
            int depth = 0;
            int j = i;
            while (j < re.length()) {
                char c = re.charAt(j);
                if (c == '\\') {
                    j += 2;
                    continue;
                }
                if (c == '[') {
                    j = skipClass(re, j);
                    continue;
                }
                if (c == '(') depth++;
                if (c == ')') {
                    depth--;
                    if (depth == 0) return j + 1;
                }
                j++;
            }
            return re.length();
        }
    }
}
