package dwell.format.w3c;

import dwell.event.Event;
import dwell.event.FieldVisitor;
import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.event.Provenance;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * One W3C log line: its bytes and the offsets of its values; values are decoded only when asked for.
 * A value of {@code -} (W3C's "no value") is returned as is.
 */
final class W3cEvent implements Event {
    private final W3cLayout layout;
    private final byte[] line;
    /** Start of each value; {@code starts[n]} is one past the end of the line plus one. */
    private final int[] starts;
    private final long lineNumber;
    private final long epochSecond;
    private final int nanos;
    private String[] decoded;
    private String raw;

    W3cEvent(W3cLayout layout, byte[] line, int[] starts, long lineNumber, long epochSecond, int nanos) {
        this.layout = layout;
        this.line = line;
        this.starts = starts;
        this.lineNumber = lineNumber;
        this.epochSecond = epochSecond;
        this.nanos = nanos;
    }

    @Override
    public Instant time() {
        return epochSecond == Long.MIN_VALUE ? null : Instant.ofEpochSecond(epochSecond, nanos);
    }

    @Override
    public FormatId format() {
        return IisW3cLog.ID;
    }

    @Override
    public LogSource logSource() {
        return layout.logSource;
    }

    @Override
    public String get(String field) {
        int i = layout.indexOf(field);
        if (i >= 0) return value(i);
        if (layout.uriStem >= 0 && field.equals("cs-uri")) {
            String stem = value(layout.uriStem);
            String query = layout.uriQuery >= 0 ? value(layout.uriQuery) : "-";
            return query.equals("-") ? stem : stem + "?" + query;
        }
        return null;
    }

    private String value(int i) {
        if (decoded == null) decoded = new String[starts.length - 1];
        String v = decoded[i];
        if (v == null) {
            int s = starts[i];
            v = new String(line, s, starts[i + 1] - 1 - s, StandardCharsets.UTF_8);
            decoded[i] = v;
        }
        return v;
    }

    @Override
    public void forEachField(FieldVisitor visitor) {
        for (int i = 0; i < layout.names.length; i++) visitor.field(layout.names[i], value(i));
    }

    @Override
    public String raw() {
        // kept once made: keyword rules ask every event for it, often more than once
        if (raw == null) raw = new String(line, StandardCharsets.UTF_8);
        return raw;
    }

    @Override
    public Provenance provenance() {
        return Provenance.line(layout.item, lineNumber);
    }

    @Override
    public String host() {
        return layout.host < 0 ? null : value(layout.host);
    }

    @Override
    public String toString() {
        return layout.item + ":" + lineNumber + " " + raw();
    }
}
