package dwell.yara;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writing half of the compiled-rule encoding: ints as variable-length zigzag numbers (seven bits a byte, low
 * group first: most are small counts, indexes and jumps), big-endian longs and doubles, length-prefixed byte arrays,
 * and texts written once and then named by their number (positions repeat one file name thousands of times).
 */
final class CodecOut {
    private byte[] buf = new byte[1 << 16];
    private int size;
    private final Map<String, Integer> texts = new HashMap<>();

    private void room(int n) {
        if (size + n > buf.length) buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
    }

    CodecOut i(int v) {
        room(5);
        int z = (v << 1) ^ (v >> 31);
        while ((z & ~0x7f) != 0) {
            buf[size++] = (byte) (z & 0x7f | 0x80);
            z >>>= 7;
        }
        buf[size++] = (byte) z;
        return this;
    }

    CodecOut l(long v) {
        room(8);
        for (int shift = 56; shift >= 0; shift -= 8) buf[size++] = (byte) (v >>> shift);
        return this;
    }

    CodecOut d(double v) {
        return l(Double.doubleToRawLongBits(v));
    }

    CodecOut bool(boolean v) {
        return i(v ? 1 : 0);
    }

    /** A byte array, or null. */
    CodecOut bytes(byte[] v) {
        if (v == null) return i(-1);
        i(v.length);
        room(v.length);
        System.arraycopy(v, 0, buf, size, v.length);
        size += v.length;
        return this;
    }

    /** An int array, or null. */
    CodecOut ints(int[] v) {
        if (v == null) return i(-1);
        i(v.length);
        for (int x : v) i(x);
        return this;
    }

    /** A text, or null: its number when written before, else the next number and its UTF-16 code units. */
    CodecOut text(String s) {
        if (s == null) return i(-1);
        Integer known = texts.get(s);
        if (known != null) return i(known);
        int n = texts.size();
        texts.put(s, n);
        i(n).i(s.length());
        room(2 * s.length());
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            buf[size++] = (byte) (c >>> 8);
            buf[size++] = (byte) c;
        }
        return this;
    }

    CodecOut texts(List<String> list) {
        i(list.size());
        for (String s : list) text(s);
        return this;
    }

    /** The bytes {@code part} wrote, behind their length, so a reader can pass over them ({@link CodecIn#skip}). */
    CodecOut nested(CodecOut part) {
        return i(part.size).raw(part);
    }

    /** The bytes {@code part} wrote, as they are (its texts must not be named again after them). */
    CodecOut raw(CodecOut part) {
        room(part.size);
        System.arraycopy(part.buf, 0, buf, size, part.size);
        size += part.size;
        return this;
    }

    /** Forgets what was written, to be written again (texts written before are numbered anew too). */
    CodecOut clear() {
        size = 0;
        texts.clear();
        return this;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }
}
