package dwell.pivot.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextDictionaryTest {
    @TempDir
    Path tmp;

    /** Texts as evidence gives them: empty, NULs, lone surrogates, every char value, long ones. */
    private static List<String> hostileTexts() {
        List<String> out = new ArrayList<>(List.of("", "\0", "a\0b", "\uD800", "\uDC00x", "x\uD800\uDC00", "\u001B[31mred",
                "é", "e\u0301", "?", "\uFFFF", "a".repeat(100_000)));
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xFFFF; c++) all.append((char) c);
        out.add(all.toString());
        return out;
    }

    @Test
    void equalFingerprintsNeverConfuseTwoTexts() {
        // every text gets the same fingerprint: only the stored texts can tell them apart
        TextDictionary.Fingerprint constant = (tag, text) -> 42L;
        try (SpillSpace s = new SpillSpace(new IndexBudget(0, Long.MAX_VALUE, tmp)); TextDictionary d = new TextDictionary(s, constant)) {
            List<String> texts = hostileTexts();
            for (int i = 0; i < 2000; i++) texts.add("10.0.0." + i);
            Map<String, Integer> ids = new HashMap<>();
            for (String t : texts) ids.put(t, d.intern(3, t));
            assertEquals(new HashSet<>(texts).size(), new HashSet<>(ids.values()).size(), "one id per distinct text");
            for (String t : texts) {
                assertEquals(ids.get(t), d.intern(3, t));
                assertEquals(ids.get(t), d.find(3, t));
                assertEquals(t, d.text(ids.get(t)));
                assertEquals(3, d.tag(ids.get(t)));
            }
            assertEquals(-1, d.find(3, "10.0.0.2000"));
            assertEquals(-1, d.find(4, "10.0.0.1"), "the same text under another tag is another value");
            assertNotEquals(d.intern(4, "10.0.0.1"), ids.get("10.0.0.1"));
            assertTrue(d.diskBytes() > 0, "texts spilled: comparisons read them back from disk");
        }
    }

    @Test
    void fingerprintsThatShareLowBitsOrCollideInPartsWork() {
        // collisions only in the table's slot bits, and full collisions between pairs of texts
        TextDictionary.Fingerprint weak = (tag, text) -> (long) text.length() << 40 | (text.hashCode() & 0xF);
        try (SpillSpace s = new SpillSpace(new IndexBudget(1L << 30, 0, tmp)); TextDictionary d = new TextDictionary(s, weak)) {
            Random r = new Random(11);
            Map<String, Integer> ids = new HashMap<>();
            for (int i = 0; i < 50_000; i++) {
                String t = Long.toString(r.nextInt(30_000), 36);
                int id = d.intern(1, t);
                Integer before = ids.putIfAbsent(t, id);
                if (before != null) assertEquals(before, id, t);
            }
            assertEquals(ids.size(), d.size());
            ids.forEach((t, id) -> assertEquals(t, d.text(id)));
        }
    }

    @Test
    void manyThreadsAgreeOnIds() throws Exception {
        try (SpillSpace s = new SpillSpace(new IndexBudget(1L << 30, 0, tmp)); TextDictionary d = new TextDictionary(s, TextDictionary.STRONG)) {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            List<Future<Map<String, Integer>>> seen = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                seen.add(pool.submit(() -> {
                    Map<String, Integer> m = new HashMap<>();
                    Random r = new Random(seed);
                    for (int i = 0; i < 40_000; i++) {
                        String v = "user" + r.nextInt(5000);
                        m.put(v, d.intern(2, v));
                    }
                    return m;
                }));
            }
            Map<String, Integer> all = new HashMap<>();
            for (Future<Map<String, Integer>> f : seen) {
                f.get().forEach((v, id) -> assertEquals(all.computeIfAbsent(v, k -> id), id, v));
            }
            pool.shutdown();
            Set<Integer> distinct = new HashSet<>(all.values());
            assertEquals(all.size(), distinct.size());
            assertEquals(d.size(), all.size());
        }
    }

    @Test
    void outgrowingHalfTheBudgetIsALimit() {
        try (SpillSpace s = new SpillSpace(new IndexBudget(64 << 10, Long.MAX_VALUE, tmp)); TextDictionary d = new TextDictionary(s, TextDictionary.STRONG)) {
            for (int i = 0; i < 20_000; i++) d.intern(0, "v" + i);
            assertTrue(s.limit().startsWith("the dictionary of "), s.limit());
            assertTrue(s.limit().contains("needs more than half the index's memory budget of 64.0 KiB"), s.limit());
            for (int i = 0; i < 20_000; i += 97) assertEquals("v" + i, d.text(d.find(0, "v" + i)), "still consistent");
        }
    }
}
