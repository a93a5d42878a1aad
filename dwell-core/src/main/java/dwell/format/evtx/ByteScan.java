package dwell.format.evtx;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Scans of chunk bytes eight at a time: the record signature search and the zero test walk every byte of slack
 * space, the largest part of most chunks, so a byte-at-a-time loop there costs more than parsing the records.
 */
final class ByteScan {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long STARS = 0x2a2a2a2a2a2a2a2aL;
    /** Only ever read. */
    private static final byte[] ZEROS = new byte[4096];

    private ByteScan() {
    }

    /** Whether the record signature {@code 2a 2a 00 00} starts at {@code p} and ends by {@code end}. */
    static boolean signatureAt(byte[] b, int p, int end) {
        return p >= 0 && p + 4 <= end && b[p] == 0x2a && b[p + 1] == 0x2a && b[p + 2] == 0 && b[p + 3] == 0;
    }

    /** The first offset from {@code from} where a record signature lies whole before {@code end}, or {@code end}. */
    static int nextSignature(byte[] b, int from, int end) {
        int p = Math.max(from, 0);
        // sixteen bytes a step: slack space holds few stars, and the loop's own work weighed as much as the loads
        while (p + 16 <= end) {
            long w1 = (long) LONG.get(b, p);
            long w2 = (long) LONG.get(b, p + 8);
            if ((w1 | w2) == 0) {
                // slack space is mostly zeros, which hold no signature: passed over by the vector loop of zeroFrom
                p = nonZero(b, p + 16, end);
                continue;
            }
            if (hasStar(w1) || hasStar(w2)) {
                for (int q = p; q < p + 16; q++) {
                    if (signatureAt(b, q, end)) return q;
                }
            }
            p += 16;
        }
        while (p + 8 <= end) {
            if (hasStar((long) LONG.get(b, p))) {
                for (int q = p; q < p + 8; q++) {
                    if (signatureAt(b, q, end)) return q;
                }
            }
            p += 8;
        }
        for (; p + 4 <= end; p++) {
            if (signatureAt(b, p, end)) return p;
        }
        return end;
    }

    /** The first offset from {@code from} holding a byte other than zero, or {@code end}. */
    static int nonZero(byte[] b, int from, int end) {
        for (int p = Math.max(from, 0); p < end; p += ZEROS.length) {
            int n = Math.min(ZEROS.length, end - p);
            int at = Arrays.mismatch(b, p, p + n, ZEROS, 0, n);
            if (at >= 0) return p + at;
        }
        return end;
    }

    /** Whether one of the eight bytes of {@code w} is 0x2a: without one, no signature starts in them. */
    private static boolean hasStar(long w) {
        long x = w ^ STARS;
        return ((x - ONES) & ~x & HIGHS) != 0;
    }

    /**
     * Whether every byte from {@code from} to {@code end} is zero. Compared with zeros by {@link Arrays#mismatch},
     * which the JIT makes a vector loop: a third of the corpus's chunks are preallocated and all zero, and a
     * word at a time their test took a tenth of the reader's time.
     */
    static boolean zeroFrom(byte[] b, int from, int end) {
        return nonZero(b, from, end) >= end;
    }
}
