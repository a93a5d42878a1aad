package dwell.yara;

import java.util.ArrayList;
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
        // trie
        int cap = 1024;
        int[] go = new int[cap * classes];
        Arrays.fill(go, -1);
        List<List<Entry>> outs = new ArrayList<>();
        outs.add(new ArrayList<>());
        int states = 1;
        for (int i = 0; i < atoms.size(); i++) {
            int s = 0;
            for (byte b : atoms.get(i)) {
                int c = foldedClass[b & 0xff];
                int t = go[s * classes + c];
                if (t < 0) {
                    if (states == cap) {
                        cap *= 2;
                        int old = go.length;
                        go = Arrays.copyOf(go, cap * classes);
                        Arrays.fill(go, old, go.length, -1);
                    }
                    t = states++;
                    outs.add(new ArrayList<>());
                    go[s * classes + c] = t;
                }
                s = t;
            }
            outs.get(s).add(entries.get(i));
        }
        // failure links, breadth first, completing the DFA
        int[] fail = new int[states];
        int[] queue = new int[states];
        int head = 0;
        int tail = 0;
        for (int c = 0; c < classes; c++) {
            int t = go[c];
            if (t < 0) {
                go[c] = 0;
            } else {
                fail[t] = 0;
                queue[tail++] = t;
            }
        }
        while (head < tail) {
            int s = queue[head++];
            outs.get(s).addAll(outs.get(fail[s]));
            for (int c = 0; c < classes; c++) {
                int t = go[s * classes + c];
                if (t < 0) {
                    go[s * classes + c] = go[fail[s] * classes + c];
                } else {
                    fail[t] = go[fail[s] * classes + c];
                    queue[tail++] = t;
                }
            }
        }
        out = new Entry[states][];
        for (int s = 0; s < states; s++) out[s] = outs.get(s).toArray(new Entry[0]);
        delta = new int[states * classes];
        for (int i = 0; i < delta.length; i++) {
            int t = go[i];
            delta[i] = out[t].length > 0 ? ~(t * classes) : t * classes;
        }
    }

    int states() {
        return out.length;
    }

    /** Receives atom hits: {@code end} is the absolute offset of the atom's last byte. */
    interface Hits {
        void hit(Entry[] entries, long end);
    }

    /** Feeds {@code len} bytes at absolute offset {@code base}; returns the state to continue from. */
    int feed(int state, byte[] buf, int len, long base, Hits hits) {
        final int[] d = delta;
        final int[] cls = classOf;
        int s = state;
        for (int i = 0; i < len; i++) {
            int t = d[s + cls[buf[i] & 0xff]];
            if (t < 0) {
                s = ~t;
                hits.hit(out[s / classes], base + i);
            } else {
                s = t;
            }
        }
        return s;
    }
}
