package dwell.format.access;

import dwell.event.Event;
import dwell.event.FieldVisitor;
import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.event.Provenance;
import java.time.Instant;
import java.util.Map;

/**
 * One access log line. Its fields carry nginx's names for the combined format ({@code remote_addr},
 * {@code request}, {@code status}...) and also answer to the Sigma webserver taxonomy ({@code c-ip},
 * {@code cs-method}, {@code cs-uri-stem}, {@code cs-uri-query}, {@code sc-status}, {@code cs-user-agent}...).
 */
final class AccessLogEvent implements Event {
    static final String[] NAMES = {"remote_addr", "ident", "remote_user", "time_local", "request", "status",
        "body_bytes_sent", "http_referer", "http_user_agent", "extra"};
    /** Sigma taxonomy name to the index of its value in {@link #values}; indexes past NAMES are derived. */
    static final Map<String, Integer> TAXONOMY = Map.ofEntries(
            Map.entry("c-ip", 0), Map.entry("cs-username", 2), Map.entry("sc-status", 5), Map.entry("sc-bytes", 6),
            Map.entry("cs-referer", 7), Map.entry("cs-user-agent", 8),
            Map.entry("cs-method", 10), Map.entry("cs-uri", 11), Map.entry("cs-uri-stem", 12),
            Map.entry("cs-uri-query", 13), Map.entry("cs-version", 14));
    private static final Map<String, Integer> NATIVE = index();

    private final String item;
    private final String[] values;
    private final String raw;
    private final long line;
    private final Instant time;
    private final LogSource logSource;

    AccessLogEvent(String item, String[] values, String raw, long line, Instant time, LogSource logSource) {
        this.item = item;
        this.values = values;
        this.raw = raw;
        this.line = line;
        this.time = time;
        this.logSource = logSource;
    }

    private static Map<String, Integer> index() {
        Map<String, Integer> m = new java.util.HashMap<>(TAXONOMY);
        for (int i = 0; i < NAMES.length; i++) m.put(NAMES[i], i);
        return Map.copyOf(m);
    }

    @Override public Instant time() { return time; }
    @Override public FormatId format() { return AccessLog.ID; }
    @Override public LogSource logSource() { return logSource; }
    @Override public String raw() { return raw; }
    @Override public Provenance provenance() { return Provenance.line(item, line); }

    @Override
    public String get(String field) {
        Integer i = NATIVE.get(field);
        return i == null ? null : values[i];
    }

    @Override
    public void forEachField(FieldVisitor visitor) {
        for (int i = 0; i < NAMES.length; i++) {
            if (values[i] != null) visitor.field(NAMES[i], values[i]);
        }
    }

    @Override
    public String toString() {
        return item + ":" + line + " " + raw;
    }
}
