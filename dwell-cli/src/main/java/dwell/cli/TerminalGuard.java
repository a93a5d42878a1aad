package dwell.cli;

import dwell.text.SafeText;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Standard output and error as a terminal receives them: a hidden character ({@link SafeText#isHidden}) that
 * something prints raw - an ESC or CR from an evidence string, a C1 control, a bidi override - is written as its
 * visible escape ({@code \x1b}, <code>&#92;u202e</code>); line feeds, tabs and CR LF line ends pass, as does everything
 * else. It works on the encoded bytes, so it guards whatever prints: tables, messages, picocli's help and errors.
 * Output that is correct already (dwell's JSON escapes all of these) passes unchanged.
 */
final class TerminalGuard extends OutputStream {
    private final OutputStream out;
    /** UTF-8 output is decoded to find hidden characters beyond ASCII. */
    private final boolean utf8;
    /** For a one-byte charset, the bytes beyond ASCII that decode to hidden characters (C1 in ISO-8859-1). */
    private final boolean[] hiddenByte = new boolean[256];
    private final byte[] buf = new byte[1 << 13];
    private int n;
    /** The bytes of a UTF-8 sequence still missing {@code need} continuation bytes. */
    private final byte[] seq = new byte[4];
    private int seqLen;
    private int need;
    /** A CR waits for the next byte: before LF it is a line end, else it would move the cursor. */
    private boolean cr;

    TerminalGuard(OutputStream out, Charset charset) {
        this.out = out;
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
        if (!utf8 && charset.canEncode() && charset.newEncoder().maxBytesPerChar() == 1) {
            for (int b = 0x80; b < 0x100; b++) {
                String c = new String(new byte[] {(byte) b}, charset);
                hiddenByte[b] = c.length() == 1 && SafeText.isHidden(c.charAt(0));
            }
        }
    }

    /** Replaces System.out and System.err with guarded streams in the charsets they had. */
    static void install() {
        System.setOut(stream(FileDescriptor.out, "stdout"));
        System.setErr(stream(FileDescriptor.err, "stderr"));
    }

    private static PrintStream stream(FileDescriptor fd, String name) {
        String enc = System.getProperty(name + ".encoding", System.getProperty("sun." + name + ".encoding"));
        Charset cs = Charset.defaultCharset();
        try {
            if (enc != null) cs = Charset.forName(enc);
        } catch (IllegalArgumentException unknown) {
            // the JVM's default, as the stream had
        }
        return new PrintStream(new TerminalGuard(new FileOutputStream(fd), cs), true, cs);
    }

    @Override
    public void write(int b) throws IOException {
        b &= 0xff;
        if (need > 0) {
            if ((b & 0xc0) == 0x80) {
                seq[seqLen++] = (byte) b;
                if (--need == 0) sequence();
                return;
            }
            badSequence();
        }
        if (cr) {
            cr = false;
            if (b == '\n') {
                put('\r');
                put('\n');
                return;
            }
            escape(0x0d);
        }
        if (b < 0x80) {
            if (b == '\r') cr = true;
            else if (b >= 0x20 && b != 0x7f || b == '\n' || b == '\t') put(b);
            else escape(b);
        } else if (!utf8) {
            if (hiddenByte[b]) escape(b); else put(b);
        } else if (b >= 0xc2 && b <= 0xf4) {
            seq[0] = (byte) b;
            seqLen = 1;
            need = b < 0xe0 ? 1 : b < 0xf0 ? 2 : 3;
        } else {
            escape(b);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        int end = off + len;
        int i = off;
        while (i < end) {
            // a run of bytes that pass unchanged (printable ASCII, line feeds, tabs) is copied at once: byte by byte,
            // the compile-time warnings of a YARA run on a cache hit (15 KB) cost a millisecond in the interpreter
            if (need == 0 && !cr) {
                int run = i;
                while (run < end && (b[run] >= 0x20 && b[run] != 0x7f || b[run] == '\n' || b[run] == '\t')) run++;
                putAll(b, i, run - i);
                i = run;
                if (i == end) break;
            }
            write(b[i++]);
        }
    }

    /** A complete UTF-8 sequence: raw unless it encodes a hidden character or is not a valid encoding. */
    private void sequence() throws IOException {
        need = 0;
        int cp = seq[0] & (0x7f >> seqLen);
        for (int i = 1; i < seqLen; i++) cp = cp << 6 | seq[i] & 0x3f;
        int min = seqLen == 2 ? 0x80 : seqLen == 3 ? 0x800 : 0x10000;
        if (cp < min || cp > 0x10ffff || Character.isSurrogate((char) cp) && cp <= 0xffff) {
            badSequence();
        } else if (SafeText.isHidden(cp)) {
            escape(cp);
        } else {
            for (int i = 0; i < seqLen; i++) put(seq[i] & 0xff);
        }
        seqLen = 0;
    }

    /** Bytes that are not UTF-8 are shown as {@code \xHH}: a stray 0x9b is a CSI to an 8-bit terminal. */
    private void badSequence() throws IOException {
        for (int i = 0; i < seqLen; i++) escape(seq[i] & 0xff);
        seqLen = 0;
        need = 0;
    }

    private void escape(int cp) throws IOException {
        StringBuilder b = new StringBuilder(10);
        SafeText.appendEscape(b, cp);
        for (int i = 0; i < b.length(); i++) put(b.charAt(i));
    }

    private void put(int b) throws IOException {
        if (n == buf.length) drain();
        buf[n++] = (byte) b;
    }

    private void putAll(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (n == buf.length) drain();
            int k = Math.min(len, buf.length - n);
            System.arraycopy(b, off, buf, n, k);
            n += k;
            off += k;
            len -= k;
        }
    }

    private void drain() throws IOException {
        out.write(buf, 0, n);
        n = 0;
    }

    /** Writes what is decided; a CR nothing follows is shown, an unfinished UTF-8 sequence waits for its bytes. */
    @Override
    public void flush() throws IOException {
        if (cr) {
            cr = false;
            escape(0x0d);
        }
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        if (need > 0) badSequence();
        flush();
        out.close();
    }
}
