package dwell.format.text;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Splits UTF-8 bytes into lines without decoding them: LF or CRLF endings (mixed is fine), one reused
 * buffer, and a cap on line length so that one huge line cannot exhaust memory. A line over the cap is
 * skipped to its end and reported through {@link #tooLong()}.
 */
public final class LineReader {
    /** Default cap on one line (and on one JSON object or CSV record): 1 MiB, or system property {@code dwell.maxLineBytes}. */
    public static final int DEFAULT_MAX_LINE = Math.max(1024, Integer.getInteger("dwell.maxLineBytes", 1 << 20));

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final InputStream in;
    private final int maxLine;
    private byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;

    private int start;
    private int end;
    private long number;
    private boolean tooLong;
    private long length;

    public LineReader(InputStream in, int maxLine) {
        this.in = in;
        this.maxLine = Math.max(16, maxLine);
        this.buf = new byte[Math.min(1 << 16, this.maxLine + 2)];
    }

    /** A reader of the item's text: BOMs stripped, UTF-16 transcoded, lines capped at {@code maxLine} bytes. */
    public static LineReader open(InputStream in, int maxLine) throws IOException {
        return new LineReader(TextStreams.utf8(in), maxLine);
    }

    public static LineReader open(InputStream in) throws IOException {
        return open(in, DEFAULT_MAX_LINE);
    }

    /** Advances to the next line; false at the end of the input. */
    public boolean next() throws IOException {
        tooLong = false;
        int scan = pos;
        while (true) {
            int nl = indexOfNewline(buf, scan, limit);
            if (nl >= 0) {
                setLine(pos, nl);
                pos = nl + 1;
                return true;
            }
            if (eof) {
                if (pos < limit) {
                    setLine(pos, limit);
                    pos = limit;
                    return true;
                }
                return false;
            }
            scan = limit;
            if (limit - pos > maxLine) {
                skipLongLine();
                return true;
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                scan -= pos;
                limit -= pos;
                pos = 0;
            }
            if (limit == buf.length) {
                byte[] bigger = new byte[(int) Math.min((long) maxLine + 2, (long) buf.length * 2)];
                System.arraycopy(buf, 0, bigger, 0, limit);
                buf = bigger;
            }
            int n = in.read(buf, limit, buf.length - limit);
            if (n < 0) eof = true;
            else limit += n;
        }
    }

    private void setLine(int from, int nl) {
        number++;
        int e = nl;
        if (e > from && buf[e - 1] == '\r') e--;
        length = e - from;
        if (length > maxLine) {
            tooLong = true;
            e = from;
        }
        start = from;
        end = e;
    }

    /** Drops the bytes of an over-long line up to and including its newline. */
    private void skipLongLine() throws IOException {
        number++;
        tooLong = true;
        long seen = limit - pos;
        pos = 0;
        limit = 0;
        while (true) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                eof = true;
                break;
            }
            int nl = indexOfNewline(buf, 0, n);
            if (nl >= 0) {
                seen += nl;
                pos = nl + 1;
                limit = n;
                break;
            }
            seen += n;
        }
        start = 0;
        end = 0;
        length = seen;
    }

    /** Finds LF eight bytes at a time (a SWAR zero-byte test on the word XOR 0x0A..). */
    static int indexOfNewline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ 0x0A0A0A0A0A0A0A0AL;
            long t = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            // little-endian: the lowest flagged byte is the first LF (false flags only sit above a real one)
            if (t != 0) return i + (Long.numberOfTrailingZeros(t) >>> 3);
        }
        for (; i < to; i++) {
            if (b[i] == '\n') return i;
        }
        return -1;
    }

    /** The buffer holding the current line; valid until the next call to {@link #next()}. */
    public byte[] buffer() {
        return buf;
    }

    public int start() {
        return start;
    }

    /** End of the current line, exclusive, without its CR/LF. */
    public int end() {
        return end;
    }

    /** 1-based number of the current line. */
    public long lineNumber() {
        return number;
    }

    /** True when the current line was longer than the cap and was skipped; its bytes are not available. */
    public boolean tooLong() {
        return tooLong;
    }

    /** The length of the current line in bytes (also for a skipped over-long one). */
    public long length() {
        return length;
    }

    public int maxLine() {
        return maxLine;
    }

    /** The reason to report for an over-long line. */
    public String tooLongReason() {
        return "line of " + length + " bytes exceeds the " + maxLine + "-byte line limit: skipped";
    }

    /** The current line decoded as UTF-8 (malformed bytes become U+FFFD). */
    public String text() {
        return new String(buf, start, end - start, java.nio.charset.StandardCharsets.UTF_8);
    }
}
