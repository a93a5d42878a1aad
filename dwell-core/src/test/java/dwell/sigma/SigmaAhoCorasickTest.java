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

    /** The window-skipping search (literals of three characters or more) finds what a naive search finds. */
    @Test
    void findReportsWhatANaiveSearchFinds() {
        Random rnd = new Random(7);
        for (int round = 0; round < 400; round++) {
            List<String> lits = new ArrayList<>();
            int count = 1 + rnd.nextInt(10);
            int min = 1 + rnd.nextInt(8);
            while (lits.size() < count) {
                StringBuilder sb = new StringBuilder();
                int len = min + rnd.nextInt(6);
                for (int i = 0; i < len; i++) sb.append("abkis:^-\\. ".charAt(rnd.nextInt(11)));
                if (!lits.contains(sb.toString())) lits.add(sb.toString());
            }
            AhoCorasick ac = new AhoCorasick(lits);
            for (int t = 0; t < 60; t++) {
                StringBuilder text = new StringBuilder();
                int len = rnd.nextInt(80);
                for (int i = 0; i < len; i++) {
                    // now and then a literal itself, in random case, so that hits are frequent
                    if (rnd.nextInt(20) == 0) {
                        String l = lits.get(rnd.nextInt(lits.size()));
                        text.append(rnd.nextBoolean() ? l.toUpperCase(java.util.Locale.ROOT) : l);
                    } else {
                        text.append(ALPHABET.charAt(rnd.nextInt(ALPHABET.length())));
                    }
                }
                String s = text.toString();
                Set<Integer> found = new TreeSet<>();
                ac.find(s, found::add);
                Set<Integer> expected = new TreeSet<>();
                for (int i = 0; i < lits.size(); i++) if (fold(s).contains(lits.get(i))) expected.add(i);
                assertEquals(expected, found, lits + " in '" + s + "'");
            }
        }
    }

    /** The mimikatz keywords of SigmaHQ in Windows-like values, ASCII and not, any case. */
    @Test
    void findsKeywordsInValues() {
        List<String> lits = List.of("dpapi::masterkey", "eo.oe.kiwi", "event::clear", "gentilkiwi.com", "lsadump::",
                "\\mimilib.dll", "sekurlsa::", "kiwi legit printer");
        AhoCorasick ac = new AhoCorasick(lits);
        String[][] cases = {
            {"C:\\Windows\\System32\\cmd.exe /c mimikatz.exe SEKURLSA::logonpasswords", "6"},
            {"C:\\t\\MIMİLİB.DLL", "5"},
            {"https://gentilkiwi.com/ Kiwi Legit Printer", "3,7"},
            {"\u00e9\u00e9 lsadump::sam \u00e9 eo.oe.kiwi", "1,4"},
            {"lsadump:", ""},
            {"sekurlſa::", "6"},
            {"", ""},
        };
        for (String[] c : cases) {
            Set<Integer> found = new TreeSet<>();
            ac.find(c[0], found::add);
            Set<Integer> expected = new TreeSet<>();
            if (!c[1].isEmpty()) for (String x : c[1].split(",")) expected.add(Integer.parseInt(x));
            assertEquals(expected, found, c[0]);
        }
    }
}
