package dwell.format.text;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Turns an item's bytes into UTF-8 bytes: strips a UTF-8 BOM and transcodes UTF-16 (with a BOM, or
 * without one when the first characters are ASCII) so that line readers only ever see UTF-8.
 */
public final class TextStreams {
    private TextStreams() {
    }

    /** The item's text as UTF-8 bytes, without any byte order mark. */
    public static InputStream utf8(InputStream in) throws IOException {
        PushbackInputStream p = new PushbackInputStream(in, 4);
        byte[] head = new byte[4];
        int n = p.readNBytes(head, 0, 4);
        int b0 = n > 0 ? head[0] & 0xff : -1;
        int b1 = n > 1 ? head[1] & 0xff : -1;
        if (b0 == 0xff && b1 == 0xfe) {
            p.unread(head, 2, n - 2);
            return new Utf16ToUtf8(p, StandardCharsets.UTF_16LE);
        }
        if (b0 == 0xfe && b1 == 0xff) {
            p.unread(head, 2, n - 2);
            return new Utf16ToUtf8(p, StandardCharsets.UTF_16BE);
        }
        if (n >= 3 && b0 == 0xef && b1 == 0xbb && (head[2] & 0xff) == 0xbf) {
            p.unread(head, 3, n - 3);
            return p;
        }
        p.unread(head, 0, n);
        // UTF-16 without a BOM: ASCII characters leave every other byte zero
        if (n == 4 && head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0) {
            return new Utf16ToUtf8(p, StandardCharsets.UTF_16LE);
        }
        if (n == 4 && head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0) {
            return new Utf16ToUtf8(p, StandardCharsets.UTF_16BE);
        }
        return p;
    }

    /** Decodes UTF-16 and re-encodes it as UTF-8; malformed input becomes U+FFFD. */
    private static final class Utf16ToUtf8 extends InputStream {
        private final InputStreamReader reader;
        private final char[] chars = new char[8192];
        private byte[] bytes = new byte[0];
        private int pos;
        private char pendingHigh;
        private boolean eof;

        Utf16ToUtf8(InputStream in, Charset cs) {
            this.reader = new InputStreamReader(in, cs);
        }

        @Override
        public int read() throws IOException {
            if (!fill()) return -1;
            return bytes[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) return 0;
            if (!fill()) return -1;
            int n = Math.min(len, bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }

        private boolean fill() throws IOException {
            while (pos >= bytes.length) {
                if (eof) return false;
                int off = 0;
                if (pendingHigh != 0) {
                    chars[0] = pendingHigh;
                    pendingHigh = 0;
                    off = 1;
                }
                int n = reader.read(chars, off, chars.length - off);
                if (n < 0) {
                    eof = true;
                    n = 0;
                }
                int end = off + n;
                // keep a high surrogate whose low half is still unread for the next chunk
                if (!eof && end > 0 && Character.isHighSurrogate(chars[end - 1])) {
                    pendingHigh = chars[--end];
                }
                bytes = new String(chars, 0, end).getBytes(StandardCharsets.UTF_8);
                pos = 0;
            }
            return true;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
