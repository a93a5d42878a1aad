package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The prefilter automaton (with its skip-ahead at the root) reports exactly what a naive search finds. */
class SigmaAhoCorasickTest {
    private static final String ALPHABET = "abkisAKIS:^-\\. x\u212a\u017f\u0130\u0131\u00e9\ud83d\ude00";

    /** The texts as the automaton reads them: ASCII case and the four letters outside ASCII folded. */
    private static String fold(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(switch (c) {
                case '\u212a' -> 'k';
                case '\u017f' -> 's';
                case '\u0130', '\u0131' -> 'i';
                default -> c < 128 ? Character.toLowerCase(c) : c;
            });
        }
        return sb.toString();
    }

    @Test
    void reportsWhatANaiveSearchFinds() {
        Random rnd = new Random(42);
        for (int round = 0; round < 300; round++) {
            List<String> lits = new ArrayList<>();
            int count = 1 + rnd.nextInt(8);
            while (lits.size() < count) {
                StringBuilder sb = new StringBuilder();
                int len = 1 + rnd.nextInt(5);
                for (int i = 0; i < len; i++) sb.append("abkis:^-\\. ".charAt(rnd.nextInt(11)));
                if (!lits.contains(sb.toString())) lits.add(sb.toString());
            }
            AhoCorasick ac = new AhoCorasick(lits);
            for (int t = 0; t < 50; t++) {
                StringBuilder text = new StringBuilder();
                int len = rnd.nextInt(30);
                for (int i = 0; i < len; i++) text.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                String s = text.toString();
                Set<Integer> found = new TreeSet<>();
                boolean wide = ac.scan(s, found::add);
                Set<Integer> expected = new TreeSet<>();
                for (int i = 0; i < lits.size(); i++) if (fold(s).contains(lits.get(i))) expected.add(i);
                assertEquals(expected, found, lits + " in '" + s + "'");
                assertEquals(AhoCorasick.wide(s), wide, s);
            }
        }
    }
}
