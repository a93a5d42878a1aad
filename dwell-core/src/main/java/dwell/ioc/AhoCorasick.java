package dwell.ioc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A multi-pattern substring matcher (Aho-Corasick, 1975): all patterns are found in one left-to-right pass
 * whatever their number. Matching folds case (ASCII letters, and other characters by
 * {@link Character#toLowerCase(char)}). The automaton is immutable once built and safe to share between threads.
 * Transitions of the root are a dense table; the others live in one open-addressing hash table keyed by
 * (state, character), which keeps 100,000 patterns to a few tens of megabytes.
 */
public final class AhoCorasick {
    /** Receives matches: the pattern id and the end (exclusive) of the match in the text. */
    @FunctionalInterface
    public interface Hits {
        void hit(int pattern, int end);
    }

    private final int[] root;          // char -> state, 0 when absent; as long as the highest first character
    private final long[] keys;         // (state << 16 | char) + 1, 0 for empty slots
    private final int[] targets;
    private final int mask;
    private final int[] fail;
    private final int[] dict;          // nearest state along fail links that has outputs, 0 for none
    private final int[][] outputs;     // per state, the pattern ids ending there (null for none)
    private final int[] lengths;       // per pattern, its length

    private AhoCorasick(int[] root, long[] keys, int[] targets, int[] fail, int[] dict, int[][] outputs, int[] lengths) {
        this.root = root;
        this.keys = keys;
        this.targets = targets;
        this.mask = keys.length - 1;
        this.fail = fail;
        this.dict = dict;
        this.outputs = outputs;
        this.lengths = lengths;
    }

    /** The length of a pattern, to find where a match starts. */
    public int length(int pattern) {
        return lengths[pattern];
    }

    public int patterns() {
        return lengths.length;
    }

    static char fold(char c) {
        if (c < 128) return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        return Character.toLowerCase(c);
    }

    private int next(int state, char c) {
        if (state == 0) return c < root.length ? root[c] : 0;
        long key = (((long) state) << 16 | c) + 1;
        int i = mix(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) return targets[i];
            if (k == 0) return -1;
            i = (i + 1) & mask;
        }
    }

    private static int mix(long k) {
        long h = k * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 29));
    }

    /** Reports every occurrence of every pattern in {@code text[from, to)}. */
    public void scan(CharSequence text, int from, int to, Hits hits) {
        int s = 0;
        for (int i = from; i < to; i++) {
            char c = fold(text.charAt(i));
            while (true) {
                int t = next(s, c);
                if (t > 0) {
                    s = t;
                    break;
                }
                if (s == 0) break;
                s = fail[s];
            }
            if (s == 0) continue;
            int o = outputs[s] != null ? s : dict[s];
            while (o != 0) {
                for (int p : outputs[o]) hits.hit(p, i + 1);
                o = dict[o];
            }
        }
    }

    public void scan(CharSequence text, Hits hits) {
        scan(text, 0, text.length(), hits);
    }

    /** Collects patterns; pattern ids are their insertion order. */
    public static final class Builder {
        private final List<String> patterns = new ArrayList<>();

        /** Adds a pattern (matched case-insensitively) and returns its id. Empty patterns are refused. */
        public int add(String pattern) {
            if (pattern.isEmpty()) throw new IllegalArgumentException("empty pattern");
            patterns.add(pattern);
            return patterns.size() - 1;
        }

        public int size() {
            return patterns.size();
        }

        public AhoCorasick build() {
            int capacity = 1;
            for (String p : patterns) capacity += p.length();
            int[] firstChild = new int[capacity];
            int[] sibling = new int[capacity];
            char[] label = new char[capacity];
            List<int[]> outs = new ArrayList<>();
            int[][] outputs = new int[capacity][];
            int states = 1;
            int[] lengths = new int[patterns.size()];
            for (int id = 0; id < patterns.size(); id++) {
                String p = patterns.get(id);
                lengths[id] = p.length();
                int s = 0;
                for (int i = 0; i < p.length(); i++) {
                    char c = fold(p.charAt(i));
                    int child = firstChild[s];
                    while (child != 0 && label[child] != c) child = sibling[child];
                    if (child == 0) {
                        child = states++;
                        label[child] = c;
                        sibling[child] = firstChild[s];
                        firstChild[s] = child;
                    }
                    s = child;
                }
                outputs[s] = outputs[s] == null ? new int[] {id} : append(outputs[s], id);
            }
            outs.clear();
            int maxRoot = 0;
            for (int child = firstChild[0]; child != 0; child = sibling[child]) maxRoot = Math.max(maxRoot, label[child] + 1);
            int[] root = new int[maxRoot];
            int slots = Integer.highestOneBit(Math.max(16, states * 2)) * 2;
            long[] keys = new long[slots];
            int[] targets = new int[slots];
            int mask = slots - 1;
            for (int s = 0; s < states; s++) {
                for (int child = firstChild[s]; child != 0; child = sibling[child]) {
                    if (s == 0) {
                        root[label[child]] = child;
                        continue;
                    }
                    long key = (((long) s) << 16 | label[child]) + 1;
                    int i = mix(key) & mask;
                    while (keys[i] != 0) i = (i + 1) & mask;
                    keys[i] = key;
                    targets[i] = child;
                }
            }
            int[] fail = new int[states];
            int[] dict = new int[states];
            int[] queue = new int[states];
            int head = 0;
            int tail = 0;
            for (int child = firstChild[0]; child != 0; child = sibling[child]) queue[tail++] = child;
            AhoCorasick partial = new AhoCorasick(root, keys, targets, fail, dict, outputs, lengths);
            while (head < tail) {
                int u = queue[head++];
                for (int v = firstChild[u]; v != 0; v = sibling[v]) {
                    char c = label[v];
                    int f = fail[u];
                    int t;
                    while (true) {
                        t = partial.next(f, c);
                        if (t > 0 || f == 0) break;
                        f = fail[f];
                    }
                    fail[v] = t > 0 && t != v ? t : 0;
                    dict[v] = outputs[fail[v]] != null ? fail[v] : dict[fail[v]];
                    queue[tail++] = v;
                }
            }
            return new AhoCorasick(root, keys, targets, fail, dict, Arrays.copyOf(outputs, states), lengths);
        }

        private static int[] append(int[] a, int v) {
            int[] b = Arrays.copyOf(a, a.length + 1);
            b[a.length] = v;
            return b;
        }
    }
}
