package dwell.automaton;

import java.util.Arrays;

/**
 * The keyword trie of an Aho-Corasick automaton (Aho and Corasick, 1975) with its failure links and output sets:
 * what each of dwell's multi-pattern matchers builds its own scan tables from. Symbols are 0 to 65535 (characters,
 * or a matcher's character or byte classes). States are numbered in the order the patterns created them (the root
 * is 0), patterns in the order they were added. A state's edges are sorted by symbol. Immutable.
 */
public final class PatternTrie {
    private final int[] edgeStart;    // per state, its first edge; its edges end at edgeStart[state + 1]
    private final char[] edgeSymbol;
    private final int[] edgeTarget;
    private final int[] fail;         // per state, the longest proper suffix of its text that is a state
    private final int[] patternStart; // per state, its first pattern in `patterns`; they end at patternStart[state + 1]
    private final int[] patterns;     // the patterns whose text is a state's text, by state, in insertion order

    private PatternTrie(int[] edgeStart, char[] edgeSymbol, int[] edgeTarget, int[] patternStart, int[] patterns) {
        this.edgeStart = edgeStart;
        this.edgeSymbol = edgeSymbol;
        this.edgeTarget = edgeTarget;
        this.patternStart = patternStart;
        this.patterns = patterns;
        this.fail = failLinks();
    }

    public int states() {
        return edgeStart.length - 1;
    }

    public int patterns() {
        return patterns.length;
    }

    /** The state reached from {@code state} by {@code symbol} in the trie (no failure link taken), or -1. */
    public int child(int state, int symbol) {
        int lo = edgeStart[state];
        int hi = edgeStart[state + 1] - 1;
        if (hi - lo < 8) {
            // most states have one or two edges
            for (int e = lo; e <= hi; e++) {
                if (edgeSymbol[e] == symbol) return edgeTarget[e];
            }
            return -1;
        }
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int m = edgeSymbol[mid];
            if (m < symbol) lo = mid + 1;
            else if (m > symbol) hi = mid - 1;
            else return edgeTarget[mid];
        }
        return -1;
    }

    /**
     * The state the complete automaton goes to from {@code state} on {@code symbol}: its child by that symbol, else
     * its failure state's step, the root's when none has one (a row of {@link #transitions} computed alone).
     */
    public int step(int state, int symbol) {
        for (int s = state; ; s = fail[s]) {
            int t = child(s, symbol);
            if (t >= 0) return t;
            if (s == 0) return 0;
        }
    }

    /** The highest symbol on an edge of {@code state} plus one; 0 for a state without edges. */
    public int symbolBound(int state) {
        int e = edgeStart[state + 1];
        return e == edgeStart[state] ? 0 : edgeSymbol[e - 1] + 1;
    }

    /** Calls {@code out} with each edge of {@code state}, by increasing symbol. */
    public void forEachEdge(int state, EdgeVisitor out) {
        for (int e = edgeStart[state]; e < edgeStart[state + 1]; e++) out.edge(edgeSymbol[e], edgeTarget[e]);
    }

    /** Receives an edge: its symbol and the state it leads to. */
    @FunctionalInterface
    public interface EdgeVisitor {
        void edge(int symbol, int target);
    }

    /** The failure link of a state: the state of the longest proper suffix of its text (the root for none). */
    public int fail(int state) {
        return fail[state];
    }

    /** True when some pattern's text is this state's text. */
    public boolean ends(int state) {
        return patternStart[state] != patternStart[state + 1];
    }

    /** The first index into {@link #pattern(int)} of the patterns ending at {@code state}; they end at {@code firstPattern(state + 1)}. */
    public int firstPattern(int state) {
        return patternStart[state];
    }

    /** The pattern at an index of {@link #firstPattern(int)}. */
    public int pattern(int index) {
        return patterns[index];
    }

    /**
     * Per state, the nearest state along its failure links (itself included) at which a pattern ends, 0 for none:
     * the chain {@code link[s], link[fail(link[s])], ...} visits every state whose patterns occur when the scan
     * stands in s. The root's own patterns (empty ones) are not linked.
     */
    public int[] outputLinks() {
        int n = states();
        int[] link = new int[n];
        for (int s : breadthFirst()) {
            if (s != 0) link[s] = ends(s) ? s : link[fail[s]];
        }
        return link;
    }

    /**
     * Per state, every pattern occurring when the scan stands in it: its own patterns in insertion order, then
     * its failure state's set; null for none. A state without patterns of its own shares its failure state's array.
     */
    public int[][] outputSets() {
        int[][] sets = new int[states()][];
        for (int s : breadthFirst()) {
            int[] inherited = s == 0 ? null : sets[fail[s]];
            int own = patternStart[s + 1] - patternStart[s];
            if (own == 0) {
                sets[s] = inherited;
                continue;
            }
            int[] set = Arrays.copyOfRange(patterns, patternStart[s], patternStart[s] + own + (inherited == null ? 0 : inherited.length));
            if (inherited != null) System.arraycopy(inherited, 0, set, own, inherited.length);
            sets[s] = set;
        }
        return sets;
    }

    /**
     * The complete transition function as one table of {@code width} columns (every symbol is below it) per
     * state: entry {@code state * width + symbol} is the next state's row offset ({@code next * width}), stored
     * as {@code ~(next * width)} when the next state's output set is not empty, so a scan loop tests a sign bit.
     */
    public int[] transitions(int width) {
        int n = states();
        if ((long) n * width > Integer.MAX_VALUE) throw new IllegalArgumentException("transition table too large: " + n + " x " + width);
        int[] go = new int[n * width];
        boolean[] reports = new boolean[n];
        // breadth first, a state's row is its failure state's row with its own edges written over it
        for (int s : breadthFirst()) {
            reports[s] = ends(s) || s != 0 && reports[fail[s]];
            if (s != 0) System.arraycopy(go, fail[s] * width, go, s * width, width);
            for (int e = edgeStart[s]; e < edgeStart[s + 1]; e++) {
                if (edgeSymbol[e] >= width) throw new IllegalArgumentException("symbol " + (int) edgeSymbol[e] + " not below " + width);
                go[s * width + edgeSymbol[e]] = edgeTarget[e];
            }
        }
        for (int i = 0; i < go.length; i++) {
            int t = go[i];
            go[i] = reports[t] ? ~(t * width) : t * width;
        }
        return go;
    }

    /** All states, the root first, each after its parent. */
    private int[] breadthFirst() {
        int[] order = new int[states()];
        int tail = 1;
        for (int head = 0; head < tail; head++) {
            int s = order[head];
            for (int e = edgeStart[s]; e < edgeStart[s + 1]; e++) order[tail++] = edgeTarget[e];
        }
        return order;
    }

    private int[] failLinks() {
        int[] f = new int[states()];
        for (int u : breadthFirst()) {
            if (u == 0) continue; // the root's children fail to the root
            for (int e = edgeStart[u]; e < edgeStart[u + 1]; e++) {
                int c = edgeSymbol[e];
                int s = f[u];
                int t;
                while ((t = child(s, c)) < 0 && s != 0) s = f[s];
                f[edgeTarget[e]] = Math.max(t, 0);
            }
        }
        return f;
    }

    /** Collects patterns symbol by symbol. */
    public static final class Builder {
        private int[] firstChild;  // 0 for none: the root is no one's child
        private int[] sibling;
        private char[] symbol;
        private int states = 1;
        private int[] ends = new int[16];        // per pattern, its state
        private int patterns;

        public Builder() {
            this(64);
        }

        /** A builder with room for {@code states} states (the patterns' total length plus one is enough). */
        public Builder(int states) {
            int cap = Math.max(states, 2);
            firstChild = new int[cap];
            sibling = new int[cap];
            symbol = new char[cap];
        }

        /** The state {@code symbol} leads to from {@code state}, added to the trie if new. */
        public int child(int state, int symbol) {
            if (symbol < 0 || symbol > Character.MAX_VALUE) throw new IllegalArgumentException("symbol out of range: " + symbol);
            for (int c = firstChild[state]; c != 0; c = sibling[c]) {
                if (this.symbol[c] == symbol) return c;
            }
            if (states == firstChild.length) {
                int cap = states * 2;
                firstChild = Arrays.copyOf(firstChild, cap);
                sibling = Arrays.copyOf(sibling, cap);
                this.symbol = Arrays.copyOf(this.symbol, cap);
            }
            int c = states++;
            this.symbol[c] = (char) symbol;
            sibling[c] = firstChild[state];
            firstChild[state] = c;
            return c;
        }

        /** Ends a pattern at {@code state} (the root for an empty one) and returns the pattern's number. */
        public int end(int state) {
            if (patterns == ends.length) ends = Arrays.copyOf(ends, patterns * 2);
            ends[patterns] = state;
            return patterns++;
        }

        public int patterns() {
            return patterns;
        }

        public PatternTrie build() {
            int n = states;
            int[] edgeStart = new int[n + 1];
            char[] edgeSymbol = new char[n - 1];
            int[] edgeTarget = new int[n - 1];
            int e = 0;
            for (int s = 0; s < n; s++) {
                edgeStart[s] = e;
                for (int c = firstChild[s]; c != 0; c = sibling[c]) {
                    // insertion sort by symbol: most states have one or two children
                    int i = e++;
                    while (i > edgeStart[s] && edgeSymbol[i - 1] > symbol[c]) {
                        edgeSymbol[i] = edgeSymbol[i - 1];
                        edgeTarget[i] = edgeTarget[i - 1];
                        i--;
                    }
                    edgeSymbol[i] = symbol[c];
                    edgeTarget[i] = c;
                }
            }
            edgeStart[n] = e;
            // patterns by state, counting sort: stable, so each state's patterns stay in insertion order
            int[] patternStart = new int[n + 1];
            for (int p = 0; p < patterns; p++) patternStart[ends[p] + 1]++;
            for (int s = 0; s < n; s++) patternStart[s + 1] += patternStart[s];
            int[] byState = new int[patterns];
            int[] fill = Arrays.copyOf(patternStart, n);
            for (int p = 0; p < patterns; p++) byState[fill[ends[p]]++] = p;
            return new PatternTrie(edgeStart, edgeSymbol, edgeTarget, patternStart, byState);
        }
    }
}
