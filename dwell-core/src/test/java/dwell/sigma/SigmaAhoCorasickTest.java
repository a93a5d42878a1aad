package dwell.sigma;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * SigmaHQ's CommandLine literals (the largest prefilter automaton, 17,000 states) over the EVTX samples' field
     * values: every literal a naive search finds, no other, with and without the skipping search.
     */
    @Test
    void corpusLiteralsInCorpusValues() throws java.io.IOException {
        List<String> lits = new ArrayList<>(commandLineLiterals());
        assertTrue(lits.size() > 1000, "CommandLine literals: " + lits.size());
        List<String> texts = corpusValues(3000);
        AhoCorasick one = new AhoCorasick(lits);
        assertTrue(one.states() > 10_000, "states: " + one.states());
        int hits = 0;
        for (String s : texts) {
            String folded = fold(s);
            Set<Integer> expected = new TreeSet<>();
            for (int i = 0; i < lits.size(); i++) if (folded.contains(lits.get(i))) expected.add(i);
            hits += expected.size();
            Set<Integer> found = new TreeSet<>();
            one.find(s, found::add);
            assertEquals(expected, found, s);
            Set<Integer> scanned = new TreeSet<>();
            assertEquals(AhoCorasick.wide(s), one.scan(s, scanned::add), s);
            assertEquals(expected, scanned, s);
        }
        assertTrue(hits > 100, "literal occurrences: " + hits);
    }

    /** A row is made when a scan first reaches its state: none but the root's before, a few of 10,000+ after. */
    @Test
    void rowsAreMadeAsScansReachThem() throws java.io.IOException {
        AhoCorasick ac = new AhoCorasick(new ArrayList<>(commandLineLiterals()));
        assertEquals(1, ac.rowsMade());
        ac.find("C:\\Windows\\System32\\cmd.exe /c whoami /all & net user", x -> { });
        int made = ac.rowsMade();
        assertTrue(made > 1 && made < 200, "rows made: " + made + " of " + ac.states());
        ac.find("C:\\Windows\\System32\\cmd.exe /c whoami /all & net user", x -> { });
        assertEquals(made, ac.rowsMade());
    }

    /**
     * Threads scanning one new automaton at once, each making rows the others read: every thread finds what a
     * naive search finds, in every value (the values in another order per thread, so that they race on new rows).
     */
    @Test
    void threadsMakingRowsAtOnceFindWhatANaiveSearchFinds() throws Exception {
        List<String> lits = new ArrayList<>(commandLineLiterals());
        List<String> texts = corpusValues(800);
        List<Set<Integer>> expected = new ArrayList<>();
        for (String s : texts) {
            String folded = fold(s);
            Set<Integer> e = new TreeSet<>();
            for (int i = 0; i < lits.size(); i++) if (folded.contains(lits.get(i))) e.add(i);
            expected.add(e);
        }
        int threads = 4;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 3; round++) {
                AhoCorasick ac = new AhoCorasick(lits);
                java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
                List<java.util.concurrent.Future<String>> done = new ArrayList<>();
                for (int th = 0; th < threads; th++) {
                    long seed = round * 31L + th;
                    done.add(pool.submit(() -> {
                        List<Integer> order = new ArrayList<>();
                        for (int i = 0; i < texts.size(); i++) order.add(i);
                        java.util.Collections.shuffle(order, new Random(seed));
                        start.await();
                        for (int i : order) {
                            Set<Integer> found = new TreeSet<>();
                            if (seed % 2 == 0) ac.find(texts.get(i), found::add);
                            else ac.scan(texts.get(i), found::add);
                            if (!found.equals(expected.get(i))) return texts.get(i) + ": " + found + " != " + expected.get(i);
                        }
                        return null;
                    }));
                }
                for (java.util.concurrent.Future<String> f : done) assertEquals(null, f.get());
                assertTrue(ac.rowsMade() < ac.states() / 2, "rows made: " + ac.rowsMade() + " of " + ac.states());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** The quoted values listed under {@code CommandLine|contains} keys, lower-cased, ASCII, 3 to 24 characters. */
    private static Set<String> commandLineLiterals() throws java.io.IOException {
        Set<String> out = new java.util.LinkedHashSet<>();
        java.util.regex.Pattern item = java.util.regex.Pattern.compile("^\\s+- '([^']*)'\\s*$");
        java.nio.file.Path rules = dwell.Corpora.path("sigma/rules/windows/process_creation");
        try (var files = java.nio.file.Files.list(rules)) {
            for (java.nio.file.Path f : files.sorted().toList()) {
                boolean in = false;
                for (String line : java.nio.file.Files.readAllLines(f)) {
                    if (line.contains("CommandLine|contains")) {
                        in = true;
                        continue;
                    }
                    java.util.regex.Matcher m = item.matcher(line);
                    if (!m.matches()) {
                        in = false;
                        continue;
                    }
                    String v = m.group(1).toLowerCase(java.util.Locale.ROOT).replace("''", "'");
                    if (in && v.length() >= 3 && v.chars().allMatch(c -> c < 128)) out.add(v.length() > 24 ? v.substring(0, 24) : v);
                }
            }
        }
        return out;
    }

    /** Up to {@code max} distinct field values of the EVTX samples, in file order. */
    private static List<String> corpusValues(int max) throws java.io.IOException {
        Set<String> out = new java.util.LinkedHashSet<>();
        java.nio.file.Path dir = dwell.Corpora.path("evtx-attack-samples");
        List<java.nio.file.Path> files;
        try (var s = java.nio.file.Files.walk(dir)) {
            files = s.filter(p -> p.toString().endsWith(".evtx")).sorted().toList();
        }
        for (java.nio.file.Path f : files) {
            if (out.size() >= max) break;
            try (var in = new java.io.BufferedInputStream(java.nio.file.Files.newInputStream(f))) {
                dwell.formats.Formats.of(dwell.format.evtx.EvtxLog.ID).read(f.toString(), in, new dwell.format.EventSink() {
                    @Override
                    public void event(dwell.event.Event e) {
                        e.forEachField((n, v) -> {
                            if (v != null && v.length() > 2 && out.size() < max) out.add(v);
                        });
                    }

                    @Override
                    public void unreadable(long position, String reason) {
                    }
                });
            } catch (java.io.IOException broken) {
                // a damaged sample gives what it gave
            }
        }
        return new ArrayList<>(out);
    }

    /** The engine skips values shorter than {@code shortest()}: no literal may be shorter, and the skip is capped. */
    @Test
    void shortestIsTheShortestLiteralsLength() {
        assertEquals(3, new AhoCorasick(List.of("mimikatz", "kiwi", "ptt")).shortest());
        assertEquals(1, new AhoCorasick(List.of("^", "sekurlsa")).shortest());
        assertEquals(127, new AhoCorasick(List.of("a".repeat(200))).shortest());
    }
}
