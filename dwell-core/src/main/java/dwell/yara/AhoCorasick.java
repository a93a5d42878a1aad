package dwell.yara;

import java.util.Arrays;
import java.util.List;

/**
 * One Aho-Corasick automaton over all atoms, as a full DFA on ASCII-case-folded input with byte classes.
 * A transition into a state that reports atoms is stored negated, so the scan loop tests one sign bit.
 */
final class AhoCorasick {
    /** What an atom hit means: check {@code variant} at each start from {@code maxBack} to {@code minBack} bytes before the hit's last byte. */
    record Entry(int variant, int minBack, int maxBack) {
    }

    private final int[] classOf = new int[256];
    private final int classes;
    private final int[] delta;
    /** Entries reported in each state, by state number (premultiplied index / classes). */
    private final Entry[][] out;

    AhoCorasick(List<byte[]> atoms, List<Entry> entries) {
        boolean[] used = new boolean[256];
        for (byte[] a : atoms) for (byte b : a) used[b & 0xff] = true;
        int[] foldedClass = new int[256];
        int k = 1;
        for (int b = 0; b < 256; b++) if (used[b]) foldedClass[b] = k++;
        classes = k;
        for (int b = 0; b < 256; b++) classOf[b] = foldedClass[Atoms.fold(b)];
        // the trie, with each state's children in a linked list (most states have one child)
        int cap = 1024;
        int[] firstChild = new int[cap];
        int[] nextSibling = new int[cap];
        int[] childClass = new int[cap];
        int[] own = new int[cap];
        Arrays.fill(firstChild, -1);
        int[] entryNext = new int[atoms.size()];
        Arrays.fill(own, -1);
        int states = 1;
        for (int i = 0; i < atoms.size(); i++) {
            int s = 0;
            for (byte b : atoms.get(i)) {
                int c = foldedClass[b & 0xff];
                int t = firstChild[s];
                while (t >= 0 && childClass[t] != c) t = nextSibling[t];
                if (t < 0) {
                    if (states == cap) {
                        cap *= 2;
                        firstChild = grow(firstChild, cap);
                        nextSibling = Arrays.copyOf(nextSibling, cap);
                        childClass = Arrays.copyOf(childClass, cap);
                        own = grow(own, cap);
                    }
                    t = states++;
                    childClass[t] = c;
                    nextSibling[t] = firstChild[s];
                    firstChild[s] = t;
                }
                s = t;
            }
            entryNext[i] = own[s];
            own[s] = i;
        }
        // breadth first: a state's row is its failure state's row with its own children written over it, and
        // its atoms are its own (in insertion order) followed by its failure state's
        int[] go = new int[states * classes];
        int[] fail = new int[states];
        int[] queue = new int[states];
        Entry[][] outs = new Entry[states][];
        int tail = 0;
        outs[0] = ownEntries(0, own, entryNext, entries, NONE);
        for (int t = firstChild[0]; t >= 0; t = nextSibling[t]) {
            go[childClass[t]] = t;
            queue[tail++] = t;
        }
        for (int head = 0; head < tail; head++) {
            int s = queue[head];
            int f = fail[s];
            outs[s] = ownEntries(s, own, entryNext, entries, outs[f]);
            System.arraycopy(go, f * classes, go, s * classes, classes);
            for (int t = firstChild[s]; t >= 0; t = nextSibling[t]) {
                int c = childClass[t];
                fail[t] = go[f * classes + c];
                go[s * classes + c] = t;
                queue[tail++] = t;
            }
        }
        out = outs;
        for (int i = 0; i < go.length; i++) {
            int t = go[i];
            go[i] = out[t].length > 0 ? ~(t * classes) : t * classes;
        }
        delta = go;
    }

    private static final Entry[] NONE = new Entry[0];

    private static int[] grow(int[] a, int cap) {
        int old = a.length;
        int[] g = Arrays.copyOf(a, cap);
        Arrays.fill(g, old, cap, -1);
        return g;
    }

    /** A state's own entries in the order their atoms were added, then {@code inherited}. */
    private static Entry[] ownEntries(int s, int[] own, int[] entryNext, List<Entry> entries, Entry[] inherited) {
        int n = 0;
        for (int i = own[s]; i >= 0; i = entryNext[i]) n++;
        if (n == 0) return inherited;
        Entry[] e = new Entry[n + inherited.length];
        int k = n;
        for (int i = own[s]; i >= 0; i = entryNext[i]) e[--k] = entries.get(i);
        System.arraycopy(inherited, 0, e, n, inherited.length);
        return e;
    }

    int states() {
        return out.length;
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
