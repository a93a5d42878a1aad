package dwell.scan;

import dwell.hunt.Finding;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * What the item-local detectors found in one share of the evidence ({@link ShareHunt}): their findings, the items
 * YARA could not scan (path to reason) and the detector failures met; serializable, to travel from where it was hunted.
 */
public record SharePart(List<Finding> findings, Map<String, String> yaraNotScanned, List<String> problems) implements Serializable {
    public SharePart {
        findings = List.copyOf(findings);
        yaraNotScanned = Map.copyOf(yaraNotScanned);
        problems = List.copyOf(problems);
    }
}
