package dwell.yara;

import java.util.ArrayList;
import java.util.List;
import dwell.text.Nesting;

/**
 * Parses YARA's regular expression dialect into {@link Re}: literals, {@code .}, classes with ranges,
 * {@code \w \W \s \S \d \D \b \B}, {@code \xHH}, groups, alternation, {@code * + ? {n} {n,} {n,m} {,m}}
 * with lazy forms, {@code ^} (start of data) and {@code $} (end of data). No lookaround; a back-reference
 * ({@code \1}, any backslash and digit outside a class) is an error, as in YARA.
 */
final class RegexParser {
    /** Largest repetition count accepted, as in YARA. */
    static final int MAX_REPEAT = 32767;

    private final String src;
    private final boolean nocase;
    private final boolean dotall;
    private final Nesting nesting = new Nesting();
    private int i;

    private RegexParser(String src, boolean nocase, boolean dotall) {
        this.src = src;
        this.nocase = nocase;
        this.dotall = dotall;
    }

    static Re parse(String src, boolean nocase, boolean dotall) {
        RegexParser p = new RegexParser(src, nocase, dotall);
        Re re = p.alternation();
        if (p.i < src.length()) throw p.error("unbalanced ')'");
        return re;
    }

    private IllegalArgumentException error(String what) {
        String shown = src.length() > 80 ? src.substring(0, 80) + "..." : src;
        return new IllegalArgumentException("invalid regular expression /" + shown + "/: " + what);
    }

    private Re alternation() {
        List<Re> alts = new ArrayList<>();
        alts.add(sequence());
        while (i < src.length() && src.charAt(i) == '|') {
            i++;
            alts.add(sequence());
        }
        return alts.size() == 1 ? alts.get(0) : new Re.Alt(alts);
    }

    private Re sequence() {
        List<Re> items = new ArrayList<>();
        while (i < src.length() && src.charAt(i) != '|' && src.charAt(i) != ')') {
            Re atom = atom();
            items.add(quantified(atom));
        }
        return items.size() == 1 ? items.get(0) : new Re.Seq(items);
    }

    private Re quantified(Re atom) {
        int levels = 0;
        while (i < src.length()) {
            char c = src.charAt(i);
            int min;
            int max;
            if (c == '*') {
                min = 0;
                max = -1;
                i++;
            } else if (c == '+') {
                min = 1;
                max = -1;
                i++;
            } else if (c == '?') {
                min = 0;
                max = 1;
                i++;
            } else if (c == '{' && isRepeat()) {
                int close = src.indexOf('}', i);
                String body = src.substring(i + 1, close);
                int comma = body.indexOf(',');
                if (comma < 0) {
                    min = max = number(body);
                } else {
                    min = comma == 0 ? 0 : number(body.substring(0, comma));
                    max = comma == body.length() - 1 ? -1 : number(body.substring(comma + 1));
                }
                if (max >= 0 && max < min) throw error("bad repeat interval");
                i = close + 1;
            } else {
                break;
            }
            if (atom instanceof Re.Assert) throw error("quantifier after assertion");
            // a*** wraps a in one repetition per quantifier: each is a level of the tree
            deeper();
            levels++;
            boolean greedy = true;
            if (i < src.length() && src.charAt(i) == '?') {
                greedy = false;
                i++;
            }
            atom = new Re.Rep(atom, min, max, greedy);
        }
        nesting.exit(levels);
        return atom;
    }

    private void deeper() {
        if (!nesting.enter()) throw error(Nesting.MESSAGE);
    }

    private boolean isRepeat() {
        int close = src.indexOf('}', i);
        if (close < 0) return false;
        String body = src.substring(i + 1, close);
        int commas = 0;
        for (int k = 0; k < body.length(); k++) {
            char c = body.charAt(k);
            if (c == ',') commas++;
            else if (c < '0' || c > '9') return false;
        }
        return commas <= 1 && !body.isEmpty() && !body.equals(",");
    }

    private int number(String s) {
        int v = Integer.parseInt(s);
        if (v > MAX_REPEAT) throw error("repeat interval too large");
        return v;
    }

    private Re atom() {
        char c = src.charAt(i++);
        switch (c) {
            case '(' -> {
                if (src.startsWith("?:", i)) i += 2;
                deeper();
                Re inner = alternation();
                if (i >= src.length() || src.charAt(i) != ')') throw error("missing ')'");
                nesting.exit(1);
                i++;
                return inner;
            }
            case '[' -> {
                return charClass();
            }
            case '.' -> {
                Re.Bytes any = Re.Bytes.any();
                if (!dotall) any.set()[0] &= ~(1L << '\n');
                return any;
            }
            case '^' -> {
                return new Re.Assert(Re.Assert.Kind.START);
            }
            case '$' -> {
                return new Re.Assert(Re.Assert.Kind.END);
            }
            case '\\' -> {
                if (i >= src.length()) throw error("trailing backslash");
                char e = src.charAt(i++);
                // YARA's lexer reads a backslash and a digit outside a class as a back-reference and refuses it
                if (e >= '0' && e <= '9') throw error("backreferences are not allowed");
                if (e == 'b') return new Re.Assert(Re.Assert.Kind.WORD_BOUNDARY);
                if (e == 'B') return new Re.Assert(Re.Assert.Kind.NOT_WORD_BOUNDARY);
                long[] set = new long[4];
                escape(e, set);
                return new Re.Bytes(fold(set));
            }
            case '*', '+', '?' -> throw error("nothing to repeat");
            default -> {
                long[] set = new long[4];
                add(set, c & 0xff);
                return new Re.Bytes(fold(set));
            }
        }
    }

    /** Adds the bytes an escape (the char after the backslash) stands for. */
    private void escape(char e, long[] set) {
        switch (e) {
            case 'w' -> {
                range(set, 'a', 'z');
                range(set, 'A', 'Z');
                range(set, '0', '9');
                add(set, '_');
            }
            case 'W', 'S', 'D' -> {
                long[] pos = new long[4];
                escape(Character.toLowerCase(e), pos);
                for (int k = 0; k < 4; k++) set[k] |= ~pos[k];
            }
            case 's' -> {
                for (char s : new char[] {' ', '\t', '\n', '\r', '\f', '\u000b'}) add(set, s);
            }
            case 'd' -> range(set, '0', '9');
            case 'n' -> add(set, '\n');
            case 't' -> add(set, '\t');
            case 'r' -> add(set, '\r');
            case 'f' -> add(set, '\f');
            case 'v' -> add(set, 0x0b);
            case 'a' -> add(set, 0x07);
            case 'x' -> {
                if (i + 2 > src.length()) throw error("bad \\x escape");
                int h1 = Character.digit(src.charAt(i), 16);
                int h2 = Character.digit(src.charAt(i + 1), 16);
                if (h1 < 0 || h2 < 0) throw error("bad \\x escape");
                i += 2;
                add(set, h1 * 16 + h2);
            }
            default -> add(set, e & 0xff);
        }
    }

    private Re charClass() {
        long[] set = new long[4];
        boolean negate = false;
        if (i < src.length() && src.charAt(i) == '^') {
            negate = true;
            i++;
        }
        boolean first = true;
        while (true) {
            if (i >= src.length()) throw error("missing ']'");
            char c = src.charAt(i);
            if (c == ']' && !first) {
                i++;
                break;
            }
            first = false;
            int lo;
            if (c == '\\') {
                i++;
                if (i >= src.length()) throw error("trailing backslash");
                char e = src.charAt(i++);
                if ("wWsSdD".indexOf(e) >= 0) {
                    escape(e, set);
                    continue;
                }
                long[] one = new long[4];
                escape(e, one);
                lo = new Re.Bytes(one).members()[0];
            } else {
                lo = c & 0xff;
                i++;
            }
            if (i + 1 < src.length() && src.charAt(i) == '-' && src.charAt(i + 1) != ']') {
                i++;
                int hi;
                char h = src.charAt(i++);
                if (h == '\\') {
                    if (i >= src.length()) throw error("trailing backslash");
                    long[] one = new long[4];
                    escape(src.charAt(i++), one);
                    hi = new Re.Bytes(one).members()[0];
                } else {
                    hi = h & 0xff;
                }
                if (hi < lo) throw error("bad character range");
                range(set, lo, hi);
            } else {
                add(set, lo);
            }
        }
        fold(set);
        if (negate) for (int k = 0; k < 4; k++) set[k] = ~set[k];
        return new Re.Bytes(set);
    }

    private long[] fold(long[] set) {
        if (!nocase) return set;
        for (int b = 'a'; b <= 'z'; b++) {
            boolean either = has(set, b) || has(set, b - 32);
            if (either) {
                add(set, b);
                add(set, b - 32);
            }
        }
        return set;
    }

    private static boolean has(long[] set, int b) {
        return (set[b >> 6] & (1L << (b & 63))) != 0;
    }

    private static void add(long[] set, int b) {
        set[b >> 6] |= 1L << (b & 63);
    }

    private static void range(long[] set, int lo, int hi) {
        for (int b = lo; b <= hi; b++) add(set, b);
    }
}
