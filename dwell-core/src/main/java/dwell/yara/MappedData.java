package dwell.yara;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/** A file mapped read-only in 1 GB segments, so files beyond 2 GB (and 4 GB) are scanned without heap copies. */
final class MappedData implements ScanData {
    private static final int SHIFT = 30;
    private static final long SEGMENT = 1L << SHIFT;
    private final MappedByteBuffer[] segments;
    private final long size;

    MappedData(FileChannel ch, long size) throws IOException {
        this.size = size;
        int n = (int) ((size + SEGMENT - 1) / SEGMENT);
        segments = new MappedByteBuffer[n];
        for (int k = 0; k < n; k++) {
            long from = k * SEGMENT;
            segments[k] = ch.map(FileChannel.MapMode.READ_ONLY, from, Math.min(SEGMENT, size - from));
        }
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public int get(long pos) {
        return segments[(int) (pos >>> SHIFT)].get((int) (pos & (SEGMENT - 1))) & 0xff;
    }

    @Override
    public int copy(long pos, byte[] dst, int off, int len) {
        int done = 0;
        while (done < len && pos < size) {
            MappedByteBuffer seg = segments[(int) (pos >>> SHIFT)];
            int in = (int) (pos & (SEGMENT - 1));
            int n = (int) Math.min(len - done, seg.limit() - in);
            seg.get(in, dst, off + done, n);
            done += n;
            pos += n;
        }
        return done;
    }
}
