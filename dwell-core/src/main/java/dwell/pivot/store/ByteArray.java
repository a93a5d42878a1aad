package dwell.pivot.store;

import java.util.Arrays;

/** A growable byte array written as a {@link ByteSink}, and a {@link ByteSource} over a finished one. */
public final class ByteArray implements ByteSink {
    private byte[] a;
    private int n;

    public ByteArray(int capacity) {
        a = new byte[Math.max(16, capacity)];
    }

    @Override
    public void write(int b) {
        if (n == a.length) a = Arrays.copyOf(a, a.length * 2);
        a[n++] = (byte) b;
    }

    /** Bytes written so far. */
    public int size() {
        return n;
    }

    /** Bytes the array holds (what it costs in memory while written). */
    public long capacity() {
        return a.length;
    }

    /** The bytes written, exactly. */
    public byte[] toArray() {
        return Arrays.copyOf(a, n);
    }

    /** Reads {@code bytes} forward from {@code offset}. */
    public static Reader reader(byte[] bytes, int offset) {
        return new Reader(bytes, offset);
    }

    /** Reads an array forward. */
    public static final class Reader implements ByteSource {
        private final byte[] a;
        private int off;

        private Reader(byte[] a, int off) {
            this.a = a;
            this.off = off;
        }

        @Override
        public int read() {
            if (off >= a.length) throw new IllegalStateException("read past the end of the index's bytes at " + off);
            return a[off++] & 0xFF;
        }

        /** The position of the next byte read. */
        public int position() {
            return off;
        }
    }
}
