package dwell.pivot;

import dwell.hunt.Level;
import java.util.Comparator;

/**
 * Where an incident stands when a reader has room for only the top few: the most severe finding first, then the
 * longest dwell (the older, quieter intrusion is the worse news), then the most findings, then the id.
 */
public record IncidentRank(String id, Level top, long dwellDays, long findings) implements Comparable<IncidentRank> {
    private static final Comparator<IncidentRank> ORDER = Comparator
            .comparing((IncidentRank r) -> r.top == null ? -1 : r.top.ordinal(), Comparator.reverseOrder())
            .thenComparing(IncidentRank::dwellDays, Comparator.reverseOrder())
            .thenComparing(IncidentRank::findings, Comparator.reverseOrder())
            // INC-2 before INC-10: ids number incidents by their first trace
            .thenComparingInt((IncidentRank r) -> r.id.length())
            .thenComparing(IncidentRank::id);

    @Override
    public int compareTo(IncidentRank o) {
        return ORDER.compare(this, o);
    }
}
