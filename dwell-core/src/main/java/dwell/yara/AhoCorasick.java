package dwell.yara;

import dwell.automaton.PatternTrie;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Aho-Corasick automaton over all atoms, as a full DFA on ASCII-case-folded input with byte classes.
 * A transition into a state that reports atoms is stored negated, so the scan loop tests one sign bit.
 */
final class AhoCorasick {
    /** What an atom hit means: check {@code variant} at each start from {@code maxBack} to {@code minBack} bytes before the hit's last byte. */
    record Entry(int variant, int minBack, int maxBack) {
    }

    final int[] classOf;
    final int classes;
    final int[] delta;
    /** Entries reported in each state, by state number (premultiplied index / classes). */
    final Entry[][] out;

    /** An automaton from its tables, as {@link YaraRulesCodec} decodes them. */
    AhoCorasick(int[] classOf, int classes, int[] delta, Entry[][] out) {
        this.classOf = classOf;
        this.classes = classes;
        this.delta = delta;
        this.out = out;
    }

    AhoCorasick(List<byte[]> atoms, List<Entry> entries) {
        classOf = new int[256];
        boolean[] used = new boolean[256];
        for (byte[] a : atoms) for (byte b : a) used[b & 0xff] = true;
        int[] foldedClass = new int[256];
        int k = 1;
        for (int b = 0; b < 256; b++) if (used[b]) foldedClass[b] = k++;
        classes = k;
        for (int b = 0; b < 256; b++) classOf[b] = foldedClass[Atoms.fold(b)];
        PatternTrie.Builder builder = new PatternTrie.Builder();
        for (byte[] atom : atoms) {
            int s = 0;
            for (byte b : atom) s = builder.child(s, foldedClass[b & 0xff]);
            builder.end(s);
        }
        PatternTrie trie = builder.build();
        delta = trie.transitions(classes);
        // a state's atoms are its own (in insertion order) followed by its failure state's: states without atoms of
        // their own share their failure state's entries, as the trie shares its pattern arrays
        int[][] sets = trie.outputSets();
        Map<int[], Entry[]> shared = new IdentityHashMap<>();
        out = new Entry[sets.length][];
        for (int s = 0; s < sets.length; s++) {
            out[s] = sets[s] == null ? NONE : shared.computeIfAbsent(sets[s], ids -> {
                Entry[] e = new Entry[ids.length];
                for (int i = 0; i < ids.length; i++) e[i] = entries.get(ids[i]);
                return e;
            });
        }
    }

    static final Entry[] NONE = new Entry[0];

    int states() {
        return out.length;
    }

    int classes() {
        return classes;
    }

    /** The class of an input byte (0 for bytes in no atom, case folded). */
    int classOf(int b) {
        return classOf[b];
    }

    /** The transition from a state's row on a class, as the scan loop reads it. */
    int next(int row, int cls) {
        return delta[row + cls];
    }

    /** The entries reported in a state, as {@link Cursor#hitState} holds it. */
    Entry[] entries(int state) {
        return out[state / classes];
    }

    /**
     * Where a feed stands: the automaton state and input position, and the hits found since the last
     * {@link #feed}. Hits are buffered rather than called back, so the scan loop stays small: quick to compile
     * and never recompiled for the callers' code.
     */
    static final class Cursor {
        int state;
        int pos;
        int hits;
        final int[] hitState = new int[4096];
        final int[] hitAt = new int[4096];
    }

    /**
     * Feeds {@code buf[c.pos..len)} from state {@code c.state}, stopping early when the hit buffer is full;
     * afterwards {@code c.pos} and {@code c.state} say where to go on, {@code c.hitAt[0..c.hits)} the
     * positions in {@code buf} of the hits' last bytes.
     */
    void feed(Cursor c, byte[] buf, int len) {
        final int[] d = delta;
        final int[] cls = classOf;
        final int[] hs = c.hitState;
        final int[] ha = c.hitAt;
        final int cap = hs.length;
        int s = c.state;
        int i = c.pos;
        int h = 0;
        while (i < len) {
            int t = d[s + cls[buf[i] & 0xff]];
            if (t < 0) {
                s = ~t;
                hs[h] = s;
                ha[h] = i;
                i++;
                if (++h == cap) break;
            } else {
                s = t;
                i++;
            }
        }
        c.state = s;
        c.pos = i;
        c.hits = h;
    }

    /**
     * Feeds two independent runs in lock step, one byte of each per step, until either reaches the end of its
     * buffer or fills its hit buffer: their table loads overlap instead of waiting on each other. Each cursor
     * then stands as after {@link #feed}.
     */
    void feed2(Cursor a, byte[] bufA, int lenA, Cursor b, byte[] bufB, int lenB) {
        final int[] d = delta;
        final int[] cls = classOf;
        final int[] hsA = a.hitState;
        final int[] haA = a.hitAt;
        final int[] hsB = b.hitState;
        final int[] haB = b.hitAt;
        final int cap = hsA.length;
        int sa = a.state;
        int sb = b.state;
        int ia = a.pos;
        int ib = b.pos;
        int ha = 0;
        int hb = 0;
        while (ia < lenA && ib < lenB && ha < cap && hb < cap) {
            int ta = d[sa + cls[bufA[ia] & 0xff]];
            int tb = d[sb + cls[bufB[ib] & 0xff]];
            if (ta < 0) {
                sa = ~ta;
                hsA[ha] = sa;
                haA[ha++] = ia;
            } else {
                sa = ta;
            }
            if (tb < 0) {
                sb = ~tb;
                hsB[hb] = sb;
                haB[hb++] = ib;
            } else {
                sb = tb;
            }
            ia++;
            ib++;
        }
        a.state = sa;
        a.pos = ia;
        a.hits = ha;
        b.state = sb;
        b.pos = ib;
        b.hits = hb;
    }
}
