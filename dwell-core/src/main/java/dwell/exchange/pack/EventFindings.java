package dwell.exchange.pack;

import dwell.event.Event;
import dwell.hunt.EvidenceRef;
import dwell.hunt.Finding;
import dwell.hunt.Indicator;
import dwell.hunt.RuleRef;
import java.util.List;
import java.util.Map;

/** Builds the pack's findings on an event, with the event's provenance and fields. */
final class EventFindings {
    static final String DETECTOR = "exchange";

    private EventFindings() {
    }

    static Finding of(RuleRef rule, Event event, List<Indicator> indicators, Map<String, Object> details) {
        EvidenceRef where = new EvidenceRef(event.provenance().item(), null, event.format().id(),
                event.provenance().line(), event.provenance().record());
        return Finding.of(event.time(), DETECTOR, rule, event.host(), where, event.fields(), indicators, details);
    }
}
