package dwell.scan;

import dwell.pivot.Incident;
import dwell.pivot.PivotResult;
import java.util.List;

/**
 * What the pivot stage did: whether it ran, the first pass's time, and when it ran its result (rounds, incidents)
 * with the index's size; a limit met (the index stopped growing: {@code limit}, {@code unindexedEvents}) or the
 * reason it was skipped after all ({@code skipped}).
 */
public record PivotOutcome(boolean enabled, long firstPassNanos, PivotResult result, long diskBytes, long memoryBudget,
                           String limit, long unindexedEvents, String skipped) {
    static PivotOutcome off(long firstPassNanos) {
        return new PivotOutcome(false, firstPassNanos, null, 0, 0, null, 0, null);
    }

    /** complete, limited or skipped (or off). */
    public String status() {
        if (!enabled) return "off";
        return skipped != null ? "skipped" : limit != null ? "limited" : "complete";
    }

    public List<Incident> incidents() {
        return result == null ? List.of() : result.incidents();
    }

    public List<String> unattributed() {
        return result == null ? List.of() : result.unattributed();
    }
}
