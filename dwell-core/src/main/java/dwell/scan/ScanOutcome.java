package dwell.scan;

import dwell.hunt.DetectorReport;
import dwell.hunt.Finding;
import dwell.hunt.HuntResult;
import java.util.List;

/**
 * A scan's outcome: the hunt's result (inventory, every finding kept, pivot findings included, in output order;
 * event counts; problems met), what the detectors reported (rules, rejections, summary sections), and the pivot's
 * rounds and incidents.
 */
public record ScanOutcome(HuntResult hunt, DetectorReport report, PivotOutcome pivot) {
    public List<Finding> findings() {
        return hunt.findings();
    }
}
