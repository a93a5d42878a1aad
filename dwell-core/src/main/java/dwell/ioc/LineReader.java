package dwell.ioc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads a feed line by line with a bound on line length, so a huge or binary feed never makes one huge string:
 * an over-long line is skipped to its end and reported as such. CR LF and LF both end lines; a UTF-8 byte order
 * mark is dropped; invalid UTF-8 becomes U+FFFD.
 */
final class LineReader {
    /** Longest line read, in bytes. */
    static final int MAX_LINE = 64 * 1024;

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int end;
    private final byte[] line = new byte[MAX_LINE];
    private long number;
    private boolean tooLong;
    private boolean eof;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end. {@link #tooLong()} tells whether it was cut (and must be rejected). */
    String next() throws IOException {
        if (eof) return null;
        int len = 0;
        tooLong = false;
        boolean any = false;
        while (true) {
            if (pos == end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    eof = true;
                    if (!any) return null;
                    break;
                }
            }
            any = true;
            byte b = buf[pos++];
            if (b == '\n') break;
            if (len < MAX_LINE) line[len++] = b;
            else tooLong = true;
        }
        number++;
        if (len > 0 && line[len - 1] == '\r') len--;
        int start = 0;
        if (number == 1 && len >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF) start = 3;
        return new String(line, start, len - start, StandardCharsets.UTF_8);
    }

    /** The 1-based number of the line last returned. */
    long number() {
        return number;
    }

    boolean tooLong() {
        return tooLong;
    }
}
