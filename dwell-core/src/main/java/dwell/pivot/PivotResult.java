package dwell.pivot;

import dwell.hunt.Finding;
import java.util.List;

/**
 * The pivot's outcome: every finding with its host resolved and the pivot's findings added (in the order given),
 * the rounds, the incidents, and the findings of level medium or higher that belong to no incident.
 */
public record PivotResult(List<Finding> findings, List<Finding> pivotFindings, List<Round> rounds,
                          List<Incident> incidents, List<String> unattributed,
                          long indexBytes, int indexedEvents, int distinctValues) {
}
