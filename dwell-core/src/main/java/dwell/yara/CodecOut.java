package dwell.yara;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The writing half of the compiled-rule encoding: ints as variable-length zigzag numbers (seven bits a byte, low
 * group first: most are small counts, indexes and jumps), big-endian longs and doubles, length-prefixed byte arrays,
 * and texts written once and then named by their number (positions repeat one file name thousands of times).
 */
final class CodecOut {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 20);
    private final DataOutputStream out = new DataOutputStream(bytes);
    private final Map<String, Integer> texts = new HashMap<>();

    CodecOut i(int v) {
        int z = (v << 1) ^ (v >> 31);
        while ((z & ~0x7f) != 0) {
            bytes.write(z & 0x7f | 0x80);
            z >>>= 7;
        }
        bytes.write(z);
        return this;
    }

    CodecOut l(long v) {
        try {
            out.writeLong(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        out(v);
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
        try {
            out.writeChars(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    CodecOut texts(List<String> list) {
        i(list.size());
        for (String s : list) text(s);
        return this;
    }

    private void out(byte[] v) {
        try {
            out.flush();
            bytes.write(v);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    byte[] toByteArray() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
