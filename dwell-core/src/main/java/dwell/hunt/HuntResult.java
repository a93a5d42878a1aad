package dwell.hunt;

import dwell.inventory.Inventory;
import java.util.ArrayList;
import java.util.List;

/**
 * What a hunt found: the inventory of the evidence read, the findings in their deterministic order with unique
 * ids (made so here: see {@link UniqueFindings}, whose note joins the problems), and the problems detectors met
 * (a detector that failed on an event; the hunt went on).
 */
public record HuntResult(Inventory inventory, List<Finding> findings, long events, long eventsInWindow,
                         List<String> problems) {
    public HuntResult {
        UniqueFindings unique = UniqueFindings.of(findings);
        findings = unique.findings();
        List<String> all = new ArrayList<>(problems);
        if (unique.note() != null) all.add(unique.note());
        problems = List.copyOf(all);
    }
}
