package dwell.format.text;

import dwell.event.Event;
import dwell.event.FieldAliases;
import dwell.event.FieldVisitor;
import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.event.Provenance;
import java.time.Instant;
import java.util.Map;

/**
 * A record of a delimited log (CSV with a header): its values by column, plus optional extra fields
 * derived from a value (e.g. the pairs of an ECP log's EventData) and optional field aliases.
 * A record with fewer values than columns lacks the last columns (they are absent, not empty).
 */
public final class RowEvent implements Event {
    private final Columns columns;
    private final String[] values;
    private final Map<String, String> extra;
    private final FieldAliases aliases;
    private final String raw;
    private final long line;
    private final Instant time;
    private final LogSource logSource;
    private final String host;

    public RowEvent(Columns columns, String[] values, Map<String, String> extra, FieldAliases aliases, String raw,
                    long line, Instant time, LogSource logSource, String host) {
        this.columns = columns;
        this.values = values;
        this.extra = extra;
        this.aliases = aliases;
        this.raw = raw;
        this.line = line;
        this.time = time;
        this.logSource = logSource;
        this.host = host;
    }

    @Override public Instant time() { return time; }
    @Override public FormatId format() { return columns.format; }
    @Override public LogSource logSource() { return logSource; }
    @Override public String raw() { return raw; }
    @Override public Provenance provenance() { return Provenance.line(columns.item, line); }
    @Override public String host() { return host; }

    @Override
    public String get(String field) {
        String v = nativeValue(field);
        if (v != null || aliases == null) return v;
        return aliases.resolve(field, this::nativeValue);
    }

    private String nativeValue(String field) {
        int i = columns.indexOf(field);
        if (i >= 0) return i < values.length ? values[i] : null;
        return extra == null ? null : extra.get(field);
    }

    @Override
    public void forEachField(FieldVisitor visitor) {
        for (int i = 0; i < values.length && i < columns.names.length; i++) visitor.field(columns.names[i], values[i]);
        if (extra != null) extra.forEach(visitor::field);
    }

    @Override
    public String toString() {
        return columns.item + ":" + line + " " + raw;
    }
}
