package dwell.yara;

/** The bytes being scanned, with random access: a whole array for small files, a mapped file for large ones. */
interface ScanData {
    long size();

    /** The byte at {@code pos} as 0..255; {@code pos} must be within the data. */
    int get(long pos);

    /** Copies up to {@code len} bytes from {@code pos} into {@code dst}; returns the number copied. */
    int copy(long pos, byte[] dst, int off, int len);

    /** Bytes held in one array. */
    record Array(byte[] bytes, int length) implements ScanData {
        @Override
        public long size() {
            return length;
        }

        @Override
        public int get(long pos) {
            return bytes[(int) pos] & 0xff;
        }

        @Override
        public int copy(long pos, byte[] dst, int off, int len) {
            int n = (int) Math.max(0, Math.min(len, length - pos));
            System.arraycopy(bytes, (int) pos, dst, off, n);
            return n;
        }
    }
}
