package dwell.yara;

import java.util.ArrayList;
import java.util.List;

/**
 * The reading half of {@link CodecOut}'s encoding. Every count and number read is checked against what is left or
 * what was defined, so bytes that are not such an encoding end in an {@link IllegalArgumentException}, never in a
 * huge allocation or a structure that breaks the scanner later.
 */
final class CodecIn {
    // a byte array and a position, not a ByteBuffer: decoding runs once in a fresh JVM, interpreted or on C1, where
    // each ByteBuffer.get() is a call of its own with its own checks
    private final byte[] in;
    private int pos;
    private final int limit;
    private final List<String> texts = new ArrayList<>();

    CodecIn(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    /** Reads {@code bytes} from {@code from} up to {@code to}. */
    CodecIn(byte[] bytes, int from, int to) {
        in = bytes;
        pos = from;
        limit = to;
    }

    /** The bytes read. */
    byte[] array() {
        return in;
    }

    /** Where the next read starts. */
    int position() {
        return pos;
    }

    /** Passes over a length and that many bytes (written by {@link CodecOut#nested}); returns where they start. */
    int skip() {
        int n = i();
        if (n < 0 || n > remaining()) throw bad("bad length " + n);
        int at = pos;
        pos += n;
        return at;
    }

    int i() {
        int z = 0;
        for (int shift = 0; ; shift += 7) {
            if (pos == limit) throw bad("truncated");
            int b = in[pos++];
            if (shift == 28 && (b & 0xf0) != 0) throw bad("a number longer than 32 bits");
            z |= (b & 0x7f) << shift;
            if (b >= 0) break;
        }
        return (z >>> 1) ^ -(z & 1);
    }

    long l() {
        if (remaining() < 8) throw bad("truncated");
        long v = 0;
        for (int end = pos + 8; pos < end; pos++) v = v << 8 | in[pos] & 0xff;
        return v;
    }

    private int remaining() {
        return limit - pos;
    }

    double d() {
        return Double.longBitsToDouble(l());
    }

    boolean bool() {
        int v = i();
        if (v != 0 && v != 1) throw bad("not a boolean: " + v);
        return v == 1;
    }

    /** A count of items, each taking at least a byte of what is left. */
    int count() {
        int n = i();
        if (n < 0 || n > remaining()) throw bad("bad count " + n);
        return n;
    }

    /** An int in [0, bound). */
    int index(int bound) {
        int v = i();
        if (v < 0 || v >= bound) throw bad("index " + v + " out of [0, " + bound + ")");
        return v;
    }

    byte[] bytes() {
        int n = i();
        if (n == -1) return null;
        if (n < 0 || n > remaining()) throw bad("bad length " + n);
        byte[] b = java.util.Arrays.copyOfRange(in, pos, pos + n);
        pos += n;
        return b;
    }

    int[] ints() {
        int n = i();
        if (n == -1) return null;
        if (n < 0 || n > remaining()) throw bad("bad length " + n);
        int[] v = new int[n];
        for (int k = 0; k < n; k++) v[k] = i();
        return v;
    }

    String text() {
        int k = i();
        if (k == -1) return null;
        if (k >= 0 && k < texts.size()) return texts.get(k);
        if (k != texts.size()) throw bad("text number " + k + " out of order");
        int n = i();
        if (n < 0 || (long) n * 2 > remaining()) throw bad("bad text length " + n);
        char[] c = new char[n];
        for (int j = 0; j < n; j++, pos += 2) c[j] = (char) ((in[pos] & 0xff) << 8 | in[pos + 1] & 0xff);
        String s = new String(c);
        texts.add(s);
        return s;
    }

    List<String> texts() {
        int n = count();
        List<String> out = new ArrayList<>(n);
        for (int k = 0; k < n; k++) out.add(text());
        return List.copyOf(out);
    }

    /** Fails unless every byte was read. */
    void end() {
        if (remaining() > 0) throw bad(remaining() + " bytes left over");
    }

    static IllegalArgumentException bad(String why) {
        return new IllegalArgumentException("not a compiled YARA rule set: " + why);
    }
}
