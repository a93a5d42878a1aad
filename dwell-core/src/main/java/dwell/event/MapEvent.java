package dwell.event;

import java.time.Instant;
import java.util.Map;

/** An event whose fields live in a map; used by readers whose records have no shared layout. */
public final class MapEvent implements Event {
    private final Instant time;
    private final FormatId format;
    private final LogSource logSource;
    private final Map<String, String> fields;
    private final String raw;
    private final Provenance provenance;
    private final String host;

    public MapEvent(Instant time, FormatId format, LogSource logSource, Map<String, String> fields,
                    String raw, Provenance provenance, String host) {
        this.time = time;
        this.format = format;
        this.logSource = logSource;
        this.fields = fields;
        this.raw = raw;
        this.provenance = provenance;
        this.host = host;
    }

    @Override public Instant time() { return time; }
    @Override public FormatId format() { return format; }
    @Override public LogSource logSource() { return logSource; }
    @Override public String get(String field) { return fields.get(field); }
    @Override public String raw() { return raw; }
    @Override public Provenance provenance() { return provenance; }
    @Override public String host() { return host; }

    @Override
    public void forEachField(FieldVisitor visitor) {
        fields.forEach(visitor::field);
    }

    @Override
    public Map<String, String> fields() {
        return fields;
    }

    @Override
    public String toString() {
        return provenance + " " + time + " " + fields;
    }
}
