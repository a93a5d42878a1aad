package dwell.ioc;

import dwell.automaton.PatternTrie;
import java.util.Arrays;

/**
 * A multi-pattern substring matcher (Aho-Corasick, 1975): all patterns are found in one left-to-right pass
 * whatever their number. Matching folds case (ASCII letters, and other characters by
 * {@link Character#toLowerCase(char)}). The automaton is immutable once built and safe to share between threads.
 * It walks the {@link PatternTrie} itself (its sparse edges, a sorted array per state: most states have a single
 * edge), with a dense table for the root's edges only: 100,000 patterns take a few tens of megabytes.
 */
final class AhoCorasick {
    /** Receives matches: the pattern id and the end (exclusive) of the match in the text. */
    @FunctionalInterface
    public interface Hits {
        void hit(int pattern, int end);
    }

    private final PatternTrie trie;
    private final int[] root;          // char -> state, 0 when absent; as long as the highest first character
    private final int[] link;          // per state, the nearest state along fail links (itself included) with patterns
    private final int[] lengths;       // per pattern, its length

    private AhoCorasick(PatternTrie trie, int[] lengths) {
        this.trie = trie;
        this.lengths = lengths;
        this.root = new int[trie.symbolBound(0)];
        trie.forEachEdge(0, (symbol, target) -> root[symbol] = target);
        this.link = trie.outputLinks();
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

    /** Reports every occurrence of every pattern in {@code text[from, to)}. */
    public void scan(CharSequence text, int from, int to, Hits hits) {
        PatternTrie t = trie;
        int s = 0;
        for (int i = from; i < to; i++) {
            char c = fold(text.charAt(i));
            while (true) {
                int next = s == 0 ? (c < root.length ? root[c] : 0) : t.child(s, c);
                if (next > 0) {
                    s = next;
                    break;
                }
                if (s == 0) break;
                s = t.fail(s);
            }
            if (s == 0) continue;
            for (int o = link[s]; o != 0; o = link[t.fail(o)]) {
                for (int k = t.firstPattern(o), end = t.firstPattern(o + 1); k < end; k++) hits.hit(t.pattern(k), i + 1);
            }
        }
    }

    public void scan(CharSequence text, Hits hits) {
        scan(text, 0, text.length(), hits);
    }

    /** Collects patterns; pattern ids are their insertion order. */
    public static final class Builder {
        private final PatternTrie.Builder trie = new PatternTrie.Builder();
        private int[] lengths = new int[16];

        /** Adds a pattern (matched case-insensitively) and returns its id. Empty patterns are refused. */
        public int add(String pattern) {
            if (pattern.isEmpty()) throw new IllegalArgumentException("empty pattern");
            int s = 0;
            for (int i = 0; i < pattern.length(); i++) s = trie.child(s, fold(pattern.charAt(i)));
            int id = trie.end(s);
            if (id == lengths.length) lengths = Arrays.copyOf(lengths, id * 2);
            lengths[id] = pattern.length();
            return id;
        }

        public int size() {
            return trie.patterns();
        }

        public AhoCorasick build() {
            return new AhoCorasick(trie.build(), Arrays.copyOf(lengths, trie.patterns()));
        }
    }
}
