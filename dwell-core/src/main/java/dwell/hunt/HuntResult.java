package dwell.hunt;

import dwell.inventory.Inventory;
import java.util.List;

/**
 * What a hunt found: the inventory of the evidence read, the findings in their deterministic order, and the
 * problems detectors met (a detector that failed on an event; the hunt went on).
 */
public record HuntResult(Inventory inventory, List<Finding> findings, long events, long eventsInWindow,
                         List<String> problems) {
    public HuntResult {
        findings = List.copyOf(findings);
        problems = List.copyOf(problems);
    }
}
