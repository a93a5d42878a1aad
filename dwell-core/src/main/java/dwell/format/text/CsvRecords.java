package dwell.format.text;

import dwell.format.EventSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The records of a CSV log: a record may span lines while a quoted value is open (up to the line
 * limit in total). Lines starting with {@code #} outside a record are directives, given whole.
 * Blank lines are skipped. Over-long lines and records are reported to the sink and skipped.
 */
public final class CsvRecords {
    private final LineReader lines;
    private final char delimiter;
    private final EventSink sink;
    private final boolean directives;
    private final List<String> values = new ArrayList<>();
    private String text;
    private long line;
    private boolean directive;
    private String pending;
    private long pendingLine;

    public CsvRecords(LineReader lines, char delimiter, EventSink sink) {
        this(lines, delimiter, sink, true);
    }

    /** With {@code directives} false, lines starting with {@code #} are records like any other. */
    public CsvRecords(LineReader lines, char delimiter, EventSink sink, boolean directives) {
        this.lines = lines;
        this.delimiter = delimiter;
        this.sink = sink;
        this.directives = directives;
    }

    /** Advances to the next directive or record; false at the end of the input. */
    public boolean next() throws IOException {
        while (lines.next()) {
            if (lines.tooLong()) {
                if (pending != null) {
                    sink.unreadable(pendingLine, "record with an unclosed quote runs into an over-long line "
                            + lines.lineNumber() + ": skipped");
                    pending = null;
                }
                sink.unreadable(lines.lineNumber(), lines.tooLongReason());
                continue;
            }
            String t = lines.text();
            if (pending == null) {
                if (t.isEmpty()) continue;
                if (directives && t.charAt(0) == '#') {
                    text = t;
                    line = lines.lineNumber();
                    directive = true;
                    values.clear();
                    return true;
                }
                pendingLine = lines.lineNumber();
            } else {
                if (pending.length() + 1L + t.length() > lines.maxLine()) {
                    sink.unreadable(pendingLine, "record with an unclosed quote exceeds the "
                            + lines.maxLine() + "-byte limit by line " + lines.lineNumber() + ": skipped");
                    pending = null;
                    continue;
                }
                t = pending + "\n" + t;
            }
            if (Csv.split(t, delimiter, values)) {
                pending = null;
                text = t;
                line = pendingLine;
                directive = false;
                return true;
            }
            pending = t;
        }
        if (pending != null) {
            sink.unreadable(pendingLine, "quoted value not closed at the end of the input");
            pending = null;
        }
        return false;
    }

    /** The record's (or directive's) text, lines joined with LF. */
    public String text() {
        return text;
    }

    /** The number of the record's first line. */
    public long line() {
        return line;
    }

    public boolean directive() {
        return directive;
    }

    /** The record's values; reused by the next call to {@link #next()}. */
    public List<String> values() {
        return values;
    }
}
