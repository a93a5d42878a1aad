package dwell.hunt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.inventory.InventoryBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** One finding per id, so that every writer and the case file count the same findings. */
class UniqueFindingsTest {
    private static final RuleRef RULE = new RuleRef("r1", "Evil command line", Level.HIGH, List.of("attack.t1059"));

    private static Finding at(String path, long line, long record, String commandLine) {
        return Finding.of(Instant.parse("2021-03-03T07:00:00Z"), "sigma", RULE, "EXCH01",
                new EvidenceRef(path, "ab".repeat(32), "json", line, record), Map.of("CommandLine", commandLine), List.of(), Map.of());
    }

    private static List<Finding> ordered(Finding... fs) {
        List<Finding> l = new ArrayList<>(List.of(fs));
        l.sort(HuntEngine.ORDER);
        return l;
    }

    @Test
    void findingsWithDistinctIdsAreKeptAsTheyAre() {
        List<Finding> in = ordered(at("a.json", 1, 0, "x"), at("a.json", 2, 0, "y"), at("b.json", 1, 0, "x"));
        UniqueFindings u = UniqueFindings.of(in);
        assertEquals(in, u.findings());
        assertNull(u.note());
    }

    @Test
    void aRecordReadTwiceIsOneFinding() {
        Finding live = at("s.evtx", 0, 37, "cmd /c whoami");
        Finding slackCopy = at("s.evtx", 0, 37, "cmd /c whoami");
        UniqueFindings u = UniqueFindings.of(ordered(live, slackCopy, at("s.evtx", 0, 38, "net user")));
        assertEquals(2, u.findings().size());
        assertEquals(1, u.merged());
        assertEquals(0, u.renamed());
        assertTrue(u.note().startsWith("1 finding(s) repeated another in every part"), u.note());
    }

    @Test
    void distinctFindingsSharingAnIdKeepApartUnderIdsOfTheirOwn() {
        // two objects of a one-line JSON array read at the same position before their rank told them apart
        Finding first = at("a.json", 1, 0, "evil 1");
        Finding second = at("a.json", 1, 0, "evil 2");
        Finding third = at("a.json", 1, 0, "evil 3");
        assertEquals(first.id(), second.id());
        UniqueFindings u = UniqueFindings.of(ordered(third, first, second, first));
        assertEquals(3, u.findings().size());
        assertEquals(1, u.merged());
        assertEquals(2, u.renamed());
        Set<String> ids = new HashSet<>();
        for (Finding f : u.findings()) assertTrue(ids.add(f.id()), "ids are unique: " + f.id());
        Finding kept = u.findings().stream().filter(f -> f.event().get("CommandLine").equals("evil 1")).findFirst().orElseThrow();
        assertEquals(first.id(), kept.id(), "the first in order keeps the shared id");
        for (Finding f : u.findings()) {
            if (f != kept) assertNotEquals(first.id(), f.id());
            assertEquals(16, f.id().length());
        }
        List<Finding> resorted = new ArrayList<>(u.findings());
        resorted.sort(HuntEngine.ORDER);
        assertEquals(resorted, u.findings(), "still in the findings order");
        // the same input in another order (another thread count) gives the same ids
        assertEquals(u.findings(), UniqueFindings.of(ordered(second, first, third, first)).findings());
    }

    @Test
    void everyHuntResultHasUniqueIdsAndSaysWhatItMerged() {
        Finding f = at("s.evtx", 0, 37, "cmd");
        HuntResult r = new HuntResult(new InventoryBuilder().build(), List.of(f, f), 2, 2, List.of("detector x failed"));
        assertEquals(List.of(f), r.findings());
        assertEquals(2, r.problems().size());
        assertEquals("detector x failed", r.problems().get(0));
        assertTrue(r.problems().get(1).contains("merged"), r.problems().toString());
    }
}
