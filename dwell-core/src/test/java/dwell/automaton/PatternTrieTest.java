package dwell.automaton;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The trie, its failure links, output sets, output links and transition table: the textbook example by hand,
 * then random pattern sets against the definitions (each state's text, computed here independently).
 */
class PatternTrieTest {
    /** The patterns as symbol strings (a char per symbol); the trie numbers their prefixes in order of creation. */
    private static PatternTrie trie(List<String> patterns) {
        PatternTrie.Builder b = new PatternTrie.Builder();
        for (String p : patterns) {
            int s = 0;
            for (int i = 0; i < p.length(); i++) s = b.child(s, p.charAt(i));
            b.end(s);
        }
        return b.build();
    }

    @Test
    void ahoAndCorasicksExample() {
        // he, she, his, hers: states 1 h, 2 he, 3 s, 4 sh, 5 she, 6 hi, 7 his, 8 her, 9 hers
        PatternTrie t = trie(List.of("he", "she", "his", "hers"));
        assertEquals(10, t.states());
        assertEquals(4, t.patterns());
        assertEquals(2, t.child(1, 'e'));
        assertEquals(6, t.child(1, 'i'));
        assertEquals(-1, t.child(1, 'x'));
        assertEquals(3, t.child(0, 's'));
        int[] fail = new int[10];
        for (int s = 0; s < 10; s++) fail[s] = t.fail(s);
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 2, 0, 3, 0, 3}, fail);
        int[][] sets = t.outputSets();
        assertNull(sets[0]);
        assertNull(sets[1]);
        assertArrayEquals(new int[] {0}, sets[2]);
        assertArrayEquals(new int[] {1, 0}, sets[5], "she, then he (its failure state's)");
        assertArrayEquals(new int[] {2}, sets[7]);
        assertArrayEquals(new int[] {3}, sets[9]);
        assertNull(sets[8]);
        assertArrayEquals(new int[] {0, 0, 2, 0, 0, 5, 0, 7, 0, 9}, t.outputLinks());
    }

    @Test
    void edgesBySymbolAndStatesInCreationOrder() {
        PatternTrie t = trie(List.of("b", "a", "ca", "cb"));
        List<String> edges = new ArrayList<>();
        t.forEachEdge(0, (sym, to) -> edges.add((char) sym + "->" + to));
        assertEquals(List.of("a->2", "b->1", "c->3"), edges);
        assertEquals('c' + 1, t.symbolBound(0));
        assertEquals(0, t.symbolBound(1), "a leaf has no edges");
        assertEquals(4, t.child(3, 'a'));
        assertEquals(5, t.child(3, 'b'));
    }

    @Test
    void patternsOfOneTextStayInInsertionOrder() {
        PatternTrie t = trie(List.of("ab", "b", "ab", "xab"));
        int s = t.child(t.child(0, 'a'), 'b');
        assertTrue(t.ends(s));
        List<Integer> own = new ArrayList<>();
        for (int k = t.firstPattern(s); k < t.firstPattern(s + 1); k++) own.add(t.pattern(k));
        assertEquals(List.of(0, 2), own);
        int xab = t.child(t.child(t.child(0, 'x'), 'a'), 'b');
        assertArrayEquals(new int[] {3, 0, 2, 1}, t.outputSets()[xab], "longest first: xab, ab twice, b");
    }

    @Test
    void aStateWithoutPatternsSharesItsFailureStatesSet() {
        // x = 1, y = 2, yx = 3, yxz = 4
        PatternTrie t = trie(List.of("x", "yxz"));
        int[][] sets = t.outputSets();
        assertEquals(1, t.fail(3));
        assertSame(sets[1], sets[3], "no patterns of its own: its failure state's array itself");
        assertArrayEquals(new int[] {0}, sets[3]);
        assertNull(sets[2]);
        assertArrayEquals(new int[] {1}, sets[4]);
    }

    @Test
    void transitionsAreTheFullAutomatonWithReportingTargetsNegated() {
        PatternTrie t = trie(List.of("\1\2", "\2"));
        // states: 0 root, 1 "\1", 2 "\1\2", 3 "\2"
        int[] go = t.transitions(3);
        assertEquals(12, go.length);
        assertArrayEquals(new int[] {0, 3, ~9}, java.util.Arrays.copyOfRange(go, 0, 3), "root");
        assertArrayEquals(new int[] {0, 3, ~6}, java.util.Arrays.copyOfRange(go, 3, 6), "after \\1");
        assertArrayEquals(new int[] {0, 3, ~9}, java.util.Arrays.copyOfRange(go, 6, 9), "after \\1\\2");
        assertThrows(IllegalArgumentException.class, () -> t.transitions(2), "a symbol beyond the width");
    }

    @Test
    void anEmptyPatternEndsAtTheRootAndEveryStateReportsIt() {
        PatternTrie t = trie(List.of("", "a"));
        assertTrue(t.ends(0));
        int[][] sets = t.outputSets();
        assertArrayEquals(new int[] {0}, sets[0]);
        assertArrayEquals(new int[] {1, 0}, sets[1]);
        int[] go = t.transitions('b');
        assertEquals(~0, go[0], "into the root, which reports the empty pattern");
        assertEquals(0, t.outputLinks()[0], "the root is never an output link");
    }

    @Test
    void symbolsAreSixteenBits() {
        PatternTrie.Builder b = new PatternTrie.Builder();
        assertThrows(IllegalArgumentException.class, () -> b.child(0, -1));
        assertThrows(IllegalArgumentException.class, () -> b.child(0, 0x10000));
        int s = b.child(0, 0xffff);
        b.end(s);
        PatternTrie t = b.build();
        assertEquals(s, t.child(0, 0xffff));
        assertEquals(0x10000, t.symbolBound(0));
    }

    @Test
    void anEmptyTrieIsTheRootAlone() {
        PatternTrie t = new PatternTrie.Builder().build();
        assertEquals(1, t.states());
        assertEquals(0, t.patterns());
        assertFalse(t.ends(0));
        assertArrayEquals(new int[] {0, 0}, t.transitions(2));
        assertNull(t.outputSets()[0]);
    }

    /** Small alphabets give deep failure chains, large ones states with many edges (searched by bisection). */
    @Test
    void randomSetsMeetTheDefinitions() {
        Random rnd = new Random(1975);
        for (int round = 0; round < 400; round++) {
            int alphabet = round % 4 == 0 ? 40 : 2 + rnd.nextInt(4);
            List<String> patterns = new ArrayList<>();
            int n = 1 + rnd.nextInt(round % 4 == 0 ? 80 : 25);
            for (int i = 0; i < n; i++) {
                StringBuilder p = new StringBuilder();
                int len = 1 + rnd.nextInt(6);
                for (int k = 0; k < len; k++) p.append((char) (1 + rnd.nextInt(alphabet)));
                patterns.add(p.toString());
            }
            check(patterns, alphabet + 1);
        }
    }

    /** Every table of the trie of {@code patterns}, against each state's text. */
    private static void check(List<String> patterns, int width) {
        PatternTrie t = trie(patterns);
        // state numbers: prefixes in order of creation
        Map<String, Integer> state = new LinkedHashMap<>();
        state.put("", 0);
        for (String p : patterns) for (int k = 1; k <= p.length(); k++) state.putIfAbsent(p.substring(0, k), state.size());
        assertEquals(state.size(), t.states(), patterns.toString());
        Map<Integer, String> text = new HashMap<>();
        state.forEach((k, v) -> text.put(v, k));
        int[][] sets = t.outputSets();
        int[] links = t.outputLinks();
        int[] go = t.transitions(width);
        List<List<Integer>> reports = new ArrayList<>();
        for (int s = 0; s < t.states(); s++) reports.add(suffixPatterns(text.get(s), patterns));
        for (int s = 0; s < t.states(); s++) {
            String w = text.get(s);
            for (int c = 0; c < width; c++) {
                Integer child = state.get(w + (char) c);
                assertEquals(child == null ? -1 : child, t.child(s, c), "child of '" + w + "'");
                int target = state.get(longestStateSuffix(w + (char) c, state));
                int row = target * width;
                assertEquals(reports.get(target).isEmpty() ? row : ~row, go[s * width + c], "transition of '" + w + "'");
            }
            if (s > 0) assertEquals(state.get(longestStateSuffix(w.substring(1), state)), t.fail(s), "fail of '" + w + "'");
            List<Integer> expected = reports.get(s);
            List<Integer> actual = new ArrayList<>();
            if (sets[s] != null) for (int p : sets[s]) actual.add(p);
            assertEquals(expected, actual, "output set of '" + w + "' in " + patterns);
            int link = 0;
            for (String u = w; !u.isEmpty(); u = u.substring(1)) {
                Integer st = state.get(u);
                if (st != null && patterns.contains(u)) {
                    link = st;
                    break;
                }
            }
            assertEquals(link, links[s], "output link of '" + w + "'");
        }
    }

    /** The longest suffix of {@code w} that is a state's text ("" at worst). */
    private static String longestStateSuffix(String w, Map<String, Integer> state) {
        for (int i = 0; ; i++) if (state.containsKey(w.substring(i))) return w.substring(i);
    }

    /** The patterns that are suffixes of {@code w}: longest first, equal ones in insertion order. */
    private static List<Integer> suffixPatterns(String w, List<String> patterns) {
        List<Integer> out = new ArrayList<>();
        for (int len = w.length(); len >= 0; len--) {
            String suffix = w.substring(w.length() - len);
            for (int p = 0; p < patterns.size(); p++) if (patterns.get(p).equals(suffix)) out.add(p);
        }
        return out;
    }
}
