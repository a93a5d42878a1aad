package dwell.scan;

import dwell.hunt.Finding;
import dwell.inventory.InventoryPart;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What one share of the evidence gave ({@link ShareHunt}): its findings, the items YARA could not scan (path to
 * reason), the problems met, its inventory's counts, its events (all, and inside the time window) and the parts of its
 * mergeable detectors by their position in the scan's detector list; serializable, to travel from where it was hunted.
 */
public record SharePart(List<Finding> findings, Map<String, String> yaraNotScanned, List<String> problems,
                        InventoryPart inventory, long events, long eventsInWindow, Map<Integer, Serializable> parts)
        implements Serializable {
    public SharePart {
        findings = List.copyOf(findings);
        yaraNotScanned = Map.copyOf(yaraNotScanned);
        problems = List.copyOf(problems);
        parts = Map.copyOf(parts);
    }

    /** This part without one detector's part (added up elsewhere). */
    public SharePart withoutPart(int detector) {
        Map<Integer, Serializable> all = new java.util.HashMap<>(parts);
        all.remove(detector);
        return new SharePart(findings, yaraNotScanned, problems, inventory, events, eventsInWindow, all);
    }

    /** This part with one detector's part replaced. */
    public SharePart withPart(int detector, Serializable part) {
        Map<Integer, Serializable> all = new java.util.HashMap<>(parts);
        all.put(detector, part);
        return new SharePart(findings, yaraNotScanned, problems, inventory, events, eventsInWindow, all);
    }
}
