package dwell.format.evtx;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-16LE text of a chunk into strings through buffers reused from string to string: a record's values
 * are mostly short Latin-1 strings, and a fresh buffer for each was a tenth of all the reader allocated. One per
 * {@link ChunkData}, so used by one thread at a time.
 */
final class Utf16 {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** The high byte of each of four UTF-16LE code units in a little-endian long: all zero for Latin-1 text. */
    private static final long HIGH_BYTES = 0xff00ff00ff00ff00L;
    private byte[] latin = new byte[256];
    private char[] wide = new char[0];

    /**
     * Decodes {@code chars} code units. Latin-1 text becomes a compact string directly, which the JDK's generic
     * decoder does not do (it yields two-byte strings, slow to hash).
     */
    String chars(byte[] b, int off, int chars) {
        if (chars == 0) return "";
        byte[] l = latin.length >= chars ? latin : (latin = new byte[Math.max(chars, 2 * latin.length)]);
        int i = 0;
        // four characters a step: paths and command lines make this loop a tenth of a pass
        for (; i + 4 <= chars; i += 4) {
            long w = (long) LONG.get(b, off + 2 * i);
            if ((w & HIGH_BYTES) != 0) return wide(b, off, chars);
            INT.set(l, i, (int) (w & 0xff | w >>> 8 & 0xff00 | w >>> 16 & 0xff0000 | w >>> 24 & 0xff000000L));
        }
        for (; i < chars; i++) {
            if (b[off + 2 * i + 1] != 0) return wide(b, off, chars);
            l[i] = b[off + 2 * i];
        }
        return new String(l, 0, chars, StandardCharsets.ISO_8859_1);
    }

    /** Decodes {@code size} bytes of text without its trailing NUL characters. */
    String trimmed(byte[] b, int off, int size) {
        int end = off + (size & ~1);
        while (end >= off + 2 && b[end - 1] == 0 && b[end - 2] == 0) end -= 2;
        return chars(b, off, (end - off) / 2);
    }

    private String wide(byte[] b, int off, int chars) {
        char[] c = wide.length >= chars ? wide : (wide = new char[Math.max(chars, 2 * wide.length)]);
        for (int i = 0; i < chars; i++) c[i] = (char) ((b[off + 2 * i] & 0xff) | (b[off + 2 * i + 1] & 0xff) << 8);
        return new String(c, 0, chars);
    }
}
