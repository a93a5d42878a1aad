package dwell.hunt;

import dwell.inventory.Inventory;
import java.util.List;

/** What a hunt found: the inventory of the evidence read, and the findings in their deterministic order. */
public record HuntResult(Inventory inventory, List<Finding> findings, long events, long eventsInWindow) {
    public HuntResult {
        findings = List.copyOf(findings);
    }
}
