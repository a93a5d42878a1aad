package dwell.pivot.store;

/** Where encoded index bytes are appended: paged and spillable ({@link PagedBytes}) or one array ({@link ByteArray}). */
public interface ByteSink {
    void write(int b);

    /** Unsigned LEB128: 7 bits a byte, low bits first. */
    default void writeVarLong(long v) {
        while ((v & ~0x7FL) != 0) {
            write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        write((int) v);
    }

    /** Signed values near zero in few bytes (zigzag, then LEB128). */
    default void writeSignedVarLong(long v) {
        writeVarLong((v << 1) ^ (v >> 63));
    }
}
