package dwell.traffic;

import dwell.event.Event;
import dwell.event.FieldRole;
import dwell.event.FieldRoles;
import dwell.event.Provenance;
import dwell.hunt.EvidenceRef;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;

/** An event kept as a finding's evidence: its time, position, host and fields. */
record Sighting(Instant time, String item, long line, long record, String format, String host,
                Map<String, String> fields) {
    static final Comparator<Sighting> ORDER = Comparator.comparing(Sighting::time).thenComparing(Sighting::item)
            .thenComparingLong(Sighting::line).thenComparingLong(Sighting::record);

    static Sighting of(Event e) {
        Provenance p = e.provenance();
        return new Sighting(e.time(), p.item(), p.line(), p.record(), e.format().id(), e.host(), e.fields());
    }

    /** True when an event at this time and position comes before this one. */
    boolean after(Event e) {
        int c = e.time().compareTo(time);
        if (c != 0) return c < 0;
        c = e.provenance().item().compareTo(item);
        if (c != 0) return c < 0;
        return e.provenance().line() != line ? e.provenance().line() < line : e.provenance().record() < record;
    }

    /** The earlier of a kept sighting (or none) and an event. */
    static Sighting earliest(Sighting kept, Event e) {
        return kept == null || kept.after(e) ? of(e) : kept;
    }

    /**
     * This sighting without the accounts it names: an episode's first event names one of many accounts it targeted,
     * a victim, whom the pivot must not follow as if it were the actor.
     */
    Sighting withoutAccounts() {
        Map<String, String> kept = new LinkedHashMap<>();
        fields.forEach((k, v) -> {
            FieldRole role = FieldRoles.builtin().roleOf(k);
            if (role != FieldRole.ACCOUNT && role != FieldRole.EMAIL) kept.put(k, v);
        });
        return new Sighting(time, item, line, record, format, host, kept);
    }

    EvidenceRef evidence() {
        return new EvidenceRef(item, null, format, line, record);
    }
}
