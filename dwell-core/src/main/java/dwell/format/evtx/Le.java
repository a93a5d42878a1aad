package dwell.format.evtx;

/** Little-endian reads from a byte array that refuse to step past a limit (the chunk or structure end). */
final class Le {
    private Le() {
    }

    static void check(int off, int len, int limit) {
        if (off < 0 || len < 0 || off > limit - len) {
            throw new EvtxFormatException(() -> "structure at offset " + off + " (" + len + " bytes) runs past its end " + limit);
        }
    }

    static int u8(byte[] b, int off, int limit) {
        check(off, 1, limit);
        return b[off] & 0xff;
    }

    static int u16(byte[] b, int off, int limit) {
        check(off, 2, limit);
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8;
    }

    static int i32(byte[] b, int off, int limit) {
        check(off, 4, limit);
        return i32(b, off);
    }

    static long u32(byte[] b, int off, int limit) {
        return i32(b, off, limit) & 0xffffffffL;
    }

    static long i64(byte[] b, int off, int limit) {
        check(off, 8, limit);
        return i64(b, off);
    }

    /** Unchecked read; callers have checked the range. */
    static int i32(byte[] b, int off) {
        return (b[off] & 0xff) | (b[off + 1] & 0xff) << 8 | (b[off + 2] & 0xff) << 16 | (b[off + 3] & 0xff) << 24;
    }

    /** Unchecked read; callers have checked the range. */
    static long i64(byte[] b, int off) {
        return (i32(b, off) & 0xffffffffL) | ((long) i32(b, off + 4)) << 32;
    }
}
