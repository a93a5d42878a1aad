package dwell.format.exchange;

import dwell.event.LogSource;
import dwell.event.LogSources;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.format.EventReader;
import dwell.format.EventSink;
import dwell.format.Format;
import dwell.format.text.LineReader;
import dwell.format.text.Timestamps;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the OAB generator's logs ({@code Logging\OABGeneratorLog\*.log}): free text lines that start with
 * an ISO-8601 time (optionally in brackets), then a separator ({@code ,} space tab {@code ]}) and the
 * message. A line without a leading time continues the message above it (stack traces); {@code #} lines
 * are the log writer's directives. Fields: {@code Time} (as written) and {@code Message}.
 */
public final class OabGeneratorReader implements EventReader {
    private final int maxLine;

    public OabGeneratorReader() {
        this(LineReader.DEFAULT_MAX_LINE);
    }

    public OabGeneratorReader(int maxLine) {
        this.maxLine = maxLine;
    }

    @Override
    public Format format() {
        return Format.EXCHANGE_OAB;
    }

    @Override
    public void read(String itemPath, InputStream in, EventSink sink) throws IOException {
        LogSource source = LogSources.forFormat(Format.EXCHANGE_OAB);
        LineReader lines = LineReader.open(in, maxLine);
        Pending pending = null;
        while (lines.next()) {
            if (lines.tooLong()) {
                sink.unreadable(lines.lineNumber(), lines.tooLongReason());
                continue;
            }
            String t = lines.text();
            if (t.isBlank() || (pending == null && t.startsWith("#"))) continue;
            Leading lead = Leading.of(t);
            if (lead == null) {
                if (pending == null) {
                    sink.unreadable(lines.lineNumber(), "line does not start with a time and follows no message");
                } else if (pending.message.length() + t.length() + 1 > maxLine) {
                    sink.unreadable(lines.lineNumber(), "continuation line makes the message longer than "
                            + maxLine + " characters: not appended");
                } else {
                    pending.message.append('\n').append(t);
                    pending.raw.append('\n').append(t);
                }
                continue;
            }
            if (pending != null) sink.event(pending.event(itemPath, source));
            pending = new Pending(lines.lineNumber(), lead, t);
        }
        if (pending != null) sink.event(pending.event(itemPath, source));
    }

    /** The leading time of a line and where its message starts. */
    record Leading(String text, Instant time, int messageStart) {
        static Leading of(String line) {
            int i = 0;
            boolean bracket = line.startsWith("[");
            if (bracket) i = 1;
            if (line.length() < i + 19 || !Character.isDigit(line.charAt(i))) return null;
            int end = i;
            // the time runs to the first separator; a space after the date is part of it (yyyy-MM-dd HH:mm:ss)
            while (end < line.length()) {
                char c = line.charAt(end);
                if (c == ',' || c == '\t' || c == ']' || (c == ' ' && end != i + 10)) break;
                end++;
            }
            Instant time = Timestamps.iso(line.substring(i, end));
            if (time == null) return null;
            int m = end;
            if (bracket && m < line.length() && line.charAt(m) == ']') m++;
            while (m < line.length() && (line.charAt(m) == ',' || line.charAt(m) == ' ' || line.charAt(m) == '\t')) m++;
            return new Leading(line.substring(i, end), time, m);
        }
    }

    /** An event whose message may still grow by continuation lines. */
    private static final class Pending {
        final long line;
        final Leading lead;
        final StringBuilder message;
        final StringBuilder raw;

        Pending(long line, Leading lead, String text) {
            this.line = line;
            this.lead = lead;
            this.message = new StringBuilder(text.substring(lead.messageStart()));
            this.raw = new StringBuilder(text);
        }

        MapEvent event(String item, LogSource source) {
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("Time", lead.text());
            fields.put("Message", message.toString());
            return new MapEvent(lead.time(), Format.EXCHANGE_OAB, source, fields, raw.toString(),
                    Provenance.line(item, line), null);
        }
    }
}
