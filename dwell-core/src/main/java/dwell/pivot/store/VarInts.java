package dwell.pivot.store;

/** Non-negative ints as unsigned LEB128 ({@link ByteSink#writeVarLong}'s encoding) straight into an array. */
final class VarInts {
    private VarInts() {
    }

    /** Writes {@code v} (not negative) at {@code at}, which has room for five bytes; returns the offset after it. */
    static int write(byte[] a, int at, int v) {
        while ((v & ~0x7F) != 0) {
            a[at++] = (byte) (v & 0x7F | 0x80);
            v >>>= 7;
        }
        a[at++] = (byte) v;
        return at;
    }
}
