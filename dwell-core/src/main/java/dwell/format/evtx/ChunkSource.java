package dwell.format.evtx;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * An EVTX file whose bytes any thread reads by position: each parsing thread reads its own chunk, so that a chunk's
 * 64 KB are written and parsed on the same core (handed from a reading thread, they cost two threads 12-17% more
 * work per record). Thread-safe; {@link #close} once every read is done.
 */
sealed interface ChunkSource extends Closeable {
    /** The file's bytes in memory (the caller does not change them while the batch reads them). */
    static ChunkSource of(byte[] file) {
        return new Bytes(file);
    }

    /** An open file, closed with this source. */
    static ChunkSource of(RandomAccessFile file) {
        return new File(file);
    }

    /** The file's length now. */
    long size() throws IOException;

    /**
     * Reads up to {@code len} bytes at {@code position} into the start of {@code into}; fewer only where the file
     * ends (it may have shrunk since {@link #size}).
     *
     * @return how many bytes were read
     */
    int read(long position, byte[] into, int len) throws IOException;

    /**
     * A slice of an array. Not a record: sources are kept in a hash set, and a record's hashCode is bootstrapped on
     * first use (method handles spun at run time: 2-3% of a short `evtx dump`'s CPU).
     */
    final class Bytes implements ChunkSource {
        private final byte[] file;

        Bytes(byte[] file) {
            this.file = file;
        }

        @Override
        public long size() {
            return file.length;
        }

        @Override
        public int read(long position, byte[] into, int len) {
            int n = (int) Math.max(0, Math.min(len, file.length - position));
            if (n > 0) System.arraycopy(file, (int) position, into, 0, n);
            return n;
        }

        @Override
        public void close() {
        }
    }

    /**
     * A file read by seeking under its lock, which two threads seldom want at once (most files are one chunk). Not
     * {@code FileChannel.read(buffer, position)}: its deeper path cost `evtx dump` of the corpus x10 4% more CPU with
     * one thread (this 1%), a short run interpreting most of it.
     */
    final class File implements ChunkSource {
        private final RandomAccessFile file;

        File(RandomAccessFile file) {
            this.file = file;
        }

        @Override
        public long size() throws IOException {
            return file.length();
        }

        @Override
        public int read(long position, byte[] into, int len) throws IOException {
            synchronized (file) {
                file.seek(position);
                int n = 0;
                for (int r; n < len && (r = file.read(into, n, len - n)) >= 0; ) n += r;
                return n;
            }
        }

        @Override
        public void close() throws IOException {
            file.close();
        }
    }
}
