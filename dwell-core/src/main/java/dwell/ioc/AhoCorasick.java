package dwell.ioc;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A multi-pattern substring matcher (Aho-Corasick, 1975): all patterns are found in one left-to-right pass
 * whatever their number. Matching folds case (ASCII letters, and other characters by
 * {@link Character#toLowerCase(char)}). The automaton is immutable once built and safe to share between threads.
 * Transitions of the root are a dense table; the others are one array of edges sorted by character per state
 * (most states have a single edge), about 14 bytes a state: 100,000 patterns take a few tens of megabytes.
 */
public final class AhoCorasick {
    /** Receives matches: the pattern id and the end (exclusive) of the match in the text. */
    @FunctionalInterface
    public interface Hits {
        void hit(int pattern, int end);
    }

    private final int[] root;          // char -> state, 0 when absent; as long as the highest first character
    private final int[] first;         // per state, its first edge; its edges end at first[state + 1]
    private final char[] edgeChar;     // edges sorted by character within a state
    private final int[] edgeTarget;
    private final int[] fail;
    private final int[] dict;          // nearest state along fail links that has outputs, 0 for none
    private final int[][] outputs;     // per state, the pattern ids ending there (null for none)
    private final int[] lengths;       // per pattern, its length

    private AhoCorasick(int[] root, int[] first, char[] edgeChar, int[] edgeTarget, int[] fail, int[] dict,
                        int[][] outputs, int[] lengths) {
        this.root = root;
        this.first = first;
        this.edgeChar = edgeChar;
        this.edgeTarget = edgeTarget;
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
        int lo = first[state];
        int hi = first[state + 1] - 1;
        if (hi - lo < 8) {
            for (int i = lo; i <= hi; i++) {
                if (edgeChar[i] == c) return edgeTarget[i];
            }
            return -1;
        }
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            char m = edgeChar[mid];
            if (m < c) lo = mid + 1;
            else if (m > c) hi = mid - 1;
            else return edgeTarget[mid];
        }
        return -1;
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
            int[] first = new int[states + 1];
            char[] edgeChar = new char[Math.max(0, states - 1)];
            int[] edgeTarget = new int[Math.max(0, states - 1)];
            int e = 0;
            for (int s = 0; s < states; s++) {
                first[s] = e;
                int start = e;
                for (int child = firstChild[s]; child != 0; child = sibling[child]) {
                    if (s == 0) {
                        root[label[child]] = child;
                    }
                    // insertion sort: most states have one or two children
                    int i = e++;
                    while (i > start && edgeChar[i - 1] > label[child]) {
                        edgeChar[i] = edgeChar[i - 1];
                        edgeTarget[i] = edgeTarget[i - 1];
                        i--;
                    }
                    edgeChar[i] = label[child];
                    edgeTarget[i] = child;
                }
            }
            first[states] = e;
            int[] fail = new int[states];
            int[] dict = new int[states];
            int[] queue = new int[states];
            int head = 0;
            int tail = 0;
            for (int child = firstChild[0]; child != 0; child = sibling[child]) queue[tail++] = child;
            AhoCorasick partial = new AhoCorasick(root, first, edgeChar, edgeTarget, fail, dict, outputs, lengths);
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
            return new AhoCorasick(root, first, edgeChar, edgeTarget, fail, dict, Arrays.copyOf(outputs, states), lengths);
        }

        private static int[] append(int[] a, int v) {
            int[] b = Arrays.copyOf(a, a.length + 1);
            b[a.length] = v;
            return b;
        }
    }
}
