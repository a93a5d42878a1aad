package dwell.evidence;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A view of a stream the catalog owns: every byte, skipped ones too, goes through {@link #read(byte[], int, int)}
 * (where subclasses hash or count it), and closing the view leaves the underlying stream open.
 */
abstract class PassThroughStream extends FilterInputStream {
    PassThroughStream(InputStream in) {
        super(in);
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] buf = new byte[8192];
        long done = 0;
        while (done < n) {
            int r = read(buf, 0, (int) Math.min(buf.length, n - done));
            if (r < 0) break;
            done += r;
        }
        return done;
    }

    @Override
    public void close() {
        // the catalog (or the archive stream) owns the underlying stream
    }
}
