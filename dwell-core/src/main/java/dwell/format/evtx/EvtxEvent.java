package dwell.format.evtx;

import dwell.event.Event;
import dwell.event.FieldAliases;
import dwell.event.FieldVisitor;
import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.event.LogSources;
import dwell.event.Provenance;
import dwell.text.Utf8Buffer;
import java.time.Instant;
import java.util.Map;

/**
 * One EVTX record as an event: System fields and EventData/UserData fields by name (see {@link EventFields}),
 * the Sigma logsource of its channel, and its XML, rendered only when asked for. Its record id is the rendered
 * {@code System/EventRecordID}, what Event Viewer shows; the record header's number differs in exported logs
 * (wevtutil renumbers headers) and serves only when a damaged record has no EventRecordID.
 */
public final class EvtxEvent implements Event {
    private final String item;
    private final long chunkRecordId;
    private final Instant written;
    private final boolean recovered;
    /** The record's parsed Binary XML, which its fields are read from. */
    private final BinXmlNode[] fragment;
    /** The expanded element tree, built when first asked for by this package's tests: the XML is written without it. */
    private XmlElement root;
    /** Worked out when first asked for: an XML dump never asks. Racing threads would build equal values. */
    private EventFields fields;
    /**
     * The fields' table, also held here: Sigma's walk and lookups of an event out of cache then wait for one load
     * fewer before its values than through {@link #fields}.
     */
    private FieldTable table;
    private LogSource logSource;
    private Map<String, String> respelled;
    private String xml;
    /** What {@link #recordId} gives, once asked: an XML dump asks for it alone (slack copies), without the fields. */
    private Long recordId;
    /** Set by the stream when the record is delivered, in file order (records are parsed out of order). */
    private long position;

    /** An event of a fragment that {@link Expander#check} accepted. */
    EvtxEvent(String item, long chunkRecordId, Instant written, boolean recovered, BinXmlNode[] fragment) {
        this.item = item;
        this.chunkRecordId = chunkRecordId;
        this.written = written;
        this.recovered = recovered;
        this.fragment = fragment;
    }

    private EventFields parsed() {
        EventFields f = fields;
        if (f == null) fields = f = EventFields.of(fragment);
        return f;
    }

    private FieldTable table() {
        FieldTable t = table;
        if (t == null) table = t = parsed().map();
        return t;
    }

    @Override public Instant time() { return parsed().timeCreated() != null ? parsed().timeCreated() : written; }
    @Override public FormatId format() { return EvtxLog.ID; }
    /** The Sigma logsource of the channel, looked up when first asked for (a dump never asks, and spares loading the mapping). */
    @Override
    public LogSource logSource() {
        LogSource l = logSource;
        if (l == null) logSource = l = LogSources.forChannel(parsed().channel());
        return l;
    }
    /** A field by name; data names written with spaces also answer respelled ({@code Threat Name} as {@code ThreatName}). */
    @Override
    public String get(String field) {
        String v = table().get(field);
        if (v != null) return v;
        Map<String, String> r = respelled;
        // worked out at the first miss only: a dump never asks, and most events have no such name
        if (r == null) respelled = r = FieldAliases.builtIn().respelled(parsed().data(), parsed().map());
        return r.isEmpty() ? null : r.get(field);
    }
    /**
     * The item, the record's position in the file as its line (1-based, counting every record read, slack copies
     * too, so the same whatever is left out: the line of {@code evtx dump --recovered all}) and its record id. The
     * position keeps apart records sharing an EventRecordID, such as an older record carved from slack space.
     */
    @Override public Provenance provenance() { return new Provenance(item, position, recordId()); }
    @Override public String host() { return parsed().computer(); }
    @Override public Map<String, String> fields() { return table(); }

    @Override
    public void forEachField(FieldVisitor visitor) {
        FieldTable t = table();
        // by index: C1, the dump's only compiler, makes a bound method reference through a native call
        for (int i = 0; i < t.size(); i++) visitor.field(t.nameAt(i), t.valueAt(i));
    }

    /**
     * Appends the fields as {@code encoder}'s members, in {@link #forEachField}'s order: a name's encoding is kept
     * with the names the events of a layout share, so a dump encodes each name once, not once per record.
     */
    public void writeFields(Utf8Buffer out, FieldEncoder encoder) {
        FieldTable t = table();
        byte[][] names = t.encodedNames(encoder);
        for (int i = 0; i < names.length; i++) {
            out.bytes(names[i], i == 0 ? 1 : 0, names[i].length);
            encoder.value(out, t.valueAt(i));
        }
    }

    @Override
    public int copyValues(String[] into) {
        return table().copyValues(into);
    }

    /** The record's XML; the raw text keyword rules search. */
    @Override
    public String raw() {
        return xml();
    }

    /** Appends the record's XML (what {@link #xml} returns) as UTF-8, by a renderer that keeps its chunk's names. */
    public void writeXml(Utf8Buffer out, XmlRenderer renderer) {
        String x = xml;
        if (x != null) out.append(x);
        else renderer.write(fragment, out);
    }

    /** The record's XML as Windows renders it (one line). */
    public String xml() {
        String x = xml;
        if (x == null) xml = x = XmlRenderer.render(fragment);
        return x;
    }

    public String item() { return item; }

    /** The EventData/UserData (and other non-System sections') name-value pairs alone. */
    public Map<String, String> dataFields() { return parsed().data(); }

    /** The record's parsed Binary XML, for this package's tests. */
    BinXmlNode[] fragment() {
        return fragment;
    }

    /** The expanded element tree, for this package's tests (the reference the XML and the fields are compared with). */
    XmlElement root() {
        XmlElement r = root;
        if (r == null) root = r = new Expander().expand(fragment);
        return r;
    }
    /** The rendered EventRecordID; the record header's number when the record has none (damaged). */
    public long recordId() {
        Long id = recordId;
        if (id == null) {
            EventFields f = fields;
            Long rendered = f != null ? f.recordId() : EventFields.recordId(fragment);
            recordId = id = rendered != null ? rendered : chunkRecordId;
        }
        return id;
    }
    /** Whether {@link #recordId} was worked out, for this package's tests: what judging slack copies walks. */
    boolean recordIdRead() {
        return recordId != null;
    }
    /** The record number in the record's header, which exported logs renumber. */
    public long chunkRecordId() { return chunkRecordId; }
    /** The record's 1-based position among the records read from its file, 0 until the stream delivers it. */
    public long position() { return position; }
    void position(long position) { this.position = position; }
    /** When the record was written (record header), distinct from TimeCreated. */
    public Instant written() { return written; }
    /** True for records carved from chunk slack space or from chunks whose header is unusable. */
    public boolean recovered() { return recovered; }
    /** The System EventID (qualifiers removed), or null. */
    public String eventId() { return parsed().eventId(); }
    public String channel() { return parsed().channel(); }
    public String provider() { return parsed().provider(); }
    public String computer() { return parsed().computer(); }
    public String level() { return parsed().level(); }

    @Override
    public String toString() {
        return item + "#" + recordId() + " " + parsed().map();
    }
}
