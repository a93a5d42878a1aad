package dwell.format.json;

import dwell.event.Event;
import dwell.event.FieldAliases;
import dwell.event.FieldVisitor;
import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.event.Provenance;
import java.time.Instant;
import java.util.Map;

/**
 * One exported event: its fields flattened to dotted names ({@code winlog.event_data.Image}), which also
 * answer to their short names ({@code Image}), names written with spaces also respelled ({@code ThreatName}), and
 * to the aliases of {@link FieldAliases}.
 */
final class JsonEvent implements Event {
    private final Map<String, String> fields;
    private final Map<String, String> shortNames;
    private final FieldAliases aliases;
    private final String raw;
    private final Provenance provenance;
    private Instant time;
    private LogSource logSource;
    private String host;

    JsonEvent(Map<String, String> fields, Map<String, String> shortNames, FieldAliases aliases, String raw,
              Provenance provenance) {
        this.fields = fields;
        this.shortNames = shortNames;
        this.aliases = aliases;
        this.raw = raw;
        this.provenance = provenance;
    }

    void resolve(Instant time, LogSource logSource, String host) {
        this.time = time;
        this.logSource = logSource;
        this.host = host;
    }

    @Override public Instant time() { return time; }
    @Override public FormatId format() { return JsonLog.ID; }
    @Override public LogSource logSource() { return logSource; }
    @Override public String raw() { return raw; }
    @Override public Provenance provenance() { return provenance; }
    @Override public String host() { return host; }

    @Override
    public String get(String field) {
        String v = direct(field);
        return v != null ? v : aliases.resolve(field, this::direct);
    }

    private String direct(String field) {
        String v = fields.get(field);
        return v != null ? v : shortNames.get(field);
    }

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
        return provenance + " " + fields;
    }
}
