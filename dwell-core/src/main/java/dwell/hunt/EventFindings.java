package dwell.hunt;

import dwell.event.Event;
import dwell.event.Provenance;
import java.util.List;
import java.util.Map;

/**
 * Builds the finding of a detector that matched an event: the event's time, host, provenance and fields,
 * and the indicators it shows. The item's sha256 is filled in by the engine once the item is hashed.
 */
public final class EventFindings {
    private EventFindings() {
    }

    public static Finding of(String detector, RuleRef rule, Event e, Map<String, Object> details) {
        return of(detector, rule, e, Indicators.from(e), details);
    }

    public static Finding of(String detector, RuleRef rule, Event e, List<Indicator> indicators,
                             Map<String, Object> details) {
        Provenance p = e.provenance();
        EvidenceRef ref = new EvidenceRef(p == null ? null : p.item(), null, e.format() == null ? null : e.format().id(),
                p == null ? 0 : p.line(), p == null ? 0 : p.record());
        return Finding.of(e.time(), detector, rule, e.host(), ref, e.fields(), indicators, details);
    }
}
