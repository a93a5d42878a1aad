package dwell.ioc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The automaton finds exactly what a naive search finds: overlapping, nested and case-folded patterns. */
class AhoCorasickTest {
    private static TreeSet<String> automaton(List<String> patterns, String text) {
        AhoCorasick.Builder b = new AhoCorasick.Builder();
        patterns.forEach(b::add);
        AhoCorasick ac = b.build();
        TreeSet<String> out = new TreeSet<>();
        ac.scan(text, (p, end) -> out.add(p + "@" + end));
        return out;
    }

    private static TreeSet<String> naive(List<String> patterns, String text) {
        TreeSet<String> out = new TreeSet<>();
        String t = text.toLowerCase(Locale.ROOT);
        for (int p = 0; p < patterns.size(); p++) {
            String q = patterns.get(p).toLowerCase(Locale.ROOT);
            for (int i = t.indexOf(q); i >= 0; i = t.indexOf(q, i + 1)) out.add(p + "@" + (i + q.length()));
        }
        return out;
    }

    @Test
    void classicExample() {
        List<String> p = List.of("he", "she", "his", "hers");
        assertEquals(naive(p, "ushers"), automaton(p, "ushers"));
        assertEquals(List.of("0@4", "1@4", "3@6"), new ArrayList<>(automaton(p, "ushers")));
    }

    @Test
    void caseFoldingAndNonAscii() {
        List<String> p = List.of("Evil.COM", "ÄRGER", "a");
        assertEquals(naive(p, "x.EVIL.com äRger A"), automaton(p, "x.EVIL.com äRger A"));
    }

    @Test
    void randomAgainstNaive() {
        Random r = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<String> p = new ArrayList<>();
            int n = 1 + r.nextInt(30);
            for (int i = 0; i < n; i++) p.add(random(r, 1 + r.nextInt(5)));
            String text = random(r, r.nextInt(200));
            assertEquals(naive(p, text), automaton(p, text), "patterns " + p + " text " + text);
        }
    }

    private static String random(Random r, int len) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < len; i++) b.append("abAB.c".charAt(r.nextInt(6)));
        return b.toString();
    }
}
