package dwell.pivot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dwell.hunt.Level;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentRankTest {
    private static List<String> ranked(IncidentRank... rs) {
        List<IncidentRank> l = new ArrayList<>(List.of(rs));
        l.sort(null);
        return l.stream().map(IncidentRank::id).toList();
    }

    @Test
    void theMostSevereFindingComesFirst() {
        assertEquals(List.of("INC-2", "INC-1"), ranked(new IncidentRank("INC-1", Level.HIGH, 900, 90),
                new IncidentRank("INC-2", Level.CRITICAL, 0, 1)));
    }

    @Test
    void atOneLevelTheLongestDwellComesFirst() {
        assertEquals(List.of("INC-3", "INC-1"), ranked(new IncidentRank("INC-1", Level.HIGH, 4, 90),
                new IncidentRank("INC-3", Level.HIGH, 697, 2)));
    }

    @Test
    void thenTheMostFindings() {
        assertEquals(List.of("INC-9", "INC-1"), ranked(new IncidentRank("INC-1", Level.HIGH, 4, 2),
                new IncidentRank("INC-9", Level.HIGH, 4, 3)));
    }

    @Test
    void tiesGoByTheIdsNumberNotItsText() {
        assertEquals(List.of("INC-2", "INC-10"), ranked(new IncidentRank("INC-10", Level.LOW, 0, 1),
                new IncidentRank("INC-2", Level.LOW, 0, 1)));
    }

    @Test
    void anIncidentWithoutLevelsComesLast() {
        assertEquals(List.of("INC-2", "INC-1"), ranked(new IncidentRank("INC-1", null, 50, 5),
                new IncidentRank("INC-2", Level.INFORMATIONAL, 0, 1)));
    }
}
