package dwell.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dwell.casefile.Triage;
import dwell.serve.FindingFilter.Facet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FindingFilterTest {
    private static FindingFilter parse(Map<String, List<String>> q) {
        return FindingFilter.parse(q);
    }

    @Test
    void nothingAskedIsTheLatestRunsFirstPage() {
        FindingFilter f = parse(Map.of());
        assertEquals(0, f.offset());
        assertEquals(FindingFilter.DEFAULT_LIMIT, f.limit());
        FindingFilter.Where w = f.where(3, null);
        assertEquals("f.last_run = ?", w.sql());
        assertEquals(List.of(3), w.params());
    }

    @Test
    void valuesOfAFacetAreAlternativesAndFacetsAllApply() {
        FindingFilter f = parse(Map.of("level", List.of("high", "critical"), "host", List.of("EXCH01"), "status", List.of("confirmed")));
        FindingFilter.Where w = f.where(1, null);
        assertEquals("f.last_run = ? AND (f.level = ? OR f.level = ?) AND (coalesce(f.host, '-') = ?) "
                + "AND (f.id IN (SELECT finding_id FROM " + Triage.CURRENT + " WHERE status = ?))", w.sql());
        assertEquals(List.of(1, "high", "critical", "EXCH01", "confirmed"), w.params());
        // a facet's own counts leave out its own choice, so its other values stay visible
        assertEquals("f.last_run = ? AND (f.level = ? OR f.level = ?) AND (coalesce(f.host, '-') = ?)", f.where(1, Facet.STATUS).sql());
        // needing review is having no decision but needs-review
        assertEquals("f.last_run = ? AND (f.id NOT IN (SELECT finding_id FROM " + Triage.CURRENT + " WHERE status <> ?))",
                parse(Map.of("status", List.of("needs-review"))).where(1, null).sql());
    }

    @Test
    void evidenceTextIsAlwaysABoundValue() {
        String hostile = "x' OR 1=1 --";
        FindingFilter f = parse(Map.of("rule", List.of(hostile), "q", List.of(hostile), "incident", List.of(hostile)));
        FindingFilter.Where w = f.where(1, null);
        assertFalse(w.sql().contains(hostile));
        assertTrue(w.params().contains(hostile));
        assertTrue(w.params().contains(hostile.toLowerCase()), "search ignores case");
    }

    @Test
    void techniquesAreMatchedAsWholeTags() {
        FindingFilter f = parse(Map.of("technique", List.of("T1505.003", "attack.t1190")));
        FindingFilter.Where w = f.where(1, null);
        assertEquals(List.of(1, "\"attack.t1505.003\"", "\"attack.t1190\""), w.params());
    }

    @Test
    void timesAreUtcAndADateAsUntilEndsWithItsDay() {
        FindingFilter f = parse(Map.of("since", List.of("2021-03-01"), "until", List.of("2021-03-03")));
        assertEquals(Instant.parse("2021-03-01T00:00:00Z"), f.since());
        assertEquals(Instant.parse("2021-03-03T23:59:59.999999Z"), f.until());
        FindingFilter.Where w = f.where(1, null);
        assertEquals(Timestamp.valueOf("2021-03-01 00:00:00"), w.params().get(1));
        FindingFilter g = parse(Map.of("since", List.of("2021-03-01T08:00:00Z")));
        assertEquals(Instant.parse("2021-03-01T08:00:00Z"), g.since());
        assertNull(g.until());
    }

    @Test
    void meaninglessValuesAreRefusedWithTheReason() {
        for (Map<String, List<String>> bad : List.of(Map.of("limit", List.of("1001")), Map.of("limit", List.of("ten")),
                Map.of("offset", List.of("-1")), Map.of("since", List.of("yesterday")), Map.of("status", List.of("done")),
                Map.of("since", List.of("2021-03-02"), "until", List.of("2021-03-01")), Map.of("q", List.of("a", "b")))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(bad), bad.toString());
            assertTrue(e.getMessage().length() > 8, e.getMessage());
        }
        assertEquals(1000, parse(Map.of("limit", List.of("1000"))).limit());
    }
}
