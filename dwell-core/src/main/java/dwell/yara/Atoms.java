package dwell.yara;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Chooses atoms: short byte strings (case-folded) that every match of a pattern contains at a fixed offset
 * from its start, so that one Aho-Corasick pass finds all candidate starts.
 */
final class Atoms {
    /** Longest atom: twice YARA's, so wide strings still get four characters. */
    static final int MAX_ATOM = 8;
    private static final int MAX_ALTERNATIVES = 64;
    private static final int MAX_CLASS = 8;

    /** A set of alternative atoms found between {@code minOffset} and {@code maxOffset} bytes from a match's start. */
    record Choice(List<byte[]> atoms, int minOffset, int maxOffset) {
        Choice(List<byte[]> atoms, int offset) {
            this(atoms, offset, offset);
        }
    }

    /** Widest spread of atom offsets accepted: each hit then costs that many verifications. */
    private static final int MAX_SPREAD = 64;

    private Atoms() {
    }

    static int fold(int b) {
        return b >= 'A' && b <= 'Z' ? b + 32 : b;
    }

    /** The best window of a literal: {@code [offset, offset+len)}. */
    static Choice forLiteral(byte[] bytes) {
        int len = Math.min(MAX_ATOM, bytes.length);
        int[] folded = new int[bytes.length];
        for (int k = 0; k < bytes.length; k++) folded[k] = fold(bytes[k] & 0xff);
        int best = 0;
        int bestScore = Integer.MIN_VALUE;
        for (int s = 0; s + len <= bytes.length; s++) {
            int q = quality(folded, s, len);
            if (q > bestScore) {
                bestScore = q;
                best = s;
            }
        }
        return new Choice(List.of(foldAll(Arrays.copyOfRange(bytes, best, best + len))), best);
    }

    /** The quality of the window {@code [from, from+len)} of already folded bytes. */
    private static int quality(int[] folded, int from, int len) {
        int q = 0;
        long seen0 = 0;
        long seen1 = 0;
        long seen2 = 0;
        long seen3 = 0;
        for (int k = from; k < from + len; k++) {
            int b = folded[k];
            q += common(b) ? 2 : 10;
            long bit = 1L << (b & 63);
            switch (b >> 6) {
                case 0 -> seen0 |= bit;
                case 1 -> seen1 |= bit;
                case 2 -> seen2 |= bit;
                default -> seen3 |= bit;
            }
        }
        int distinct = Long.bitCount(seen0) + Long.bitCount(seen1) + Long.bitCount(seen2) + Long.bitCount(seen3);
        return q + 2 * distinct;
    }

    /** {@link #quality(int[], int, int)} of a window of raw bytes. */
    private static int quality(byte[] bytes, int from, int len) {
        int[] folded = new int[len];
        for (int k = 0; k < len; k++) folded[k] = fold(bytes[from + k] & 0xff);
        return quality(folded, 0, len);
    }

    private static boolean common(int b) {
        return b == 0 || b == 0x20 || b == 0xff || b == 0xcc || b == 0x0a || b == 0x0d || b == 0x09;
    }

    static byte[] foldAll(byte[] b) {
        byte[] o = b.clone();
        for (int k = 0; k < o.length; k++) o[k] = (byte) fold(o[k] & 0xff);
        return o;
    }

    /** Higher is better: rare bytes and distinct bytes make for fewer false candidates. */
    static int quality(byte[] atom) {
        return quality(atom, 0, atom.length);
    }

    /** The best atom set of a regex or hex pattern, or null when no fixed-offset literal exists. */
    static Choice forPattern(Re re) {
        List<Re> items = new ArrayList<>();
        Re.flatten(re, items);
        Choice best = null;
        int bestScore = Integer.MIN_VALUE;
        int lo = 0;
        int hi = 0;
        // each item's literal set is asked for by up to MAX_ATOM runs: compute it once
        @SuppressWarnings("unchecked")
        Set<Bytes>[] cache = new Set[items.size()];
        boolean[] cached = new boolean[items.size()];
        for (int idx = 0; idx < items.size(); idx++) {
            Set<Bytes> run = run(items, idx, cache, cached);
            if (run != null) {
                int score = Integer.MAX_VALUE;
                for (Bytes b : run) score = Math.min(score, quality(b.value));
                score -= run.size() + (hi - lo) / 4;
                if (score > bestScore) {
                    bestScore = score;
                    List<byte[]> atoms = new ArrayList<>();
                    for (Bytes b : run) atoms.add(b.value);
                    best = new Choice(atoms, lo, hi);
                }
            }
            int max = YaraCompiler.maxLength(items.get(idx));
            if (max < 0) break;
            lo += minLength(items.get(idx));
            hi += max;
            if (hi - lo > MAX_SPREAD) break;
        }
        return best;
    }

    /** The shortest match of a pattern. */
    static int minLength(Re re) {
        if (re instanceof Re.Bytes) return 1;
        if (re instanceof Re.Assert) return 0;
        if (re instanceof Re.Seq s) {
            int w = 0;
            for (Re r : s.items()) w += minLength(r);
            return w;
        }
        if (re instanceof Re.Alt a) {
            int w = Integer.MAX_VALUE;
            for (Re r : a.items()) w = Math.min(w, minLength(r));
            return w;
        }
        Re.Rep r = (Re.Rep) re;
        return (int) Math.min(1 << 24, (long) r.min() * minLength(r.node()));
    }

    /** A value-compared byte array for sets. */
    private record Bytes(byte[] value) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Bytes b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }
    }

    /** The literal prefixes of items[idx...], or null if items[idx] does not start with a small literal set. */
    private static Set<Bytes> run(List<Re> items, int idx, Set<Bytes>[] cache, boolean[] cached) {
        Set<Bytes> acc = new LinkedHashSet<>();
        acc.add(new Bytes(new byte[0]));
        boolean any = false;
        for (int j = idx; j < items.size(); j++) {
            Re item = items.get(j);
            boolean ends = false;
            Set<Bytes> ext;
            if (cache == null) {
                ext = literals(item);
            } else {
                if (!cached[j]) {
                    cache[j] = literals(item);
                    cached[j] = true;
                }
                ext = cache[j];
            }
            if (ext == null && item instanceof Re.Rep r && r.min() >= 1) {
                ext = literals(r.node());
                ends = true;
            }
            if (ext == null && item instanceof Re.Alt alt) {
                ext = alternativePrefixes(alt);
                ends = true;
            }
            if (ext == null) break;
            if (!sameLength(ext)) ends = true;
            Set<Bytes> next = cross(acc, ext);
            if (next == null) break;
            acc = next;
            if (!any) {
                for (Bytes b : ext) any |= b.value.length > 0;
            }
            if (ends || minLength(acc) >= MAX_ATOM) break;
        }
        if (!any || minLength(acc) == 0) return null;
        return acc;
    }

    private static int minLength(Set<Bytes> s) {
        int min = Integer.MAX_VALUE;
        for (Bytes b : s) min = Math.min(min, b.value.length);
        return min;
    }

    /** The union of each alternative's own leading literals, or null if one alternative has none. */
    private static Set<Bytes> alternativePrefixes(Re.Alt alt) {
        Set<Bytes> out = new LinkedHashSet<>();
        for (Re a : alt.items()) {
            List<Re> items = new ArrayList<>();
            Re.flatten(a, items);
            Set<Bytes> r = run(items, 0, null, null);
            if (r == null) return null;
            out.addAll(r);
            if (out.size() > MAX_ALTERNATIVES) return null;
        }
        return out;
    }

    private static boolean sameLength(Set<Bytes> s) {
        int len = -1;
        for (Bytes b : s) {
            if (len >= 0 && b.value.length != len) return false;
            len = b.value.length;
        }
        return true;
    }

    private static Set<Bytes> cross(Set<Bytes> a, Set<Bytes> b) {
        Set<Bytes> out = new LinkedHashSet<>();
        for (Bytes x : a) {
            for (Bytes y : b) {
                int len = Math.min(MAX_ATOM, x.value.length + y.value.length);
                byte[] v = Arrays.copyOf(x.value, len);
                int copy = len - x.value.length;
                if (copy > 0) System.arraycopy(y.value, 0, v, x.value.length, copy);
                out.add(new Bytes(v));
                if (out.size() > MAX_ALTERNATIVES) return null;
            }
        }
        return out;
    }

    /** The finite set of folded byte strings an item matches, or null if it is not small and literal. */
    private static Set<Bytes> literals(Re item) {
        if (item instanceof Re.Bytes b) {
            // case folding at most halves a set: more than 2 * MAX_CLASS + 1 members never fold to MAX_CLASS
            if (b.count() > 2 * MAX_CLASS + 1) return null;
            Set<Bytes> s = new LinkedHashSet<>();
            boolean[] seen = new boolean[256];
            for (int m : b.members()) {
                int f = fold(m);
                if (!seen[f]) {
                    seen[f] = true;
                    s.add(new Bytes(new byte[] {(byte) f}));
                }
                if (s.size() > MAX_CLASS) return null;
            }
            return s;
        }
        if (item instanceof Re.Assert) {
            Set<Bytes> s = new LinkedHashSet<>();
            s.add(new Bytes(new byte[0]));
            return s;
        }
        if (item instanceof Re.Seq seq) {
            Set<Bytes> acc = new LinkedHashSet<>();
            acc.add(new Bytes(new byte[0]));
            for (Re r : seq.items()) {
                Set<Bytes> e = literals(r);
                if (e == null) return null;
                acc = cross(acc, e);
                if (acc == null) return null;
            }
            return acc;
        }
        if (item instanceof Re.Alt alt) {
            Set<Bytes> acc = new LinkedHashSet<>();
            for (Re r : alt.items()) {
                Set<Bytes> e = literals(r);
                if (e == null) return null;
                acc.addAll(e);
                if (acc.size() > MAX_ALTERNATIVES) return null;
            }
            return acc;
        }
        if (item instanceof Re.Rep r && r.min() == r.max() && r.min() <= MAX_ATOM) {
            Set<Bytes> acc = new LinkedHashSet<>();
            acc.add(new Bytes(new byte[0]));
            Set<Bytes> e = literals(r.node());
            if (e == null) return null;
            for (int k = 0; k < r.min(); k++) {
                acc = cross(acc, e);
                if (acc == null) return null;
            }
            return acc;
        }
        return null;
    }

    /** The fixed width of an item, or -1 when it varies. */
    static int width(Re item) {
        if (item instanceof Re.Bytes) return 1;
        if (item instanceof Re.Assert) return 0;
        if (item instanceof Re.Seq s) {
            int w = 0;
            for (Re r : s.items()) {
                int x = width(r);
                if (x < 0) return -1;
                w += x;
            }
            return w;
        }
        if (item instanceof Re.Alt a) {
            int w = -2;
            for (Re r : a.items()) {
                int x = width(r);
                if (x < 0 || (w != -2 && x != w)) return -1;
                w = x;
            }
            return w < 0 ? -1 : w;
        }
        if (item instanceof Re.Rep r && r.min() == r.max()) {
            int x = width(r.node());
            return x < 0 ? -1 : x * r.min();
        }
        return -1;
    }

    /** The bytes a match can start with (all 256 if the pattern can match empty or starts with an assertion). */
    static boolean[] firstBytes(Re re) {
        boolean[] out = new boolean[256];
        if (!first(re, out)) Arrays.fill(out, true);
        return out;
    }

    /** Adds the first bytes of {@code re}; returns false if {@code re} can match the empty string. */
    private static boolean first(Re re, boolean[] out) {
        if (re instanceof Re.Bytes b) {
            for (int m : b.members()) out[m] = true;
            return true;
        }
        if (re instanceof Re.Assert) return false;
        if (re instanceof Re.Seq s) {
            for (Re r : s.items()) {
                if (first(r, out)) return true;
            }
            return false;
        }
        if (re instanceof Re.Alt a) {
            boolean all = true;
            for (Re r : a.items()) all &= first(r, out);
            return all;
        }
        if (re instanceof Re.Rep r) {
            boolean nonEmpty = first(r.node(), out);
            return nonEmpty && r.min() > 0;
        }
        return false;
    }
}
