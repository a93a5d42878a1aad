package dwell.spark.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import org.apache.hadoop.fs.FSDataInputStream;

/** A Hadoop file read with random access: the position is kept here, and the stream seeks only when a read needs it. */
final class HadoopChannel implements SeekableByteChannel {
    private final FSDataInputStream in;
    private final long size;
    private long position;
    private boolean open = true;

    HadoopChannel(FSDataInputStream in, long size) {
        this.in = in;
        this.size = size;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
        if (!open) throw new ClosedChannelException();
        if (position >= size) return -1;
        // Hadoop refuses a seek past the end, which a channel allows: such a position reads nothing (above)
        if (in.getPos() != position) in.seek(position);
        int want = (int) Math.min(dst.remaining(), size - position);
        byte[] buf = dst.hasArray() ? dst.array() : new byte[want];
        int off = dst.hasArray() ? dst.arrayOffset() + dst.position() : 0;
        int n = in.read(buf, off, want);
        if (n <= 0) return n == 0 ? 0 : -1;
        if (dst.hasArray()) dst.position(dst.position() + n);
        else dst.put(buf, 0, n);
        position += n;
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        throw new NonWritableChannelException();
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
        if (newPosition < 0) throw new IllegalArgumentException("negative position");
        position = newPosition;
        return this;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
        throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() throws IOException {
        open = false;
        in.close();
    }
}
