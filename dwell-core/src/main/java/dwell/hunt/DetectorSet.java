package dwell.hunt;

import java.util.ArrayList;
import java.util.List;

/** The detectors of one hunt, in the order they were added (the one place a scan assembles them). */
final class DetectorSet {
    private final List<Detector> detectors = new ArrayList<>();

    public DetectorSet add(Detector d) {
        detectors.add(d);
        return this;
    }

    public List<Detector> list() {
        return List.copyOf(detectors);
    }

    public boolean isEmpty() {
        return detectors.isEmpty();
    }
}
