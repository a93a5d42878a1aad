package dwell.pivot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecallAheadTest {
    /** The evidence: three events that can be read back; "gone" names one that cannot. */
    private static final Map<String, Map<String, String>> EVIDENCE = Map.of(
            "a", Map.of("c-ip", "203.0.113.7"), "b", Map.of("c-ip", "198.51.100.4"), "c", Map.of("cs-method", "POST"));

    /** Reads {@link #EVIDENCE}, noting each read's thread and keys; fails its first {@code failures} reads. */
    private static final class Reads implements Pivot.EventLookup {
        final List<String> log = Collections.synchronizedList(new ArrayList<>());
        int failures;

        @Override
        public Map<String, Map<String, String>> fields(Set<String> keys) {
            log.add(Thread.currentThread().getName() + " " + new java.util.TreeSet<>(keys));
            if (failures > 0) {
                failures--;
                throw new java.io.UncheckedIOException(new java.io.IOException("disk gone"));
            }
            Map<String, Map<String, String>> out = new HashMap<>();
            for (String k : keys) if (EVIDENCE.containsKey(k)) out.put(k, EVIDENCE.get(k));
            return out;
        }
    }

    @Test
    void keysToldAheadAreReadOnItsThreadOnceAndAnsweredAsTheLookupAnswers() {
        Reads reads = new Reads();
        RecallAhead recall = new RecallAhead(reads);
        recall.ahead(Set.of("a", "gone"));
        recall.ahead(Set.of("a", "b"));
        Map<String, Map<String, String>> got = recall.fields(Set.of("a", "b", "c", "gone"));
        assertEquals(Map.of("a", EVIDENCE.get("a"), "b", EVIDENCE.get("b"), "c", EVIDENCE.get("c")), got);
        String main = Thread.currentThread().getName();
        assertEquals(List.of("dwell-recall-ahead [a, gone]", "dwell-recall-ahead [b]", main + " [c]"), reads.log);
    }

    @Test
    void keysNeverToldAreReadAsAsked() {
        Reads reads = new Reads();
        RecallAhead recall = new RecallAhead(reads);
        recall.ahead(Set.of("a"));
        assertEquals(Map.of("b", EVIDENCE.get("b")), recall.fields(Set.of("b")));
        assertEquals(Map.of("a", EVIDENCE.get("a")), recall.fields(Set.of("a")));
        assertEquals(List.of("dwell-recall-ahead [a]", Thread.currentThread().getName() + " [b]"),
                reads.log.stream().sorted().toList());
    }

    @Test
    void aLaterRoundsHitInAnItemReadAheadWaitsForTheReadAfterTheRounds() {
        String first = Pivot.key("u_ex210303.log", 7, 0);
        String later = Pivot.key("u_ex210303.log", 9, 0);
        String elsewhere = Pivot.key("u_ex210304.log", 1, 0);
        Reads reads = new Reads();
        RecallAhead recall = new RecallAhead(reads);
        recall.ahead(Set.of(first));
        recall.ahead(Set.of(later, elsewhere));
        recall.fields(Set.of(first, later, elsewhere));
        String main = Thread.currentThread().getName();
        assertEquals(List.of("dwell-recall-ahead " + Set.of(first), "dwell-recall-ahead " + Set.of(elsewhere),
                main + " " + Set.of(later)), reads.log);
    }

    @Test
    void aReadAheadThatFailedIsReadAgainWhenAskedFor() {
        Reads reads = new Reads();
        reads.failures = 1;
        RecallAhead recall = new RecallAhead(reads);
        recall.ahead(Set.of("a"));
        recall.ahead(Set.of("b"));
        assertEquals(Map.of("a", EVIDENCE.get("a"), "b", EVIDENCE.get("b")), recall.fields(Set.of("a", "b")));
        assertEquals(List.of("dwell-recall-ahead [a]", Thread.currentThread().getName() + " [a, b]"), reads.log);
    }
}
