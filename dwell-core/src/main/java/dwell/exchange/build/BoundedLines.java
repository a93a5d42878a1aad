package dwell.exchange.build;

import java.io.IOException;
import java.io.Reader;

/** Reads text lines of at most a fixed length; the rest of a longer line is skipped and the line flagged. */
public final class BoundedLines {
    /** One line: its text (cut at the limit) and whether it was longer. */
    public record Line(String text, boolean truncated) {
    }

    private final Reader in;
    private final int max;
    private int pushback = -2;

    public BoundedLines(Reader in, int maxChars) {
        this.in = in;
        this.max = maxChars;
    }

    /** The next line without its terminator (\n, \r\n or \r), or null at the end. */
    public Line next() throws IOException {
        StringBuilder sb = new StringBuilder();
        boolean truncated = false;
        int c = read();
        if (c < 0) return null;
        while (c >= 0 && c != '\n' && c != '\r') {
            if (sb.length() < max) sb.append((char) c); else truncated = true;
            c = read();
        }
        if (c == '\r') {
            int d = read();
            if (d != '\n' && d >= 0) pushback = d;
        }
        return new Line(sb.toString(), truncated);
    }

    private int read() throws IOException {
        if (pushback != -2) {
            int c = pushback;
            pushback = -2;
            return c;
        }
        return in.read();
    }
}
