package dwell.format.json;

import dwell.format.EventSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Cuts a JSON event file into one byte range per top-level object, without parsing it: JSON lines,
 * objects spread over several lines (pretty-printed, concatenated) and the objects of a top-level array
 * all come out the same way, so a malformed object costs only itself. Anything else at the top level is
 * reported up to the end of its line. An object over the size cap is skipped and reported.
 */
final class JsonRecords {
    private final InputStream in;
    private final int maxRecord;
    private final EventSink sink;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private boolean eof;
    private long line = 1;
    private boolean inArray;

    private byte[] record = new byte[1024];
    private int length;
    private long recordLine;
    /** The current object's rank among the objects starting on its line (a one-line array holds many). */
    private int rankOnLine;

    JsonRecords(InputStream in, int maxRecord, EventSink sink) {
        this.in = in;
        this.maxRecord = maxRecord;
        this.sink = sink;
    }

    /** Advances to the next top-level object; false at the end of the input. */
    boolean next() throws IOException {
        while (true) {
            int c = read();
            if (c < 0) return false;
            switch (c) {
                case ' ', '\t', '\r', '\n', ',' -> { }
                case '[' -> {
                    if (inArray) junk(c, "a nested array is not an event");
                    else inArray = true;
                }
                case ']' -> {
                    if (inArray) inArray = false;
                    else junk(c, "']' without an array");
                }
                case '{' -> {
                    if (object()) return true;
                }
                default -> junk(c, "not a JSON object");
            }
        }
    }

    /** Reads one object whose '{' was just read; false when it was skipped (too large or cut short). */
    private boolean object() throws IOException {
        rankOnLine = line == recordLine ? rankOnLine + 1 : 1;
        recordLine = line;
        length = 0;
        boolean tooLarge = false;
        long size = 0;
        int depth = 0;
        boolean inString = false;
        boolean escape = false;
        int c = '{';
        while (true) {
            size++;
            if (!tooLarge) {
                if (length == maxRecord) {
                    tooLarge = true;
                } else {
                    if (length == record.length) record = Arrays.copyOf(record, Math.min(maxRecord, record.length * 2));
                    record[length++] = (byte) c;
                }
            }
            if (inString) {
                if (escape) escape = false;
                else if (c == '\\') escape = true;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) break;
            }
            c = read();
            if (c < 0) {
                sink.unreadable(recordLine, "JSON object not closed at the end of the input");
                return false;
            }
        }
        if (tooLarge) {
            sink.unreadable(recordLine, "JSON object of " + size + " bytes exceeds the " + maxRecord + "-byte limit: skipped");
            return false;
        }
        return true;
    }

    /** Reports text that is not an object, up to the end of its line. */
    private void junk(int first, String reason) throws IOException {
        long at = line;
        StringBuilder shown = new StringBuilder();
        int c = first;
        while (c >= 0 && c != '\n') {
            if (shown.length() < 40) shown.append(c >= 0x20 && c < 0x7f ? (char) c : '?');
            c = read();
        }
        sink.unreadable(at, reason + ": " + shown.toString().strip());
    }

    private int read() throws IOException {
        if (pos == limit) {
            if (eof) return -1;
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                if (n < 0) eof = true;
                return n < 0 ? -1 : read();
            }
            pos = 0;
            limit = n;
        }
        int c = buf[pos++] & 0xff;
        if (c == '\n') line++;
        return c;
    }

    /** The line on which the current object starts. */
    long line() {
        return recordLine;
    }

    /** The current object's rank among the objects starting on its line: 1 for the first. */
    int rankOnLine() {
        return rankOnLine;
    }

    String text() {
        return new String(record, 0, length, StandardCharsets.UTF_8);
    }
}
