package dwell.format.evtx;

import dwell.event.Event;
import dwell.event.FieldAliases;
import dwell.event.FieldVisitor;
import dwell.event.LogSource;
import dwell.event.LogSources;
import dwell.event.Provenance;
import dwell.format.Format;
import java.time.Instant;
import java.util.Map;

/**
 * One EVTX record as an event: System fields and EventData/UserData fields by name (see {@link EventFields}),
 * the Sigma logsource of its channel, and its XML, rendered only when asked for.
 */
public final class EvtxEvent implements Event {
    private final String item;
    private final long recordId;
    private final Instant written;
    private final boolean recovered;
    private final XmlElement root;
    private final EventFields fields;
    private LogSource logSource;
    private Map<String, String> respelled;
    private String xml;

    EvtxEvent(String item, long recordId, Instant written, boolean recovered, XmlElement root) {
        this.item = item;
        this.recordId = recordId;
        this.written = written;
        this.recovered = recovered;
        this.root = root;
        this.fields = EventFields.of(root);
    }

    @Override public Instant time() { return fields.timeCreated() != null ? fields.timeCreated() : written; }
    @Override public Format format() { return Format.EVTX; }
    /** The Sigma logsource of the channel, looked up when first asked for (a dump never asks, and spares loading the mapping). */
    @Override
    public LogSource logSource() {
        LogSource l = logSource;
        if (l == null) logSource = l = LogSources.forChannel(fields.channel());
        return l;
    }
    /** A field by name; data names written with spaces also answer respelled ({@code Threat Name} as {@code ThreatName}). */
    @Override
    public String get(String field) {
        String v = fields.map().get(field);
        if (v != null) return v;
        Map<String, String> r = respelled;
        // worked out at the first miss only: a dump never asks, and most events have no such name
        if (r == null) respelled = r = FieldAliases.builtIn().respelled(fields.data(), fields.map());
        return r.get(field);
    }
    @Override public Provenance provenance() { return Provenance.record(item, recordId); }
    @Override public String host() { return fields.computer(); }
    @Override public Map<String, String> fields() { return fields.map(); }

    @Override
    public void forEachField(FieldVisitor visitor) {
        fields.map().forEach(visitor::field);
    }

    /** The record's XML; the raw text keyword rules search. */
    @Override
    public String raw() {
        return xml();
    }

    /** The record's XML as Windows renders it (one line). */
    public String xml() {
        String x = xml;
        if (x == null) xml = x = XmlRenderer.render(root);
        return x;
    }

    public String item() { return item; }

    /** The EventData/UserData (and other non-System sections') name-value pairs alone. */
    public Map<String, String> dataFields() { return fields.data(); }

    /** The expanded element tree, for this package's renderers and tests. */
    XmlElement root() { return root; }
    /** The record identifier from the record header. */
    public long recordId() { return recordId; }
    /** When the record was written (record header), distinct from TimeCreated. */
    public Instant written() { return written; }
    /** True for records carved from chunk slack space or from chunks whose header is unusable. */
    public boolean recovered() { return recovered; }
    /** The System EventID (qualifiers removed), or null. */
    public String eventId() { return fields.eventId(); }
    public String channel() { return fields.channel(); }
    public String provider() { return fields.provider(); }
    public String computer() { return fields.computer(); }
    public String level() { return fields.level(); }

    @Override
    public String toString() {
        return item + "#" + recordId + " " + fields.map();
    }
}
