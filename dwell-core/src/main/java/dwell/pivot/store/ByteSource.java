package dwell.pivot.store;

/** Encoded index bytes read forward, as a {@link ByteSink} wrote them. */
public interface ByteSource {
    int read();

    default long readVarLong() {
        long v = 0;
        for (int shift = 0; ; shift += 7) {
            int b = read();
            v |= (long) (b & 0x7F) << shift;
            if (b < 0x80) return v;
            if (shift > 56) throw new IllegalStateException("malformed number in the index's bytes");
        }
    }

    default int readVarInt() {
        return (int) readVarLong();
    }

    default long readSignedVarLong() {
        long z = readVarLong();
        return (z >>> 1) ^ -(z & 1);
    }
}
