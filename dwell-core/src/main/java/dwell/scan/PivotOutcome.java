package dwell.scan;

import dwell.impact.Impact;
import dwell.pivot.Incident;
import dwell.pivot.PivotResult;
import java.util.List;
import java.util.Map;

/**
 * What the pivot stage did: whether it ran, the first pass's time, and when it ran its result (rounds, incidents)
 * with the index's size; a limit met (the index stopped growing: {@code limit}, {@code unindexedEvents}) or the
 * reason it was skipped after all ({@code skipped}); and each incident's impact by the incident's id.
 */
public record PivotOutcome(boolean enabled, long firstPassNanos, PivotResult result, long diskBytes, long memoryBudget,
                           String limit, long unindexedEvents, String skipped, Map<String, Impact> impacts) {
    static PivotOutcome off(long firstPassNanos) {
        return new PivotOutcome(false, firstPassNanos, null, 0, 0, null, 0, null, Map.of());
    }

    /** The impact of an incident (empty when it reached nothing, or the pivot did not run). */
    public Impact impact(String incidentId) {
        return impacts.getOrDefault(incidentId, Impact.NONE);
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
