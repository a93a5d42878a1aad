package dwell.format.exchange;

import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.event.MapEvent;
import dwell.event.Provenance;
import dwell.format.Clue;
import dwell.format.EventSink;
import dwell.format.Head;
import dwell.format.Series;
import dwell.format.text.LineFormat;
import dwell.format.text.LineReader;
import dwell.format.text.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The OAB generator's logs ({@code Logging\OABGeneratorLog\*.log}, a file a day): free text lines that start with
 * an ISO-8601 time (optionally in brackets), then a separator ({@code ,} space tab {@code ]}) and the
 * message. A line without a leading time continues the message above it (stack traces); {@code #} lines
 * are the log writer's directives. Fields: {@code Time} (as written) and {@code Message}. Recognised by an
 * {@code OAB} log type, or by a leading time in a file whose folder or words name the OAB generator.
 */
public final class OabGeneratorLog extends LineFormat {
    public static final FormatId ID = FormatId.of("exchange-oab");

    private static final Pattern LEADING_TIME = Pattern.compile("^\\[?\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}");

    public OabGeneratorLog() {
        this(LineReader.DEFAULT_MAX_LINE);
    }

    public OabGeneratorLog(int maxLine) {
        super(ID, new LogSource("exchange", null, "oabgenerator"), Series.DAILY, maxLine);
    }

    @Override
    protected Clue sniffText(Head head) {
        if (ExchangeCsvLog.logTypeSays(head, "oab")) return Clue.LOG_TYPE;
        // a leading time alone also fits rsyslog's "time host tag:" layout: an OAB generator log is what its
        // folder and words say it is, and sniffing asks this format before syslog
        String text = head.text();
        boolean named = head.name().contains("oabgenerator") || text.contains("OABGenerator") || text.contains("Offline Address Book");
        return named && LEADING_TIME.matcher(head.firstData()).find() ? Clue.CONTENT : null;
    }

    @Override
    protected Reading reading(String itemPath, Instant modified, EventSink sink) {
        return new Reading() {
            private Pending pending;

            @Override
            protected void line(LineReader lines) {
                String t = lines.text();
                if (t.isBlank() || (pending == null && t.startsWith("#"))) return;
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
                    return;
                }
                if (pending != null) sink.event(pending.event(itemPath, logSource()));
                pending = new Pending(lines.lineNumber(), lead, t);
            }

            @Override
            protected void end() {
                if (pending != null) sink.event(pending.event(itemPath, logSource()));
            }
        };
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
            return new MapEvent(lead.time(), ID, source, fields, raw.toString(),
                    Provenance.line(item, line), null);
        }
    }
}
