package dwell.pivot;

import dwell.hunt.Finding;
import java.util.List;

/** The pivot's outcome: the findings it added, its rounds, and the incidents all findings fall into. */
public record PivotResult(List<Finding> pivotFindings, List<Round> rounds, List<Incident> incidents,
                          long indexBytes, int indexedEvents, int distinctValues) {
}
