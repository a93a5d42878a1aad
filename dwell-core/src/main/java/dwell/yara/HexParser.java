package dwell.yara;

import dwell.text.Nesting;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses a hex string's body: bytes {@code 4D}, wildcards {@code ??}, nibble wildcards {@code 4? ?D},
 * negations {@code ~4D ~4?}, jumps {@code [n] [n-m] [n-] [-]} and alternatives {@code (AB | CD ??)}.
 */
final class HexParser {
    private final String src;
    private final Nesting nesting = new Nesting();
    private int i;

    private HexParser(String src) {
        this.src = src;
    }

    static Re parse(String body) {
        HexParser p = new HexParser(body);
        Re re = p.alternation(false);
        p.skip();
        if (p.i < p.src.length()) throw p.error("unexpected '" + p.src.charAt(p.i) + "'");
        List<Re> flat = new ArrayList<>();
        Re.flatten(re, flat);
        if (flat.isEmpty()) throw p.error("empty hex string");
        if (isJump(flat.get(0)) || isJump(flat.get(flat.size() - 1))) {
            throw p.error("a hex string cannot start or end with a jump");
        }
        return re;
    }

    private static boolean isJump(Re r) {
        return r instanceof Re.Rep rep && rep.node() instanceof Re.Bytes b && b.count() == 256 && rep.min() != rep.max();
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("invalid hex string: " + what);
    }

    private void skip() {
        while (i < src.length() && Character.isWhitespace(src.charAt(i))) i++;
    }

    private Re alternation(boolean nested) {
        List<Re> alts = new ArrayList<>();
        alts.add(sequence());
        skip();
        while (i < src.length() && src.charAt(i) == '|') {
            if (!nested) throw error("alternatives outside parentheses");
            i++;
            alts.add(sequence());
            skip();
        }
        return alts.size() == 1 ? alts.get(0) : new Re.Alt(alts);
    }

    private Re sequence() {
        List<Re> items = new ArrayList<>();
        while (true) {
            skip();
            if (i >= src.length()) break;
            char c = src.charAt(i);
            if (c == '|' || c == ')') break;
            if (c == '(') {
                i++;
                if (!nesting.enter()) throw error(Nesting.MESSAGE);
                Re inner = alternation(true);
                skip();
                if (i >= src.length() || src.charAt(i) != ')') throw error("missing ')'");
                nesting.exit(1);
                i++;
                items.add(inner);
            } else if (c == '[') {
                items.add(jump());
            } else {
                items.add(hexByte());
            }
        }
        if (items.isEmpty()) throw error("empty alternative");
        return items.size() == 1 ? items.get(0) : new Re.Seq(items);
    }

    private Re jump() {
        int close = src.indexOf(']', i);
        if (close < 0) throw error("missing ']'");
        String body = src.substring(i + 1, close).replaceAll("\\s", "");
        i = close + 1;
        int min;
        int max;
        try {
            int dash = body.indexOf('-');
            if (dash < 0) {
                min = max = Integer.parseInt(body);
            } else {
                min = dash == 0 ? 0 : Integer.parseInt(body.substring(0, dash));
                max = dash == body.length() - 1 ? -1 : Integer.parseInt(body.substring(dash + 1));
            }
        } catch (NumberFormatException e) {
            throw error("bad jump [" + body + "]");
        }
        if (max >= 0 && max < min) throw error("bad jump [" + body + "]");
        return new Re.Rep(Re.Bytes.any(), min, max, false);
    }

    private Re hexByte() {
        boolean negate = false;
        if (src.charAt(i) == '~') {
            negate = true;
            i++;
            skip();
        }
        if (i + 2 > src.length()) throw error("incomplete byte");
        char hi = src.charAt(i);
        char lo = src.charAt(i + 1);
        i += 2;
        int h = hi == '?' ? -1 : Character.digit(hi, 16);
        int l = lo == '?' ? -1 : Character.digit(lo, 16);
        if ((hi != '?' && h < 0) || (lo != '?' && l < 0)) throw error("invalid byte '" + hi + lo + "'");
        if (negate && h < 0 && l < 0) throw error("~?? is not allowed");
        long[] set = new long[4];
        for (int b = 0; b < 256; b++) {
            boolean ok = (h < 0 || (b >> 4) == h) && (l < 0 || (b & 15) == l);
            if (ok != negate) set[b >> 6] |= 1L << (b & 63);
        }
        return new Re.Bytes(set);
    }
}
