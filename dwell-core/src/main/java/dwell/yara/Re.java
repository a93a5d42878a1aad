package dwell.yara;

import java.util.ArrayList;
import java.util.List;

/** A byte-level regular expression tree: what YARA regexes and hex strings both compile to. */
sealed interface Re permits Re.Bytes, Re.Seq, Re.Alt, Re.Rep, Re.Assert {

    /** One byte out of a set (256 bits in four longs). */
    record Bytes(long[] set) implements Re {
        static Bytes of(int b) {
            long[] s = new long[4];
            s[b >> 6] |= 1L << (b & 63);
            return new Bytes(s);
        }

        static Bytes any() {
            return new Bytes(new long[] {-1L, -1L, -1L, -1L});
        }

        boolean has(int b) {
            return (set[b >> 6] & (1L << (b & 63))) != 0;
        }

        int count() {
            return Long.bitCount(set[0]) + Long.bitCount(set[1]) + Long.bitCount(set[2]) + Long.bitCount(set[3]);
        }

        /** The set's members in ascending order. */
        int[] members() {
            int[] m = new int[count()];
            int k = 0;
            for (int w = 0; w < 4; w++) {
                long bits = set[w];
                while (bits != 0) {
                    m[k++] = w * 64 + Long.numberOfTrailingZeros(bits);
                    bits &= bits - 1;
                }
            }
            return m;
        }
    }

    /** A concatenation. */
    record Seq(List<Re> items) implements Re {
    }

    /** Alternatives, in priority order. */
    record Alt(List<Re> items) implements Re {
    }

    /** A repetition {min,max}; max -1 is unbounded. */
    record Rep(Re node, int min, int max, boolean greedy) implements Re {
    }

    /** A zero-width assertion. */
    record Assert(Kind kind) implements Re {
        /** Word boundaries of wide patterns look at whole two-byte characters, as YARA does. */
        enum Kind { WORD_BOUNDARY, NOT_WORD_BOUNDARY, START, END, WIDE_WORD_BOUNDARY, WIDE_NOT_WORD_BOUNDARY }
    }

    static Re empty() {
        return new Seq(List.of());
    }

    /** Widens a pattern for the {@code wide} modifier: every byte is followed by a zero byte. */
    static Re widen(Re re) {
        if (re instanceof Bytes b) return new Seq(List.of(b, Bytes.of(0)));
        if (re instanceof Seq s) return new Seq(s.items().stream().map(Re::widen).toList());
        if (re instanceof Alt a) return new Alt(a.items().stream().map(Re::widen).toList());
        if (re instanceof Rep r) return new Rep(widen(r.node()), r.min(), r.max(), r.greedy());
        if (re instanceof Assert a && a.kind() == Assert.Kind.WORD_BOUNDARY) return new Assert(Assert.Kind.WIDE_WORD_BOUNDARY);
        if (re instanceof Assert a && a.kind() == Assert.Kind.NOT_WORD_BOUNDARY) {
            return new Assert(Assert.Kind.WIDE_NOT_WORD_BOUNDARY);
        }
        return re;
    }

    /** The pattern read backwards: it matches the reversed bytes of what this one matches (assertions stay put). */
    static Re reverse(Re re) {
        if (re instanceof Seq s) {
            List<Re> items = new ArrayList<>(s.items().size());
            for (int k = s.items().size() - 1; k >= 0; k--) items.add(reverse(s.items().get(k)));
            return new Seq(items);
        }
        if (re instanceof Alt a) return new Alt(a.items().stream().map(Re::reverse).toList());
        if (re instanceof Rep r) return new Rep(reverse(r.node()), r.min(), r.max(), r.greedy());
        return re;
    }

    /** The bytes of a fixed literal if this pattern is one (exact bytes, optionally ASCII case pairs), else null. */
    static int[] literal(Re re, boolean[] nocaseOut) {
        List<Re> flat = new ArrayList<>();
        flatten(re, flat);
        int[] out = new int[flat.size()];
        boolean nocase = false;
        for (int k = 0; k < flat.size(); k++) {
            if (!(flat.get(k) instanceof Bytes b)) return null;
            int n = b.count();
            int[] m = b.members();
            if (n == 1) {
                out[k] = m[0];
            } else if (n == 2 && m[0] >= 'A' && m[0] <= 'Z' && m[1] == m[0] + 32) {
                out[k] = m[1];
                nocase = true;
            } else {
                return null;
            }
        }
        if (nocase) {
            // a mix of exact letters and case pairs cannot be one literal with a single nocase flag
            for (int k = 0; k < flat.size(); k++) {
                Bytes b = (Bytes) flat.get(k);
                int c = out[k];
                if (c >= 'a' && c <= 'z' && b.count() == 1) return null;
                if (c >= 'A' && c <= 'Z') return null;
            }
        }
        nocaseOut[0] = nocase;
        return out;
    }

    /** Flattens nested sequences and single-copy repetitions. */
    static void flatten(Re re, List<Re> out) {
        if (re instanceof Seq s) {
            for (Re r : s.items()) flatten(r, out);
        } else if (re instanceof Rep r && r.min() == r.max()) {
            for (int k = 0; k < r.min(); k++) flatten(r.node(), out);
        } else if (re instanceof Alt a && a.items().size() == 1) {
            flatten(a.items().get(0), out);
        } else {
            out.add(re);
        }
    }
}
