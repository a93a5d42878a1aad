package dwell.format.text;

import dwell.event.FormatId;
import dwell.event.LogSource;
import dwell.format.EventSink;
import dwell.format.Series;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;

/**
 * A text log format read one line at a time. The read loop is here: the item's text as UTF-8 lines, an over-long
 * line reported unreadable and skipped; the format parses each other line with what earlier lines decided.
 */
public abstract class LineFormat extends TextFormat {
    protected LineFormat(FormatId id, LogSource logSource, Series series, int maxLine) {
        super(id, logSource, series, maxLine);
    }

    @Override
    public final void read(String itemPath, Instant modified, InputStream in, EventSink sink) throws IOException {
        LineReader lines = LineReader.open(in, maxLine);
        Reading reading = reading(itemPath, modified, sink);
        while (lines.next()) {
            if (lines.tooLong()) {
                sink.unreadable(lines.lineNumber(), lines.tooLongReason());
                continue;
            }
            reading.line(lines);
        }
        reading.end();
    }

    /** The reading of one item, whose events go to {@code sink}. */
    protected abstract Reading reading(String itemPath, Instant modified, EventSink sink);

    /** One item being read: what its lines so far decided (a field layout, a message that may still grow). */
    protected abstract static class Reading {
        /** Parses the current line of {@code lines} (not over-long; maybe blank). */
        protected abstract void line(LineReader lines);

        /** Called after the last line. */
        protected void end() {
        }
    }
}
